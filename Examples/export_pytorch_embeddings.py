#!/usr/bin/env python3
"""Export embeddings and labels from a PyTorch model to .npy files for `dmlx eval` / `dmlx view`.

Usage (needs torch, numpy; pytorch-metric-learning only for --train-epochs and --pml-metrics):

    python3 Examples/export_pytorch_embeddings.py --data ../shared/data/digits.csv \
        --train-epochs 10 --out /tmp/digits-emb --pml-metrics
    dmlx eval --embeddings /tmp/digits-emb/embeddings.npy --labels /tmp/digits-emb/labels.npy

The CSV holds one sample per line, features first and the integer label last (the layout of
dmlx's built-in data). The model is an MLP (--hidden, --dim); --weights loads a state_dict
saved with torch.save(model.state_dict(), PATH) for the same architecture, --train-epochs
trains it here with pytorch-metric-learning's TripletMarginLoss and a semi-hard miner.
With --pml-metrics the script prints AccuracyCalculator's numbers for the same embeddings,
so they can be set beside `dmlx eval --json`.
"""
import argparse
import os

import numpy as np
import torch


def build_model(inputs, hidden, dim):
    layers, width = [], inputs
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, dim))
    return torch.nn.Sequential(*layers)


def train(model, x, y, epochs, seed):
    from pytorch_metric_learning import losses, miners, samplers

    torch.manual_seed(seed)
    loss_fn = losses.TripletMarginLoss(margin=0.2)
    miner = miners.TripletMarginMiner(margin=0.2, type_of_triplets="semihard")
    sampler = samplers.MPerClassSampler(y.numpy(), m=8, batch_size=64, length_before_new_iter=len(y))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=64, sampler=sampler)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for xb, yb in loader:
            optimizer.zero_grad()
            embeddings = model(xb)
            loss = loss_fn(embeddings, yb, miner(embeddings, yb))
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="CSV: features..., integer label")
    parser.add_argument("--out", required=True, help="directory for embeddings.npy and labels.npy")
    parser.add_argument("--hidden", default="128", help="hidden widths, comma-separated")
    parser.add_argument("--dim", type=int, default=32)
    parser.add_argument("--weights", help="state_dict to load")
    parser.add_argument("--train-epochs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pml-metrics", action="store_true")
    args = parser.parse_args()

    table = np.loadtxt(args.data, delimiter=",", dtype=np.float64)
    features = table[:, :-1]
    features = (features - features.mean(0)) / np.where(features.std(0) > 0, features.std(0), 1)
    x = torch.tensor(features, dtype=torch.float32)
    y = torch.tensor(table[:, -1].astype(np.int64))

    torch.manual_seed(args.seed)
    model = build_model(x.shape[1], [int(h) for h in args.hidden.split(",") if h], args.dim)
    if args.weights:
        model.load_state_dict(torch.load(args.weights))
    if args.train_epochs:
        train(model, x, y, args.train_epochs, args.seed)
    model.eval()
    with torch.no_grad():
        embeddings = model(x).numpy().astype(np.float32)

    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "embeddings.npy"), embeddings)
    np.save(os.path.join(args.out, "labels.npy"), y.numpy())
    print(f"wrote {embeddings.shape[0]} x {embeddings.shape[1]} embeddings to {args.out}")

    if args.pml_metrics:
        from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator

        calculator = AccuracyCalculator(include=("precision_at_1", "r_precision", "mean_average_precision_at_r"),
                                        k="max_bin_count")
        e = torch.tensor(embeddings)
        print(calculator.get_accuracy(e, y, e, y, ref_includes_query=True))


if __name__ == "__main__":
    main()
