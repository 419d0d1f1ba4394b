"""Tests of the recorder: the documented layout, whole epochs, the rank rule, inputs."""
import json
import os
from typing import List

import numpy as np
import pytest

import dmlx_record
from dmlx_record import PMLHooks, Recorder
from dmlx_record import format as fmt


def read_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def epoch_dir(run: str, epoch: int) -> str:
    return os.path.join(run, fmt.EPOCHS_DIRECTORY, fmt.epoch_directory_name(epoch))


def test_a_run_is_written_in_the_documented_layout(tmp_path):
    rng = np.random.default_rng(0)
    embeddings, labels = rng.normal(size=(30, 4)), np.arange(30) % 3
    with Recorder(tmp_path, name="proxy-nca", config={"lr": np.float32(0.5), "dims": (4,)}) as rec:
        rec.batch(loss=0.9)
        rec.batch(loss=np.float64(0.7))
        rec.epoch(1, embeddings=embeddings, labels=labels, proxies=np.ones((3, 4)), proxy_labels=[0, 1, 2],
                  statistics={"active": 12}, loss=0.8)
        rec.batch(loss=float("nan"))
    run = os.path.join(tmp_path, "proxy-nca")
    header = read_json(os.path.join(run, fmt.RUN_FILE))
    assert header["format"] == "dmlx-run" and header["version"] == dmlx_record.VERSION == 1
    assert header["name"] == "proxy-nca" and header["config"] == {"lr": 0.5, "dims": [4]}
    with open(os.path.join(run, fmt.BATCHES_FILE), encoding="utf-8") as f:
        batches = [json.loads(line) for line in f]
    assert [(b["epoch"], b["batch"], b["loss"]) for b in batches] == [(1, 0, 0.9), (1, 1, 0.7), (2, 0, None)]
    directory = epoch_dir(run, 1)
    assert sorted(os.listdir(directory)) == ["embeddings.npy", "labels.npy", "proxies.npy", "proxy_labels.npy", "record.json"]
    stored = np.load(os.path.join(directory, "embeddings.npy"))
    assert stored.dtype == np.float32 and np.array_equal(stored, embeddings.astype(np.float32))
    assert np.load(os.path.join(directory, "labels.npy")).dtype == np.int64
    record = read_json(os.path.join(directory, fmt.RECORD_FILE))
    assert record["epoch"] == 1 and record["loss"] == 0.8 and record["statistics"] == {"active": 12}
    closed = read_json(os.path.join(run, fmt.CLOSED_FILE))
    assert closed["epochs"] == 1 and "error" not in closed
    assert not [name for name in os.listdir(run) if name.startswith(".")], "no temporary file is left"


def test_an_epoch_that_fails_half_way_is_never_published(tmp_path, monkeypatch):
    rec = Recorder(tmp_path, name="run")
    real_save = np.save

    def failing_save(file, array):
        if array.dtype == np.int64:
            raise OSError("disk full")
        real_save(file, array)

    monkeypatch.setattr(np, "save", failing_save)
    with pytest.raises(OSError):
        rec.epoch(1, embeddings=np.zeros((4, 2)), labels=[0, 1, 0, 1])
    epochs = os.path.join(tmp_path, "run", fmt.EPOCHS_DIRECTORY)
    assert [name for name in os.listdir(epochs) if not name.startswith(".")] == []
    monkeypatch.setattr(np, "save", real_save)
    rec.epoch(1, embeddings=np.zeros((4, 2)), labels=[0, 1, 0, 1])
    assert os.path.isdir(epoch_dir(os.path.join(tmp_path, "run"), 1))


def test_epochs_must_increase_and_shapes_must_fit(tmp_path):
    rec = Recorder(tmp_path)
    rec.epoch(2, embeddings=np.zeros((3, 2)), labels=[0, 1, 2])
    with pytest.raises(ValueError, match="after 2"):
        rec.epoch(2, embeddings=np.zeros((3, 2)), labels=[0, 1, 2])
    with pytest.raises(ValueError, match=r"n labels, got \(3, 2\) and \(2,\)"):
        rec.epoch(3, embeddings=np.zeros((3, 2)), labels=[0, 1])
    with pytest.raises(ValueError, match="integer labels"):
        rec.epoch(3, embeddings=np.zeros((2, 2)), labels=[0.5, 1])
    with pytest.raises(ValueError, match="proxies of 2 columns"):
        rec.epoch(3, embeddings=np.zeros((2, 2)), labels=[0, 1], proxies=np.zeros((2, 3)))


def test_names_are_checked_and_a_run_is_never_overwritten(tmp_path):
    for bad in ["", ".hidden", "a/b"]:
        with pytest.raises(ValueError):
            Recorder(tmp_path, name=bad)
    Recorder(tmp_path, name="triplet").close()
    with pytest.raises(FileExistsError):
        Recorder(tmp_path, name="triplet")


def test_a_run_ended_by_an_exception_is_closed_with_the_error(tmp_path):
    with pytest.raises(RuntimeError):
        with Recorder(tmp_path, name="run") as rec:
            rec.batch(loss=1.0)
            raise RuntimeError("CUDA out of memory")
    closed = read_json(os.path.join(tmp_path, "run", fmt.CLOSED_FILE))
    assert closed["error"] == "RuntimeError: CUDA out of memory" and closed["epochs"] is None
    with pytest.raises(ValueError, match="closed"):
        rec.batch(loss=1.0)


class FakeGroup:
    """A process group of `world` ranks seen from `rank`; `gather` returns what every
    rank would contribute, as recorded in `contributions` (rank order)."""

    def __init__(self, rank: int, world: int, contributions: List[List[np.ndarray]]):
        self._rank, self._world, self.contributions, self.calls = rank, world, contributions, 0

    def rank(self) -> int:
        return self._rank

    def world_size(self) -> int:
        return self._world

    def gather(self, array: np.ndarray) -> List[np.ndarray]:
        gathered = self.contributions[self.calls]
        self.calls += 1
        assert np.array_equal(gathered[self._rank], array), "every rank hands in its own rows"
        return gathered


def test_only_rank_zero_writes_and_it_gathers_every_ranks_rows(tmp_path):
    rows = [np.full((2, 3), 0.0), np.full((3, 3), 1.0)]
    labels = [np.array([0, 1]), np.array([2, 2, 2])]
    second = Recorder(tmp_path, name="ddp", process_group=FakeGroup(1, 2, [rows, labels]))
    second.batch(loss=1.0)
    second.epoch(1, embeddings=rows[1], labels=labels[1])
    second.close()
    assert not os.path.exists(os.path.join(tmp_path, "ddp")), "rank 1 writes nothing"
    first = Recorder(tmp_path, name="ddp", process_group=FakeGroup(0, 2, [rows, labels]))
    first.epoch(1, embeddings=rows[0], labels=labels[0])
    stored = np.load(os.path.join(epoch_dir(os.path.join(tmp_path, "ddp"), 1), "embeddings.npy"))
    assert stored.shape == (5, 3) and np.array_equal(stored[2:], rows[1])
    # Rows already gathered by the caller are written as they are.
    first.epoch(2, embeddings=np.zeros((7, 3)), labels=np.zeros(7, dtype=int), gathered=True)
    assert np.load(os.path.join(epoch_dir(os.path.join(tmp_path, "ddp"), 2), "labels.npy")).shape == (7,)


class FakeTensor:
    """What the recorder asks of a torch tensor: detach, cpu, numpy."""

    def __init__(self, array):
        self.array = np.asarray(array)

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.array


def test_tensors_and_arrays_are_recorded_alike(tmp_path):
    rec = Recorder(tmp_path, name="run")
    rec.batch(loss=FakeTensor([0.25]))
    rec.epoch(1, embeddings=FakeTensor(np.eye(3)), labels=FakeTensor([0, 1, 2]))
    stored = np.load(os.path.join(epoch_dir(os.path.join(tmp_path, "run"), 1), "embeddings.npy"))
    assert np.array_equal(stored, np.eye(3, dtype=np.float32))


def test_real_torch_tensors_are_recorded(tmp_path):
    torch = pytest.importorskip("torch")
    rec = Recorder(tmp_path, name="run")
    rec.batch(loss=torch.tensor(0.5, requires_grad=True) * 2)
    rec.epoch(1, embeddings=torch.randn(5, 2, requires_grad=True), labels=torch.arange(5))
    assert np.load(os.path.join(epoch_dir(os.path.join(tmp_path, "run"), 1), "labels.npy")).tolist() == [0, 1, 2, 3, 4]


def test_pml_hooks_record_batches_and_epochs(tmp_path):
    class Trainer:
        epoch = 1
        losses = {"metric_loss": 0.3}
        models = {"trunk": "trunk", "embedder": "embedder"}

    class Tester:
        def get_all_embeddings(self, dataset, trunk, embedder):
            assert (dataset, trunk, embedder) == ("test set", "trunk", "embedder")
            return np.ones((4, 2)), np.array([[0], [1], [0], [1]])

    rec = Recorder(tmp_path, name="pml")
    hooks = PMLHooks(rec, Tester(), "test set")
    hooks.end_of_iteration(Trainer())
    assert hooks.end_of_epoch(Trainer()) is True
    run = os.path.join(tmp_path, "pml")
    assert np.load(os.path.join(epoch_dir(run, 1), "labels.npy")).tolist() == [0, 1, 0, 1]


def _ddp_worker(rank: int, world: int, init_file: str, run_dir: str) -> None:
    """One rank of a real two-process gloo job: each holds its own rows."""
    import torch.distributed as distributed

    distributed.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world)
    rows = np.full((rank + 2, 3), float(rank), dtype=np.float32)
    with Recorder(run_dir, name="ddp") as rec:  # the default group: torch.distributed's
        rec.batch(loss=0.5)
        rec.epoch(1, embeddings=rows, labels=np.full(rank + 2, rank))
    distributed.destroy_process_group()


def test_a_real_torch_distributed_job_is_written_once_with_every_ranks_rows(tmp_path):
    torch = pytest.importorskip("torch")
    if not torch.distributed.is_available():
        pytest.skip("torch without distributed support")
    import torch.multiprocessing as multiprocessing

    multiprocessing.spawn(_ddp_worker, args=(2, str(tmp_path / "init"), str(tmp_path / "runs")), nprocs=2)
    run = os.path.join(tmp_path, "runs", "ddp")
    assert np.load(os.path.join(epoch_dir(run, 1), "labels.npy")).tolist() == [0, 0, 1, 1, 1]
    with open(os.path.join(run, fmt.BATCHES_FILE), encoding="utf-8") as f:
        assert len(f.readlines()) == 1, "one rank writes the batch lines"
