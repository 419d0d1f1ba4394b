"""metric-learn 0.7.0 reference numbers for `dmlx bench --classic`.

Same protocol and the same split as dmlx:
    OPENBLAS_NUM_THREADS=1 /opt/refenv/bin/python Scripts/reference/classic_metric_learn.py [DATA_DIR] [--methods M,...] [--seeds N]
DATA_DIR holds iris.csv, wine.csv, digits.csv (label in the last column; default
../shared/data relative to the repository); --methods picks a subset of
euclidean,lda,nca,lmnn,itml,mmc,mmc-diagonal (the first two are the scikit-learn baselines:
no transform, LinearDiscriminantAnalysis); --seeds N averages the learners that draw constraints
(ITML, MMC) over random_state 0..N-1 and also prints their random_state=0 numbers. The split is
scikit-learn's train_test_split(test_size=0.3, stratify=y, random_state=0), which dmlx
reproduces index for index (ScikitLearnStratifiedSplit, checked against
Scripts/reference/sklearn_split_fixtures.py). Features are standardised with a
StandardScaler fitted on the training part; every learner runs with metric-learn's
defaults; accuracy is 3-NN on the test part
with the transformed training part as the gallery; seconds are the wall-clock fit time.
"""
import argparse
import os
import sys
import time

import numpy as np
import metric_learn
import metric_learn._util
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import FunctionTransformer, StandardScaler



def _renamed_finite_argument(check):
    """metric-learn 0.7.0 passes `force_all_finite`, which scikit-learn 1.8 renamed to
    `ensure_all_finite`; translate so the released package runs unchanged."""
    def wrapped(*args, force_all_finite=True, **kwargs):
        return check(*args, ensure_all_finite=force_all_finite, **kwargs)
    return wrapped


metric_learn._util.check_array = _renamed_finite_argument(metric_learn._util.check_array)
metric_learn._util.check_X_y = _renamed_finite_argument(metric_learn._util.check_X_y)

HERE = os.path.dirname(os.path.abspath(__file__))
LEARNERS = {
    "euclidean": lambda seed: FunctionTransformer(),
    "lda": lambda seed: LinearDiscriminantAnalysis(),
    "nca": lambda seed: metric_learn.NCA(),
    "lmnn": lambda seed: metric_learn.LMNN(),
    "itml": lambda seed: metric_learn.ITML_Supervised(random_state=seed),
    "mmc": lambda seed: metric_learn.MMC_Supervised(random_state=seed),
    "mmc-diagonal": lambda seed: metric_learn.MMC_Supervised(diagonal=True, random_state=seed),
}
RANDOMISED = {"itml", "mmc", "mmc-diagonal"}

arguments = argparse.ArgumentParser()
arguments.add_argument("data", nargs="?", default=os.path.join(HERE, "..", "..", "..", "shared", "data"))
arguments.add_argument("--methods", default=",".join(LEARNERS))
arguments.add_argument("--seeds", type=int, default=1)
options = arguments.parse_args()


def measure(make, name):
    table = np.loadtxt(os.path.join(options.data, f"{name}.csv"), delimiter=",")
    features, labels = table[:, :-1], table[:, -1].astype(int)
    train, test = train_test_split(np.arange(len(labels)), test_size=0.3, stratify=labels, random_state=0)
    scaler = StandardScaler().fit(features[train])
    x_train, x_test = scaler.transform(features[train]), scaler.transform(features[test])
    learner = make()
    start = time.perf_counter()
    learner.fit(x_train, labels[train])
    seconds = time.perf_counter() - start
    knn = KNeighborsClassifier(n_neighbors=3).fit(learner.transform(x_train), labels[train])
    return knn.score(learner.transform(x_test), labels[test]), seconds


print(f"metric-learn {metric_learn.__version__}")
for method in options.methods.split(","):
    for name in ["iris", "wine", "digits"]:
        seeds = range(options.seeds if method in RANDOMISED else 1)
        runs = np.array([measure(lambda: LEARNERS[method](seed), name) for seed in seeds])
        print(f"{method:13s} {name:8s} accuracy {runs[:, 0].mean():.3f} seconds {runs[:, 1].mean():.2f}"
              f" seeds {len(runs)} (seed 0: accuracy {runs[0, 0]:.3f} seconds {runs[0, 1]:.2f})", flush=True)
