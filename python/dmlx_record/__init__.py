"""Record a metric-learning run for `dmlx watch`.

A `Recorder` writes one run of a run directory (format: `dmlx_record.format`): the
configuration once, each batch's loss as it comes, and each epoch's test embeddings,
labels and (for proxy losses) proxies, every epoch renamed into place whole so that a
reader never sees half of one. dmlx computes every metric itself from the recorded
embeddings. NumPy is the only dependency; PyTorch tensors are accepted when torch is
installed, and in a distributed job only rank 0 writes.
"""
from .format import FORMAT, VERSION
from .process_group import ProcessGroup, SingleProcess, TorchProcessGroup
from .recorder import Recorder
from .pml import PMLHooks

__all__ = ["FORMAT", "VERSION", "PMLHooks", "ProcessGroup", "Recorder", "SingleProcess", "TorchProcessGroup"]
