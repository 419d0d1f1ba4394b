"""Reference values for dmlx's map trust scores, from scikit-learn.

Writes Tests/DMLXEngineTests/Fixtures/trust/trustworthiness.json. Run from the
repository root with a virtual environment holding scikit-learn (not run by CI):

    /work/venv-peers/bin/python Scripts/reference/trust_fixtures.py

Each case is an embedding X (float32, as dmlx stores it), a 2-D map Y of it, k, and
scikit-learn's `trustworthiness(X, Y, n_neighbors=k)` computed on the float64 copies.
The maps range from faithful (PCA) to deliberately bad (a random layout, a map that
shifts half the points away), so the penalty sum is exercised from a few ranks to most
of them. The data get a little uniform noise: iris's one-decimal measurements and the
digits' integer pixels tie many distances, and scikit-learn orders ties by NumPy's
unstable argsort, which no other implementation can reproduce.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness

OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "trust")


def case(name: str, x: np.ndarray, y: np.ndarray, k: int) -> dict:
    """One fixture: float32 inputs as stored, the score of their float64 copies."""
    x32, y32 = x.astype(np.float32), y.astype(np.float32)
    value = trustworthiness(x32.astype(np.float64), y32.astype(np.float64), n_neighbors=k)
    return {"name": name, "embedding": x32.tolist(), "layout": y32.tolist(), "k": k,
            "trustworthiness": float(value)}


def main() -> None:
    rng = np.random.RandomState(0)
    iris = load_iris().data + rng.uniform(0, 1e-3, size=(150, 4))
    digits = load_digits().data[:300] + rng.uniform(0, 1e-3, size=(300, 64))
    digits_pca = PCA(n_components=2, random_state=0).fit_transform(digits)
    halves = digits_pca.copy()
    halves[:150] += np.array([40.0, 0.0])
    cases = [
        case("iris-pca-k5", iris, PCA(n_components=2).fit_transform(iris), 5),
        case("iris-random-k10", iris, rng.normal(size=(len(iris), 2)), 10),
        case("digits300-pca-k10", digits, digits_pca, 10),
        case("digits300-pca-k1", digits, digits_pca, 1),
        case("digits300-shifted-k10", digits, halves, 10),
        case("digits300-random-k25", digits, rng.uniform(size=(len(digits), 2)), 25),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "trustworthiness.json"), "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()
