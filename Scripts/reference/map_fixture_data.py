"""What the map fixture scripts (tsne_fixtures.py, umap_fixtures.py) share: their
inputs, the exact neighbour search they hand the libraries, and the number format.

The data get a little uniform noise so that no two distances tie (iris's one-decimal
measurements and the digits' integer pixels tie many, and neighbour order on ties is
the search's choice, not the definition's).
"""
import os

import numpy as np
from sklearn.datasets import load_digits, load_iris
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "maps")


def noisy_inputs(digits: int) -> tuple:
    """Iris (150 × 4) and the first `digits` digits (× 64), each with noise below 10⁻³."""
    rng = np.random.RandomState(0)
    iris = load_iris().data + rng.uniform(0, 1e-3, size=(150, 4))
    return iris, load_digits().data[:digits] + rng.uniform(0, 1e-3, size=(digits, 64))


def exact_neighbors(x32: np.ndarray, k: int) -> tuple:
    """The exact k nearest of each row (itself first, at distance 0) in float64, by
    scikit-learn's brute-force search: (distances, indices), each n × k."""
    search = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(x32.astype(np.float64))
    distances, neighbors = search.kneighbors(x32.astype(np.float64))
    assert (neighbors[:, 0] == np.arange(len(x32))).all()
    # The GEMM-form distances leave a point ~1e-6 from itself; the libraries' own searches say 0.
    distances[:, 0] = 0
    return distances, neighbors


def short(value: float) -> float:
    """Ten significant digits: far below every tolerance, a third of the file."""
    return float("%.10g" % value)


def stored(x32: np.ndarray) -> list:
    """A float32 matrix as the shortest decimals that read back to the same floats."""
    return [[float(str(v)) for v in row] for row in x32]
