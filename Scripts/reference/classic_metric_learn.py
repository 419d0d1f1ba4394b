"""metric-learn 0.7.0 (and scikit-learn's baselines) for `dmlx bench --classic --peers PYTHON`.

Called by dmlx itself with the interpreter of Scripts/make-peers-venv.sh's venv:

    python Scripts/reference/classic_metric_learn.py DIR --datasets iris,wine,digits \
        --methods nca,lmnn,itml --seeds 10 --threads 2

DIR holds, for each data set NAME, dmlx's own split as dmlx's bench prepares it (scikit-learn's
`train_test_split(test_size=0.3, stratify=y, random_state=0)`, which dmlx's
`ScikitLearnStratifiedSplit` reproduces index for index, standardised with the training
part's mean and deviation): NAME-train.npy, NAME-train-labels.npy, NAME-test.npy,
NAME-test-labels.npy — so both sides fit identical inputs. Methods: euclidean, lda (the
baselines: no transform, scikit-learn's LinearDiscriminantAnalysis), nca, lmnn, itml, mmc,
mmc-diagonal, each with metric-learn's defaults; ITML and MMC draw their own constraints
(`*_Supervised`) once for each random_state 0..seeds-1, the others are fitted once (seed 0).
Accuracy is 3-NN on the test part with the transformed training part as the gallery; seconds
are the wall-clock `fit`. Prints one JSON line per fit as it ends: {"peer", "version",
"method", "data", "seed", "accuracy", "seconds"}.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from typing import Callable

import metric_learn
import metric_learn._util
import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import FunctionTransformer
from threadpoolctl import threadpool_limits


def _renamed_finite_argument(check: Callable) -> Callable:
    """metric-learn 0.7.0 passes `force_all_finite`, which scikit-learn 1.8 renamed to
    `ensure_all_finite`; translate so the released package runs unchanged."""
    def wrapped(*args, force_all_finite=True, **kwargs):
        return check(*args, ensure_all_finite=force_all_finite, **kwargs)
    return wrapped


metric_learn._util.check_array = _renamed_finite_argument(metric_learn._util.check_array)
metric_learn._util.check_X_y = _renamed_finite_argument(metric_learn._util.check_X_y)

LEARNERS: dict[str, Callable[[int], object]] = {
    "euclidean": lambda seed: FunctionTransformer(),
    "lda": lambda seed: LinearDiscriminantAnalysis(),
    "nca": lambda seed: metric_learn.NCA(),
    "lmnn": lambda seed: metric_learn.LMNN(),
    "itml": lambda seed: metric_learn.ITML_Supervised(random_state=seed),
    "mmc": lambda seed: metric_learn.MMC_Supervised(random_state=seed),
    "mmc-diagonal": lambda seed: metric_learn.MMC_Supervised(diagonal=True, random_state=seed),
}
RANDOMISED = {"itml", "mmc", "mmc-diagonal"}
BASELINES = {"euclidean", "lda"}


def measure(learner: object, split: dict[str, np.ndarray]) -> tuple[float, float]:
    """Fits `learner` on the training part and scores the test part.

    Parameters
    ----------
    learner : an unfitted scikit-learn style transformer.
    split : "train", "train-labels", "test", "test-labels" arrays.

    Returns
    -------
    3-NN test accuracy and the fit's wall-clock seconds.
    """
    start = time.perf_counter()
    learner.fit(split["train"], split["train-labels"])
    seconds = time.perf_counter() - start
    knn = KNeighborsClassifier(n_neighbors=3).fit(learner.transform(split["train"]), split["train-labels"])
    return float(knn.score(learner.transform(split["test"]), split["test-labels"])), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--datasets", default="iris,wine,digits")
    parser.add_argument("--methods", default=",".join(LEARNERS))
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1, help="BLAS and OpenMP threads (threadpoolctl)")
    arguments = parser.parse_args()
    methods = arguments.methods.split(",")
    unknown = sorted(set(methods) - set(LEARNERS))
    if unknown:
        parser.error(f"--methods: unknown {', '.join(unknown)} (known: {', '.join(LEARNERS)})")
    with threadpool_limits(limits=arguments.threads):
        for method in methods:
            for name in arguments.datasets.split(","):
                split = {part: np.load(os.path.join(arguments.directory, f"{name}-{part}.npy"))
                         for part in ("train", "train-labels", "test", "test-labels")}
                for seed in range(arguments.seeds if method in RANDOMISED else 1):
                    accuracy, seconds = measure(LEARNERS[method](seed), split)
                    peer, version = (("scikit-learn", sklearn.__version__) if method in BASELINES
                                     else ("metric-learn", metric_learn.__version__))
                    print(json.dumps({"peer": peer, "version": version, "method": method, "data": name, "seed": seed,
                                      "accuracy": accuracy, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
