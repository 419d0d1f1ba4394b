"""PyTorch + pytorch-metric-learning epochs for `dmlx bench --peers PYTHON`.

Called by dmlx itself with the interpreter of Scripts/make-peers-venv.sh's venv, once per
training case:

    python Scripts/reference/pml_training.py FEATURES.npy LABELS.npy --hidden 128 --dim 32 --batch-size 64 \
        --m-per-class 8 --loss triplet --miner semihard --margin 0.2 --epochs 5 --threads 2

The two files are dmlx's own prepared training split, its features (n × d float32, already
standardised by dmlx) and labels, so both sides train on identical inputs. The model
is dmlx's `--model mlp`: Linear layers with ReLU between them (PyTorch's default
initialisation, as dmlx's) and L2 normalisation at the end; Adam at --lr, and for
Proxy-NCA its proxies in a second Adam at --proxy-lr. Losses and miners are PML's:
`ProxyNCALoss(num_classes, embedding_size)` (softmax scale 1), or `TripletMarginLoss(margin)`
with `TripletMarginMiner(margin, type_of_triplets="semihard")` (--miner none: every triplet
of the batch), each with PML's default distance and reducer.

Batches: an epoch has ⌊n / batch size⌋ of them, drawn by PML's `MPerClassSampler(m)` when
the split has enough classes for it (batch size / m of them); zero-shot splits have fewer
(Fashion-MNIST trains on 5 classes, a batch of 128 at m = 8 wants 16), and then every batch
takes all classes and shares its slots evenly, the remainder going to classes drawn at
random — dmlx's `BatchSampler` rule, which PML's sampler refuses. Batches are indexed
straight from the tensors (no DataLoader, whose per-sample collation would be measured
instead of the training).

torch.set_num_threads(--threads). Each epoch is timed from its first batch to its last step
(sampling included, no evaluation), as dmlx's `train_seconds`. Prints one JSON line per
epoch: {"peer", "version", "torch", "epoch", "seconds"}.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np
import pytorch_metric_learning
import torch
from pytorch_metric_learning import losses, miners, samplers


class EmbeddingMLP(torch.nn.Module):
    """dmlx's `--model mlp`: Linear, ReLU, ..., Linear, then L2 normalisation."""

    def __init__(self, widths: list[int]) -> None:
        """
        Parameters
        ----------
        widths : input dimension, hidden widths, embedding dimension.
        """
        super().__init__()
        layers: list[torch.nn.Module] = []
        for index, (inputs, outputs) in enumerate(zip(widths, widths[1:])):
            if index > 0:
                layers.append(torch.nn.ReLU())
            layers.append(torch.nn.Linear(inputs, outputs))
        self.layers = torch.nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(self.layers(x), dim=1)


def even_share_batches(labels: np.ndarray, batch_size: int, count: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches holding every class, `batch_size // classes` samples each and one more for
    `batch_size % classes` classes drawn at random (dmlx's `BatchSampler` when there are too
    few classes for m per class).

    Parameters
    ----------
    labels : the training labels.
    batch_size : samples per batch.
    count : batches in the epoch.
    rng : the epoch's random generator.

    Returns
    -------
    `count` arrays of training indices.
    """
    members = [np.flatnonzero(labels == label) for label in np.unique(labels)]
    share, remainder = divmod(batch_size, len(members))
    batches = []
    for _ in range(count):
        extra = set(rng.permutation(len(members))[:remainder].tolist())
        batches.append(np.concatenate([
            rng.choice(pool, size=share + (c in extra), replace=len(pool) < share + (c in extra))
            for c, pool in enumerate(members)]))
    return batches


def epoch_batches(labels: np.ndarray, batch_size: int, m: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch's batches: ⌊n / batch_size⌋ of them, m per class (see the module's doc).

    Parameters
    ----------
    labels : the training labels.
    batch_size : samples per batch.
    m : samples per class in a batch.
    rng : the epoch's random generator (used when PML's sampler cannot serve).

    Returns
    -------
    Arrays of training indices, one per batch.
    """
    count = max(1, len(labels) // batch_size)
    if m * len(np.unique(labels)) < batch_size:
        return even_share_batches(labels, batch_size, count, rng)
    sampler = samplers.MPerClassSampler(labels, m=m, batch_size=batch_size, length_before_new_iter=len(labels))
    order = np.fromiter(iter(sampler), dtype=np.int64)
    return [order[b * batch_size : (b + 1) * batch_size] for b in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features")
    parser.add_argument("labels")
    parser.add_argument("--hidden", default="128", help="comma-separated hidden widths")
    parser.add_argument("--dim", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--m-per-class", type=int, default=8)
    parser.add_argument("--loss", choices=["proxy-nca", "triplet"], default="proxy-nca")
    parser.add_argument("--miner", choices=["none", "semihard"], default="none")
    parser.add_argument("--margin", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--proxy-lr", type=float, default=1e-2)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)
    features = torch.from_numpy(np.load(arguments.features).astype(np.float32))
    labels_array = np.load(arguments.labels).astype(np.int64)
    labels = torch.from_numpy(labels_array)
    hidden = [int(width) for width in arguments.hidden.split(",") if width]
    model = EmbeddingMLP([features.shape[1], *hidden, arguments.dim])
    optimizers = [torch.optim.Adam(model.parameters(), lr=arguments.lr)]
    miner = None
    if arguments.loss == "proxy-nca":
        # PML's proxies are indexed by label: labels must be 0..C-1.
        classes, labels_array = np.unique(labels_array, return_inverse=True)
        labels = torch.from_numpy(labels_array)
        loss = losses.ProxyNCALoss(num_classes=len(classes), embedding_size=arguments.dim)
        optimizers.append(torch.optim.Adam(loss.parameters(), lr=arguments.proxy_lr))
    else:
        loss = losses.TripletMarginLoss(margin=arguments.margin)
    if arguments.miner == "semihard":
        miner = miners.TripletMarginMiner(margin=arguments.margin, type_of_triplets="semihard")
    rng = np.random.default_rng(arguments.seed)
    for epoch in range(1, arguments.epochs + 1):
        started = time.perf_counter()
        for batch in epoch_batches(labels_array, arguments.batch_size, arguments.m_per_class, rng):
            index = torch.from_numpy(batch)
            x, y = features[index], labels[index]
            for optimizer in optimizers:
                optimizer.zero_grad()
            embeddings = model(x)
            value = loss(embeddings, y, miner(embeddings, y)) if miner is not None else loss(embeddings, y)
            value.backward()
            for optimizer in optimizers:
                optimizer.step()
        seconds = time.perf_counter() - started
        print(json.dumps({"peer": "pytorch-metric-learning", "version": pytorch_metric_learning.__version__,
                          "torch": torch.__version__, "epoch": epoch, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
