"""End to end with PyTorch: Examples/pytorch_pml_watch.py trains a PML model with the
recorder while `dmlx watch --json` follows it; every epoch's precision@1, R-precision
and MAP@R equal PML's AccuracyCalculator, computed inside the training script on the same
embeddings, to 1e-4. Needs torch, pytorch-metric-learning and faiss (Scripts/test-python.sh
installs them and sets DMLX_REQUIRE_TORCH, so that their absence fails instead of skipping)."""
import json
import os
import subprocess
import sys

import pytest

from test_watch_end_to_end import DMLX, watch

REPOSITORY = os.path.join(os.path.dirname(__file__), "..", "..")


def require(module: str) -> None:
    if os.environ.get("DMLX_REQUIRE_TORCH"):
        __import__(module)
    else:
        pytest.importorskip(module)


@pytest.mark.skipif(not os.access(DMLX, os.X_OK), reason=f"no dmlx binary at {DMLX}")
@pytest.mark.parametrize("loss", ["proxy-nca", "triplet"])
def test_dmlx_watch_scores_a_pml_run_as_pml_does(tmp_path, loss):
    for module in ("torch", "pytorch_metric_learning", "faiss"):
        require(module)
    runs, pml = tmp_path / "runs", tmp_path / "pml.jsonl"
    process = watch(runs)
    training = subprocess.run(
        [sys.executable, os.path.join(REPOSITORY, "Examples", "pytorch_pml_watch.py"), "--run-dir", str(runs),
         "--loss", loss, "--epochs", "4", "--pml-metrics", str(pml)],
        env={**os.environ, "PYTHONPATH": os.path.join(REPOSITORY, "python")}, capture_output=True, text=True)
    assert training.returncode == 0, training.stderr
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    ours = {record["epoch"]: record for record in map(json.loads, out.splitlines())}
    with open(pml, encoding="utf-8") as f:
        theirs = {record["epoch"]: record for record in map(json.loads, f)}
    assert sorted(ours) == sorted(theirs) == [1, 2, 3, 4]
    for epoch, reference in theirs.items():
        for key in ("precision_at_1", "r_precision", "map_at_r"):
            assert ours[epoch][key] == pytest.approx(reference[key], abs=1e-4), f"epoch {epoch}, {key}"
    # Training changed the embeddings: the comparison is not of four copies of one epoch.
    assert theirs[4]["map_at_r"] != theirs[1]["map_at_r"]
