#!/usr/bin/env python3
"""Train a small pytorch-metric-learning model on the CPU while dmlx watches it.

Two terminals (the second may be on another machine: `ssh -t host dmlx watch runs`):

    PYTHONPATH=python python3 Examples/pytorch_pml_watch.py --run-dir runs --epochs 20
    dmlx watch runs

The data are scikit-learn's digits (1,797 8×8 images), half of each class for training
and half for testing. An MLP 64→128→32 is trained by PML's `trainers.MetricLossOnly`
with Proxy-NCA (or, with `--loss triplet`, a triplet margin loss and a semi-hard miner).
After every epoch `dmlx_record.PMLHooks` records the test split's embeddings, as PML's
tester computes them, and each batch's loss; dmlx scores every epoch itself. With
`--pml-metrics FILE` the script also appends PML's own `AccuracyCalculator` values for
the very same embeddings to FILE, one JSON line per epoch, for comparison with dmlx's.
Needs torch, pytorch-metric-learning and scikit-learn (PML's own dependency).
"""
import argparse
import json
from typing import Optional

import numpy as np
import torch
from pytorch_metric_learning import losses, miners, samplers, testers, trainers
from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator
from sklearn.datasets import load_digits

from dmlx_record import PMLHooks, Recorder


def digits_halves(seed: int):
    """Train and test datasets: a seeded half of each class each, features scaled to 0…1."""
    x, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(seed)
    test = np.zeros(len(y), dtype=bool)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        test[rng.permutation(members)[: len(members) // 2]] = True
    features = torch.tensor(x / 16.0, dtype=torch.float32)
    labels = torch.tensor(y)
    return (torch.utils.data.TensorDataset(features[~test], labels[~test]),
            torch.utils.data.TensorDataset(features[test], labels[test]))


class ScoringHooks(PMLHooks):
    """`PMLHooks` that also appends PML's metrics of each recorded epoch to a file."""

    def __init__(self, recorder: Recorder, tester, dataset, metrics_file: Optional[str]) -> None:
        super().__init__(recorder, tester, dataset)
        self.metrics_file = metrics_file
        self.calculator = AccuracyCalculator(include=("precision_at_1", "r_precision", "mean_average_precision_at_r"),
                                             k="max_bin_count", device=torch.device("cpu"))

    def end_of_epoch(self, trainer) -> bool:
        super().end_of_epoch(trainer)
        if self.metrics_file is not None:
            embeddings, labels = self.tester.get_all_embeddings(self.dataset, trainer.models["trunk"],
                                                                trainer.models["embedder"])
            scores = self.calculator.get_accuracy(embeddings.cpu().numpy(), labels.cpu().numpy().reshape(-1))
            with open(self.metrics_file, "a", encoding="utf-8") as f:
                f.write(json.dumps({"run": self.recorder.name, "epoch": trainer.epoch,
                                    "precision_at_1": scores["precision_at_1"], "r_precision": scores["r_precision"],
                                    "map_at_r": scores["mean_average_precision_at_r"]}) + "\n")
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run-dir", default="runs")
    parser.add_argument("--name", help="the run's name (default: the loss)")
    parser.add_argument("--loss", choices=["proxy-nca", "triplet"], default="proxy-nca")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pml-metrics", help="append PML's AccuracyCalculator values per epoch to this file")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    train_set, test_set = digits_halves(args.seed)
    trunk = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU())
    embedder = torch.nn.Linear(128, 32)
    optimizers = {"trunk_optimizer": torch.optim.Adam(trunk.parameters(), lr=1e-3),
                  "embedder_optimizer": torch.optim.Adam(embedder.parameters(), lr=1e-3)}
    train_labels = train_set.tensors[1].numpy()
    if args.loss == "proxy-nca":
        loss = losses.ProxyNCALoss(num_classes=10, embedding_size=32)
        optimizers["metric_loss_optimizer"] = torch.optim.Adam(loss.parameters(), lr=1e-2)
        mining = {}
    else:
        loss = losses.TripletMarginLoss(margin=0.2)
        mining = {"tuple_miner": miners.TripletMarginMiner(margin=0.2, type_of_triplets="semihard")}
    config = {"loss": args.loss, "epochs": args.epochs, "seed": args.seed, "model": "64-128-32", "lr": 1e-3}
    with Recorder(args.run_dir, name=args.name or args.loss, config=config) as recorder:
        tester = testers.BaseTester(dataloader_num_workers=0)
        hooks = ScoringHooks(recorder, tester, test_set, args.pml_metrics)
        trainer = trainers.MetricLossOnly(
            models={"trunk": trunk, "embedder": embedder}, optimizers=optimizers, batch_size=64,
            loss_funcs={"metric_loss": loss}, mining_funcs=mining, dataset=train_set,
            sampler=samplers.MPerClassSampler(train_labels, m=8, length_before_new_iter=len(train_labels)),
            dataloader_num_workers=0, end_of_iteration_hook=hooks.end_of_iteration, end_of_epoch_hook=hooks.end_of_epoch)
        trainer.train(num_epochs=args.epochs)


if __name__ == "__main__":
    main()
