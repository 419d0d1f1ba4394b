"""Reference values for `NumPyLegacyRandom` and `ScikitLearnStratifiedSplit`, from the real
NumPy legacy `RandomState` and scikit-learn 1.9's `train_test_split`.

Writes Tests/DMLXCoreTests/Fixtures/numpy_legacy_random.json and
Tests/DMLXEngineTests/Fixtures/split/sklearn_stratified_split.json. Run from the repository
root with the reference environment (not run by CI):

    /opt/refenv/bin/python Scripts/reference/sklearn_split_fixtures.py

numpy_legacy_random.json: for `RandomState(seed)` with an integer seed, the first raw 32-bit
MT19937 outputs (700 for seed 0, so that the state is regenerated once), `random_sample`,
`randint(low, high)` (int64, including ranges wider than 32 bits), `permutation(n)`,
`permutation(array)`, `shuffle` and `choice(a, size, replace=False)`. Each operation case also
records the next raw outputs after it (`after`), so the test checks how many draws it used.

sklearn_stratified_split.json: the train and test indices, in scikit-learn's order, of
`train_test_split(arange(n), stratify=y, test_size=f, random_state=s)`, for iris, wine and
digits as `sklearn.datasets` loads them (the same samples in the same order as dmlx's built-in
copies, checked here against ../shared/data) with f = 0.3 and s = 0, and for synthetic label
vectors whose class counts make `_approximate_mode` break ties with the generator.
"""
import json
import os

import numpy as np
from sklearn import datasets
from sklearn.model_selection import train_test_split

CORE_OUT = os.path.join("Tests", "DMLXCoreTests", "Fixtures")
ENGINE_OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "split")
DATA = os.path.join("..", "shared", "data")
AFTER = 5


def raw(state, count):
    return state._bit_generator.random_raw(count).tolist()


def operation(seed, run, **fields):
    state = np.random.RandomState(seed)
    values = run(state)
    return {"seed": seed, **fields, "values": np.asarray(values).tolist(), "after": raw(state, AFTER)}


def random_cases():
    return {
        "raw": [{"seed": seed, "values": raw(np.random.RandomState(seed), count)}
                for seed, count in [(0, 700), (12345, 300), (2**32 - 1, 20)]],
        "random_sample": [operation(seed, lambda s: s.random_sample(12)) for seed in (0, 12345)],
        "randint": [operation(seed, lambda s, low=low, high=high: s.randint(low, high, size=count),
                              low=low, high=high)
                    for seed, low, high, count in [
                        (0, 0, 10, 40), (7, -3, 4, 40), (11, 5, 6, 3), (12345, 0, 1000, 40),
                        (13, 0, 2**32 + 7, 20), (17, 2, 2**32 + 2, 20), (19, -(2**40), 2**50, 20),
                        (23, 0, 2**31, 20)]],
        "permutation": [operation(seed, lambda s, n=n: s.permutation(n), n=n)
                        for seed, n in [(0, 0), (0, 1), (0, 2), (0, 10), (1, 3), (12345, 45),
                                        (2, 105), (3, 1000), (4, 1258)]],
        "permutation_of": [operation(seed, lambda s, a=a: s.permutation(np.array(a)), array=a)
                           for seed, a in [(0, [3, 1, 4, 1, 5, 9, 2, 6]), (5, list(range(100, 160, 3)))]],
        "shuffle": [operation(seed, lambda s, a=a: shuffled(s, a), array=a)
                    for seed, a in [(0, [10, 20, 30, 40, 50]), (8, list(range(37)))]],
        "choice": [operation(seed, lambda s, a=a, size=size: s.choice(np.array(a), size=size, replace=False),
                             array=a, size=size)
                   for seed, a, size in [(0, [0, 2], 1), (0, [4, 5, 6, 7, 8], 5), (1, list(range(10)), 0),
                                         (42, [2, 7, 11, 13, 17, 19], 3), (12345, list(range(50, 90)), 7),
                                         (9, [6], 1)]],
    }


def shuffled(state, array):
    copy = np.array(array)
    state.shuffle(copy)
    return copy


def split_case(name, labels, test_size, seed):
    train, test = train_test_split(np.arange(len(labels)), test_size=test_size, stratify=labels,
                                   random_state=seed)
    return {"name": name, "labels": labels.tolist(), "test_size": test_size, "seed": seed,
            "train": train.tolist(), "test": test.tolist()}


def check_builtin(name, bunch):
    """dmlx embeds ../shared/data/<name>.csv; the split indices only mean the same samples if
    scikit-learn's copy has the same rows in the same order."""
    table = np.loadtxt(os.path.join(DATA, f"{name}.csv"), delimiter=",")
    assert np.array_equal(table[:, :-1], bunch.data), f"{name}: features differ from sklearn.datasets"
    assert np.array_equal(table[:, -1].astype(int), bunch.target), f"{name}: labels differ from sklearn.datasets"
    return bunch.target


def split_cases():
    cases = []
    for name, load in [("iris", datasets.load_iris), ("wine", datasets.load_wine), ("digits", datasets.load_digits)]:
        cases.append(split_case(name, check_builtin(name, load()), 0.3, 0))
    rng = np.random.default_rng(20261126)
    counts = [
        ("ties", [10, 7, 3], 0.3, 0),
        ("small-ties", [2, 2, 2, 2, 3], 0.5, 1),
        ("unsorted-negative", None, 0.25, 42),
        ("many-classes", [5, 6, 7, 5, 6, 7, 5, 6, 7, 9, 11], 0.3, 12345),
        ("two-classes", [40, 13], 0.2, 7),
    ]
    for name, sizes, test_size, seed in counts:
        if sizes is None:
            labels = rng.choice(np.array([-4, 9, 2, 0, 31]), size=61)
        else:
            labels = np.repeat(np.arange(len(sizes)) * 3 - 2, sizes)
            rng.shuffle(labels)
        cases.append(split_case(name, labels, test_size, seed))
    return cases


def main():
    os.makedirs(CORE_OUT, exist_ok=True)
    os.makedirs(ENGINE_OUT, exist_ok=True)
    with open(os.path.join(CORE_OUT, "numpy_legacy_random.json"), "w") as f:
        json.dump(random_cases(), f)
    with open(os.path.join(ENGINE_OUT, "sklearn_stratified_split.json"), "w") as f:
        json.dump(split_cases(), f)


if __name__ == "__main__":
    main()
