"""Which process writes, and how the others' embeddings reach it.

In a data-parallel job every rank evaluates part of the test split. The recorder writes
from rank 0 only; `ProcessGroup.gather` brings every rank's rows there first (or the
caller passes rows it has already gathered and says so).
"""
from typing import List, Protocol

import numpy as np


class ProcessGroup(Protocol):
    """The little of a process group the recorder needs."""

    def rank(self) -> int:
        """This process's rank; 0 writes."""
        ...

    def world_size(self) -> int:
        """How many processes take part."""
        ...

    def gather(self, array: np.ndarray) -> List[np.ndarray]:
        """Every rank's `array`, in rank order, on rank 0 (other ranks may get anything).

        Every rank must call it, as with any collective.
        """
        ...


class SingleProcess:
    """A job of one process: it writes, and gathering is the identity."""

    def rank(self) -> int:
        return 0

    def world_size(self) -> int:
        return 1

    def gather(self, array: np.ndarray) -> List[np.ndarray]:
        return [array]


class TorchProcessGroup:
    """`torch.distributed`'s default group (initialised by the caller, as DDP needs)."""

    def __init__(self) -> None:
        import torch.distributed as distributed

        self._distributed = distributed

    def rank(self) -> int:
        return self._distributed.get_rank()

    def world_size(self) -> int:
        return self._distributed.get_world_size()

    def gather(self, array: np.ndarray) -> List[np.ndarray]:
        # all_gather_object pickles, so ranks may hold different numbers of rows.
        gathered: List[np.ndarray] = [np.empty(0)] * self.world_size()
        self._distributed.all_gather_object(gathered, array)
        return gathered


def default_process_group() -> ProcessGroup:
    """torch.distributed's group when torch is installed and it is initialised, else one process."""
    try:
        import torch.distributed as distributed
    except ImportError:
        return SingleProcess()
    if distributed.is_available() and distributed.is_initialized():
        return TorchProcessGroup()
    return SingleProcess()
