"""`dmlx watch --json` follows a run while this recorder writes it (needs the built dmlx:
`swift build -c release`, or DMLX=/path/to/dmlx)."""
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from dmlx_record import Recorder

DMLX = os.environ.get("DMLX", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "dmlx"))
pytestmark = pytest.mark.skipif(not os.access(DMLX, os.X_OK), reason=f"no dmlx binary at {DMLX}")


def watch(directory, *options):
    return subprocess.Popen([DMLX, "watch", str(directory), "--json", "--poll-seconds", "0.05", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def clusters(epoch: int, n: int = 200):
    """Four classes drawn closer to their centres as the epochs go on."""
    rng = np.random.default_rng(epoch)
    labels = np.arange(n) % 4
    return np.eye(4)[labels] * 3 + rng.normal(scale=2.0 / epoch, size=(n, 4)), labels


def test_watch_follows_a_run_live_and_ends_when_it_closes(tmp_path):
    process = watch(tmp_path / "runs")  # not there yet: waited for
    time.sleep(0.3)
    with Recorder(tmp_path / "runs", name="triplet", config={"margin": 0.2}) as rec:
        for epoch in range(1, 4):
            for step in range(3):
                rec.batch(loss=1.0 / (epoch + step))
            embeddings, labels = clusters(epoch)
            rec.epoch(epoch, embeddings=embeddings, labels=labels)
            if epoch == 1:
                line = process.stdout.readline()  # the first record arrives while the run goes on
                assert json.loads(line)["epoch"] == 1
    rest, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "waiting for it to appear" in err and "following run triplet" in err
    records = [json.loads(line) for line in rest.splitlines()]
    assert [r["epoch"] for r in records] == [2, 3] and all(r["run"] == "triplet" for r in records)
    assert records[-1]["precision_at_1"] == 1.0 and records[-1]["loss"] == pytest.approx((1 / 3 + 1 / 4 + 1 / 5) / 3)


def test_a_writer_killed_mid_epoch_leaves_a_stalled_run_with_its_good_epochs(tmp_path):
    script = (
        "import sys, os, numpy as np\n"
        "sys.path.insert(0, %r)\n"
        "from dmlx_record import Recorder\n"
        "rec = Recorder(%r, name='doomed')\n"
        "rec.epoch(1, embeddings=np.eye(8), labels=np.arange(8) %% 2)\n"
        "np.save = lambda *a, **k: os.kill(os.getpid(), 9)\n"  # killed while writing epoch 2
        "rec.epoch(2, embeddings=np.eye(8), labels=np.arange(8) %% 2)\n"
    ) % (os.path.join(os.path.dirname(__file__), ".."), str(tmp_path))
    writer = subprocess.run([sys.executable, "-c", script])
    assert writer.returncode == -9
    process = watch(tmp_path, "--stall-seconds", "0.5")
    out, err = process.communicate(timeout=30)
    assert process.returncode == 1 and "doomed: stalled" in err
    assert [json.loads(line)["epoch"] for line in out.splitlines()] == [1]
