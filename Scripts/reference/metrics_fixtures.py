"""Reference values for dmlx's metric suite, from the real libraries.

Writes Tests/DMLXEngineTests/Fixtures/metrics/retrieval.json and contingency.json.
Run from the repository root with the reference environment (not run by CI):

    /opt/refenv/bin/python Scripts/reference/metrics_fixtures.py

retrieval.json: labelled embedding sets scored by pytorch-metric-learning 2.9's
AccuracyCalculator leave-one-out (reference = query, so ref_includes_query=True and
the query itself is dropped from its neighbours by index; k="max_bin_count" so that
R-precision and MAP@R see every same-label sample), Recall@K by a brute-force numpy
loop over the same leave-one-out neighbours, and scikit-learn's NMI/AMI
(average_method="arithmetic") of the labels against a given cluster assignment.

contingency.json: large contingency tables (up to n = 70000, 100 x 100) with
scikit-learn's NMI and AMI, to check the expected-mutual-information term at scale.
"""
import json
import os

import numpy as np
import torch
from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "metrics")
RECALL_KS = (1, 2, 4, 8)


def recall_at(embeddings, labels):
    """Fraction of non-lone queries with a same-label sample among their K nearest others."""
    x = embeddings.astype(np.float64)
    distances = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(distances, np.inf)
    order = np.argsort(distances, axis=1, kind="stable")
    counts = {c: int((labels == c).sum()) for c in np.unique(labels)}
    queries = [i for i in range(len(labels)) if counts[labels[i]] > 1]
    return {str(k): float(np.mean([(labels[order[i, :k]] == labels[i]).any() for i in queries]))
            for k in RECALL_KS}


def case(name, embeddings, labels, clusters):
    embeddings = embeddings.astype(np.float32)
    calculator = AccuracyCalculator(
        include=("precision_at_1", "r_precision", "mean_average_precision_at_r"),
        k="max_bin_count", device=torch.device("cpu"))
    scores = calculator.get_accuracy(embeddings, labels)
    return {
        "name": name,
        "embeddings": embeddings.tolist(),
        "labels": labels.tolist(),
        "clusters": clusters.tolist(),
        "precision_at_1": scores["precision_at_1"],
        "r_precision": scores["r_precision"],
        "map_at_r": scores["mean_average_precision_at_r"],
        "recall_at": recall_at(embeddings, labels),
        "nmi": normalized_mutual_info_score(labels, clusters, average_method="arithmetic"),
        "ami": adjusted_mutual_info_score(labels, clusters, average_method="arithmetic"),
    }


def noisy_copy(labels, rng, flip, count):
    """The labels with a fraction `flip` replaced by random values in [0, count)."""
    clusters = labels.copy()
    mask = rng.random(len(labels)) < flip
    clusters[mask] = rng.integers(0, count, mask.sum())
    return clusters


def retrieval_cases(rng):
    cases = []
    labels = rng.integers(0, 6, 300)
    cases.append(case("random", rng.normal(size=(300, 8)), labels, rng.integers(0, 6, 300)))

    labels = rng.integers(0, 5, 300)
    labels[17] = 5  # class 5 has a single sample: a lone query, left out by PML
    cases.append(case("lone-class", rng.normal(size=(300, 8)), labels, noisy_copy(labels, rng, 0.5, 6)))

    labels = np.repeat(np.arange(6), 50)
    rng.shuffle(labels)
    centers = rng.normal(scale=2.0, size=(6, 8))
    embeddings = centers[labels] + rng.normal(size=(300, 8))
    cases.append(case("clustered", embeddings, labels, noisy_copy(labels, rng, 0.2, 7)))

    labels = rng.integers(0, 4, 120)
    embeddings = rng.normal(size=(120, 3)) + labels[:, None] * 0.7
    cases.append(case("unbalanced-few-dims", embeddings, labels, noisy_copy(labels, rng, 0.3, 3)))
    return cases


def contingency_case(rng, n, classes, clusters, agreement):
    labels = rng.integers(0, classes, n)
    predicted = np.where(rng.random(n) < agreement, labels % clusters, rng.integers(0, clusters, n))
    table = np.zeros((classes, clusters), dtype=np.int64)
    np.add.at(table, (labels, predicted), 1)
    return {
        "table": table.tolist(),
        "nmi": normalized_mutual_info_score(labels, predicted, average_method="arithmetic"),
        "ami": adjusted_mutual_info_score(labels, predicted, average_method="arithmetic"),
    }


def main():
    rng = np.random.default_rng(20261125)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "retrieval.json"), "w") as f:
        json.dump(retrieval_cases(rng), f)
    tables = [
        contingency_case(rng, 500, 10, 12, 0.5),
        contingency_case(rng, 10000, 10, 10, 0.1),
        contingency_case(rng, 70000, 100, 100, 0.6),
        contingency_case(rng, 70000, 100, 90, 0.0),
    ]
    with open(os.path.join(OUT, "contingency.json"), "w") as f:
        json.dump(tables, f)


if __name__ == "__main__":
    main()
