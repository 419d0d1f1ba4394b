"""`dmlx eval --per-class --json` on embeddings saved by NumPy gives each class's
precision@1, R-precision and MAP@R as pytorch-metric-learning's
`AccuracyCalculator(return_per_class=True)` computes them (to 1e-4), and each class's
confusions as counted here from NumPy's own distances. Needs torch, pytorch-metric-learning
and faiss (Scripts/test-python.sh installs them and sets DMLX_REQUIRE_TORCH, so that their
absence fails instead of skipping)."""
import json
import os
import subprocess

import numpy as np
import pytest

from test_pml_end_to_end import require
from test_watch_end_to_end import DMLX

METRICS = {"precision_at_1": "precision_at_1", "r_precision": "r_precision",
           "map_at_r": "mean_average_precision_at_r"}


def labelled_set(seed: int):
    """Seven overlapping classes of unequal sizes (9 to 160 points) and one lone sample."""
    rng = np.random.default_rng(seed)
    sizes = [160, 120, 90, 60, 40, 20, 9]
    labels = np.concatenate([np.full(size, label) for label, size in enumerate(sizes)] + [np.array([42])])
    centres = rng.normal(scale=1.5, size=(43, 12))
    embeddings = (centres[labels] + rng.normal(size=(len(labels), 12))).astype(np.float32)
    order = rng.permutation(len(labels))
    return embeddings[order], labels[order]


def confusions(embeddings: np.ndarray, labels: np.ndarray, label: int):
    """Class `label`'s confusions from a brute-force search: among each of its queries' R
    nearest others, the counts of every other class, the most first (ties to the smaller)."""
    squared = ((embeddings[:, None, :].astype(np.float64) - embeddings[None, :, :]) ** 2).sum(-1)
    members = np.flatnonzero(labels == label)
    r = len(members) - 1
    counts = {}
    for query in members:
        distances = squared[query].copy()
        distances[query] = np.inf
        for other in np.argsort(distances, kind="stable")[:r]:
            if labels[other] != label:
                counts[int(labels[other])] = counts.get(int(labels[other]), 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@pytest.mark.skipif(not os.access(DMLX, os.X_OK), reason=f"no dmlx binary at {DMLX}")
@pytest.mark.parametrize("seed", [0, 1])
def test_dmlx_eval_per_class_equals_pml_return_per_class(tmp_path, seed):
    for module in ("torch", "pytorch_metric_learning", "faiss"):
        require(module)
    import torch
    from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator

    embeddings, labels = labelled_set(seed)
    np.save(tmp_path / "embeddings.npy", embeddings)
    np.save(tmp_path / "labels.npy", labels)
    result = subprocess.run([DMLX, "eval", "--embeddings", str(tmp_path / "embeddings.npy"),
                             "--labels", str(tmp_path / "labels.npy"), "--per-class", "--json", "--quiet"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    ours = json.loads(result.stdout)["per_class"]

    calculator = AccuracyCalculator(include=tuple(METRICS.values()), k="max_bin_count", return_per_class=True,
                                    device=torch.device("cpu"))
    theirs = calculator.get_accuracy(embeddings, labels)
    # PML lists the classes that have queries it can answer (not the lone one), ascending.
    answerable = sorted(int(label) for label in set(labels.tolist()) if (labels == label).sum() > 1)
    assert sorted(map(int, ours)) == sorted(set(labels.tolist()))
    largest = 0.0
    for key, pml_key in METRICS.items():
        assert len(theirs[pml_key]) == len(answerable)
        for label, value in zip(answerable, theirs[pml_key]):
            largest = max(largest, abs(ours[str(label)][key] - value))
            assert ours[str(label)][key] == pytest.approx(value, abs=1e-4), f"class {label}, {key}"
    print(f"seed {seed}: largest per-class difference from PML {largest:.2e}")
    assert ours["42"]["count"] == 1 and ours["42"]["map_at_r"] is None
    for label in answerable:
        record = ours[str(label)]
        assert record["count"] == int((labels == label).sum())
        expected = confusions(embeddings, labels, label)[:5]
        assert [(c["label"], c["count"]) for c in record["confusions"]] == expected, f"class {label}"
        slots = record["count"] * (record["count"] - 1)
        assert all(c["share"] == pytest.approx(c["count"] / slots, abs=1e-9) for c in record["confusions"])
    # The per-class scores are not one number repeated: the classes differ.
    assert len({round(ours[str(label)]["map_at_r"], 6) for label in answerable}) > 3
