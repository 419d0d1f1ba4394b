"""The recorder a training script calls (see the package's documentation)."""
import json
import math
import os
import shutil
import time
from typing import Any, Dict, Mapping, Optional

import numpy as np

from . import format as fmt
from .process_group import ProcessGroup, default_process_group


class Recorder:
    """Writes one run of a run directory, in the format of `dmlx_record.format`.

    Parameters
    ----------
    run_dir : str or os.PathLike
        The run directory; created if missing. Several runs share one, by name.
    name : str
        The run's name, shown by dmlx (for example the loss: "proxy-nca").
    config : mapping, optional
        The run's configuration (hyperparameters), recorded as JSON beside its epochs.
    process_group : ProcessGroup, optional
        Who writes: by default torch.distributed's group when it is initialised (only rank
        0 writes), else this process alone.

    Raises
    ------
    ValueError
        For a name that is empty, starts with a dot or holds a path separator.
    FileExistsError
        When `run_dir` already holds a run of this name.

    Examples
    --------
    >>> with Recorder("runs", name="triplet", config={"lr": 1e-3}) as rec:   # doctest: +SKIP
    ...     for epoch in range(1, 11):
    ...         for batch in loader:
    ...             rec.batch(loss=loss)
    ...         rec.epoch(epoch, embeddings=test_embeddings, labels=test_labels)
    """

    def __init__(self, run_dir: "os.PathLike[str] | str", name: str = "run", config: Optional[Mapping[str, Any]] = None,
                 process_group: Optional[ProcessGroup] = None) -> None:
        if not name or name.startswith(".") or os.sep in name or (os.altsep and os.altsep in name):
            raise ValueError(f"run name {name!r}: expected a non-empty name without path separators or a leading dot")
        self.name = name
        self.group = process_group if process_group is not None else default_process_group()
        self.path = os.path.join(os.fspath(run_dir), name)
        self._last_epoch: Optional[int] = None
        self._batch_in_epoch = 0
        self._closed = False
        self._batches = None
        if not self.writes:
            return
        if os.path.exists(os.path.join(self.path, fmt.RUN_FILE)):
            raise FileExistsError(f"{self.path}: a run named {name!r} is already recorded there")
        os.makedirs(os.path.join(self.path, fmt.EPOCHS_DIRECTORY), exist_ok=True)
        _write_json_atomically(os.path.join(self.path, fmt.RUN_FILE), {
            "format": fmt.FORMAT, "version": fmt.VERSION, "name": name,
            "config": _jsonable(dict(config or {})), "created": time.time(),
        })
        self._batches = open(os.path.join(self.path, fmt.BATCHES_FILE), "a", encoding="utf-8")

    @property
    def writes(self) -> bool:
        """Whether this process writes (rank 0)."""
        return self.group.rank() == 0

    @property
    def next_epoch(self) -> int:
        """The epoch batches are counted in: one after the last recorded (1 at first)."""
        return 1 if self._last_epoch is None else self._last_epoch + 1

    def batch(self, loss: Any, epoch: Optional[int] = None) -> None:
        """Records one batch's loss (a number, or a one-element array or tensor).

        `epoch` defaults to `next_epoch`. A non-finite loss is recorded as null.
        """
        self._check_open()
        if not self.writes:
            return
        value = float(_to_numpy(loss).reshape(-1)[0]) if not isinstance(loss, (int, float)) else float(loss)
        line = {"epoch": self.next_epoch if epoch is None else int(epoch), "batch": self._batch_in_epoch,
                "loss": value if math.isfinite(value) else None, "time": time.time()}
        self._batches.write(json.dumps(line) + "\n")
        self._batches.flush()
        self._batch_in_epoch += 1

    def epoch(self, epoch: int, embeddings: Any, labels: Any, proxies: Any = None, proxy_labels: Any = None,
              statistics: Optional[Mapping[str, float]] = None, loss: Optional[float] = None,
              gathered: bool = False) -> None:
        """Records one epoch's test embeddings (n × d) and labels (n), whole or not at all.

        Every rank of a distributed job calls it: unless `gathered` says the arrays already
        hold every rank's rows, rank 0 gathers them (in rank order) before writing. Proxies
        are the same on every rank and are taken from rank 0. Epochs must increase.

        Raises
        ------
        ValueError
            For shapes that do not fit (named in the message) or an epoch not after the last.
        """
        self._check_open()
        vectors = np.asarray(_to_numpy(embeddings), dtype=np.float32)
        classes = np.asarray(_to_numpy(labels)).reshape(-1)
        if not gathered and self.group.world_size() > 1:
            vectors = np.concatenate(self.group.gather(vectors), axis=0)
            classes = np.concatenate(self.group.gather(classes), axis=0)
        if not self.writes:
            return
        epoch = int(epoch)
        if epoch < 0 or (self._last_epoch is not None and epoch <= self._last_epoch):
            raise ValueError(f"epoch {epoch}: expected an epoch after {self._last_epoch}" if self._last_epoch is not None
                             else f"epoch {epoch}: expected 0 or more")
        if vectors.ndim != 2 or classes.shape[0] != vectors.shape[0]:
            raise ValueError(f"epoch {epoch}: expected n × d embeddings and n labels, got {vectors.shape} and {classes.shape}")
        arrays = {"embeddings.npy": vectors, "labels.npy": _integers(classes, "labels", epoch)}
        if proxies is not None:
            table = np.asarray(_to_numpy(proxies), dtype=np.float32)
            if table.ndim != 2 or table.shape[1] != vectors.shape[1]:
                raise ValueError(f"epoch {epoch}: expected proxies of {vectors.shape[1]} columns, got {table.shape}")
            arrays["proxies.npy"] = table
            if proxy_labels is not None:
                arrays["proxy_labels.npy"] = _integers(np.asarray(_to_numpy(proxy_labels)).reshape(-1), "proxy labels", epoch)
        record = {"epoch": epoch, "time": time.time(), "statistics": _jsonable(dict(statistics or {}))}
        if loss is not None and math.isfinite(float(loss)):
            record["loss"] = float(loss)
        self._write_epoch(epoch, arrays, record)
        self._last_epoch = epoch
        self._batch_in_epoch = 0

    def close(self, error: Optional[str] = None) -> None:
        """Marks the run finished (with `error` when it ended by one). Idempotent."""
        if self._closed:
            return
        self._closed = True
        if not self.writes:
            return
        self._batches.close()
        closed = {"time": time.time(), "epochs": self._last_epoch}
        if error is not None:
            closed["error"] = error
        _write_json_atomically(os.path.join(self.path, fmt.CLOSED_FILE), closed)

    def __enter__(self) -> "Recorder":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(error=None if value is None else f"{kind.__name__}: {value}")

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"run {self.name!r} is closed")

    def _write_epoch(self, epoch: int, arrays: Dict[str, np.ndarray], record: Dict[str, Any]) -> None:
        """Writes the epoch's files under a hidden name, then renames the directory into place."""
        epochs = os.path.join(self.path, fmt.EPOCHS_DIRECTORY)
        final = os.path.join(epochs, fmt.epoch_directory_name(epoch))
        staging = os.path.join(epochs, f".{fmt.epoch_directory_name(epoch)}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        for file_name, array in arrays.items():
            with open(os.path.join(staging, file_name), "wb") as f:
                np.save(f, np.ascontiguousarray(array))
                _sync(f)
        with open(os.path.join(staging, fmt.RECORD_FILE), "w", encoding="utf-8") as f:
            json.dump(record, f)
            _sync(f)
        os.rename(staging, final)


def _to_numpy(value: Any) -> np.ndarray:
    """A NumPy array of a NumPy array, a sequence or a torch tensor (detached, on the CPU)."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def _integers(values: np.ndarray, what: str, epoch: int) -> np.ndarray:
    """`values` as int64, refusing values that are not whole numbers."""
    if values.dtype.kind in "iub":
        return values.astype(np.int64)
    if values.dtype.kind == "f" and np.all(np.isfinite(values)) and np.all(values == np.round(values)):
        return values.astype(np.int64)
    raise ValueError(f"epoch {epoch}: expected integer {what}, got {values.dtype}")


def _jsonable(value: Any) -> Any:
    """`value` with NumPy scalars, arrays and tensors turned into JSON's types, non-finite numbers into null."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "detach") or isinstance(value, (np.ndarray, np.generic)):
        return _jsonable(_to_numpy(value).tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _write_json_atomically(path: str, value: Any) -> None:
    """Writes `value` to a hidden temporary file beside `path` and renames it into place."""
    directory, name = os.path.split(path)
    temporary = os.path.join(directory, f".{name}.tmp-{os.getpid()}")
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(value, f)
        _sync(f)
    os.replace(temporary, path)


def _sync(f: Any) -> None:
    """Flushes `f` to the disk, so a rename never publishes data still in a buffer."""
    f.flush()
    os.fsync(f.fileno())
