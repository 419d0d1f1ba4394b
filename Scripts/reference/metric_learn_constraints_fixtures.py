"""Reference pair constraints for `PairConstraints(metricLearnLabels:count:randomState:)`, from
metric-learn 0.7.0's `Constraints.positive_negative_pairs` on CPython 3.11 (whose set iteration
order fixes the order of the pairs).

Writes Tests/DMLXEngineTests/Fixtures/constraints/metric_learn_pairs.json. Run from the
repository root with the reference environment (not run by CI):

    /opt/refenv/bin/python Scripts/reference/metric_learn_constraints_fixtures.py

Each case: the labels, `count` (`20 * num_classes**2` as `ITML_Supervised`/`MMC_Supervised`
use by default, or a smaller one) and `random_state`; the pairs `[a, b]` in metric-learn's
order. Iris and wine use their training labels in the order of scikit-learn's
`train_test_split(test_size=0.3, stratify=y, random_state=0)`, which is what the supervised
learners fit on in dmlx's `bench --classic`; digits keeps only its first and last 20 pairs of
each kind plus a checksum `sum((i + 1) * (a * 7919 + b))` over all pairs, to stay small.
"""
import json
import os
import sys
import warnings

import numpy as np
from metric_learn.constraints import Constraints
from sklearn import datasets
from sklearn.model_selection import train_test_split

OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "constraints")
EDGE = 20


def training_labels(load):
    y = load().target
    train, _ = train_test_split(np.arange(len(y)), stratify=y, test_size=0.3, random_state=0)
    return y[train].tolist()


def pairs(labels, count, random_state):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a, b, c, d = Constraints(np.array(labels)).positive_negative_pairs(count, random_state=random_state)
    return np.column_stack((a, b)).tolist(), np.column_stack((c, d)).tolist()


def checksum(kind):
    return sum((i + 1) * (a * 7919 + b) for i, (a, b) in enumerate(kind))


def case(name, labels, random_state, count=None, full=True):
    count = count if count is not None else 20 * len(set(labels)) ** 2
    positive, negative = pairs(labels, count, random_state)
    record = {"name": name, "labels": labels, "count": count, "random_state": random_state,
              "positive_count": len(positive), "negative_count": len(negative),
              "positive_checksum": checksum(positive), "negative_checksum": checksum(negative)}
    if full:
        record.update(positive=positive, negative=negative)
    else:
        record.update(positive_head=positive[:EDGE], positive_tail=positive[-EDGE:],
                      negative_head=negative[:EDGE], negative_tail=negative[-EDGE:])
    return record


def main():
    assert sys.version_info[:2] == (3, 11), "the pair order is CPython 3.11's set order"
    iris, wine, digits = (training_labels(load) for load in
                          (datasets.load_iris, datasets.load_wine, datasets.load_digits))
    rng = np.random.RandomState(42)
    cases = [
        case("iris", iris, 0), case("iris", iris, 7), case("wine", wine, 0), case("wine", wine, 3),
        case("digits", digits, 0, full=False),
        # Few possible pairs: repeats, several rounds, fewer pairs than asked for.
        case("tiny", [0, 0, 1, 1, 1], 1, count=8),
        case("singleton class", [2, 0, 0, 1, 0, 2], 5, count=6),
        case("random labels", rng.randint(0, 4, size=60).tolist(), 123, count=100),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "metric_learn_pairs.json"), "w") as out:
        json.dump(cases, out, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
