"""Hooks for pytorch-metric-learning's trainers (`HookContainer`-style end-of-iteration and
end-of-epoch callables), so a PML script records its run with two arguments."""
from typing import Any, Callable, Optional

from .recorder import Recorder


class PMLHooks:
    """End-of-iteration and end-of-epoch hooks for a PML trainer.

    Parameters
    ----------
    recorder : Recorder
        Where the run goes.
    tester : object
        A PML tester (`testers.BaseTester` or anything with its `get_all_embeddings`).
    dataset : object
        The split whose embeddings are recorded each epoch (the test split).
    loss : str
        Which of the trainer's `losses` is the batch loss.

    Examples
    --------
    >>> hooks = PMLHooks(rec, tester, test_set)                       # doctest: +SKIP
    >>> trainer = trainers.MetricLossOnly(..., end_of_iteration_hook=hooks.end_of_iteration,
    ...                                   end_of_epoch_hook=hooks.end_of_epoch)
    """

    def __init__(self, recorder: Recorder, tester: Any, dataset: Any, loss: str = "metric_loss",
                 proxies: Optional[Callable[[Any], Any]] = None) -> None:
        self.recorder = recorder
        self.tester = tester
        self.dataset = dataset
        self.loss = loss
        self.proxies = proxies

    def end_of_iteration(self, trainer: Any) -> None:
        """Records the batch's loss."""
        self.recorder.batch(loss=trainer.losses[self.loss])

    def end_of_epoch(self, trainer: Any) -> bool:
        """Records the test split's embeddings for the epoch that ended; True: go on."""
        embeddings, labels = self.tester.get_all_embeddings(self.dataset, trainer.models["trunk"],
                                                            trainer.models["embedder"])
        proxies = self.proxies(trainer) if self.proxies is not None else None
        self.recorder.epoch(trainer.epoch, embeddings=embeddings, labels=labels, proxies=proxies)
        return True
