"""Reference values for `dmlx eval`, from the real libraries, on files saved by NumPy.

Writes Tests/DMLXCommandLineTests/Fixtures/eval/: for each case an embeddings .npy, a
labels .npy (int64) and a cluster assignment .npy (int64), plus expected.json. Run from
the repository root with the reference environment (not run by CI; the files are
committed and the Swift tests run the built `dmlx` binary on them):

    /opt/refenv/bin/python Scripts/reference/cli_fixtures.py

Expected values per case (retrieval and clustering by metrics_fixtures.case):
- precision_at_1, r_precision, map_at_r: pytorch-metric-learning 2.9's AccuracyCalculator
  with query = reference (ref_includes_query=True: the query itself is dropped from its
  neighbours) and k="max_bin_count" so that R-precision and MAP@R see every same-label
  sample; recall_at: a brute-force float64 loop over the same leave-one-out neighbours;
- nmi, ami: scikit-learn's normalized/adjusted_mutual_info_score (arithmetic mean) of the
  labels against the saved cluster assignment;
- loss: pytorch-metric-learning's TripletMarginLoss(margin=0.2), ContrastiveLoss() and
  MultiSimilarityLoss() with their defaults (L2 / cosine on normalised embeddings,
  average over non-zero terms) over every valid tuple of the whole set, no miner. dmlx
  stores embeddings as float32, so the losses are computed in float64 on the
  float32-rounded values: the comparison then tests the formulas, not the rounding.
"""
import json
import os

import numpy as np
import torch
from pytorch_metric_learning import losses

# The engine's metric fixtures: the same AccuracyCalculator and scikit-learn conventions.
from metrics_fixtures import case, noisy_copy

OUT = os.path.join("Tests", "DMLXCommandLineTests", "Fixtures", "eval")


def loss_values(embeddings, labels):
    x = torch.tensor(embeddings.astype(np.float32).astype(np.float64))
    y = torch.tensor(labels)
    return {
        "triplet_margin_0.2": losses.TripletMarginLoss(margin=0.2)(x, y).item(),
        "contrastive": losses.ContrastiveLoss()(x, y).item(),
        "multi_similarity": losses.MultiSimilarityLoss()(x, y).item(),
    }


def save_case(name, embeddings, labels, clusters):
    files = {"embeddings": f"{name}.npy", "labels": f"{name}-labels.npy", "clusters": f"{name}-clusters.npy"}
    np.save(os.path.join(OUT, files["embeddings"]), embeddings)
    np.save(os.path.join(OUT, files["labels"]), labels.astype(np.int64))
    np.save(os.path.join(OUT, files["clusters"]), clusters.astype(np.int64))
    scores = case(name, embeddings, labels, clusters)
    for key in ("name", "embeddings", "labels", "clusters"):
        del scores[key]
    return {"files": files, "n": int(embeddings.shape[0]), "dim": int(embeddings.shape[1]),
            "dtype": str(embeddings.dtype), **scores, "loss": loss_values(embeddings, labels)}


def main():
    rng = np.random.default_rng(20261126)
    os.makedirs(OUT, exist_ok=True)
    cases = {}

    # 500 x 16 float32, 7 overlapping Gaussian classes of unequal sizes.
    labels = rng.integers(0, 7, 500)
    centers = rng.normal(scale=1.2, size=(7, 16))
    embeddings = (centers[labels] + rng.normal(size=(500, 16))).astype(np.float32)
    cases["clustered-f32"] = save_case("clustered-f32", embeddings, labels, noisy_copy(labels, rng, 0.3, 8))

    # 240 x 8 float64, 5 classes plus one class with a single sample (a lone query,
    # which PML leaves out of every retrieval average).
    labels = rng.integers(0, 5, 240)
    labels[101] = 5
    embeddings = rng.normal(size=(240, 8)) + labels[:, None] * 0.6
    cases["lone-f64"] = save_case("lone-f64", embeddings, labels, noisy_copy(labels, rng, 0.5, 4))

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"source": "pytorch-metric-learning 2.9.0, scikit-learn 1.9, Scripts/reference/cli_fixtures.py",
                   "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
