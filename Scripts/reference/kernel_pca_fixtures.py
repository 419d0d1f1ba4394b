"""Reference values for dmlx's RBF kernel PCA, from scikit-learn.

Writes Tests/DMLXEngineTests/Fixtures/kernels/kernel_pca.json. Run from the repository
root with the reference environment (not run by CI):

    /opt/refenv/bin/python Scripts/reference/kernel_pca_fixtures.py

Each case: float32 training and test points (three Gaussian clusters, so the kernel has
a clear leading spectrum), the KernelPCA arguments (gamma null means scikit-learn's
default 1/n_features), and scikit-learn 1.9's `fit_transform` of the training points and
`transform` of the test points. Component signs are arbitrary, so the Swift test compares
pairwise distances between projected points rather than the coordinates.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import KernelPCA

OUT = os.path.join("Tests", "DMLXEngineTests", "Fixtures", "kernels")


def case(name, rng, train, test, dimension, components, gamma):
    centres = rng.normal(0, 2, (3, dimension))
    def points(count):
        return (centres[rng.integers(0, 3, count)] + rng.normal(0, 1, (count, dimension))).astype(np.float32)
    x_train, x_test = points(train), points(test)
    pca = KernelPCA(n_components=components, kernel="rbf", gamma=gamma, eigen_solver="dense")
    projected_train = pca.fit_transform(x_train.astype(np.float64))
    projected_test = pca.transform(x_test.astype(np.float64))
    return {
        "name": name,
        "train": x_train.tolist(),
        "test": x_test.tolist(),
        "components": components,
        "gamma": gamma,
        "projected_train": projected_train.tolist(),
        "projected_test": projected_test.tolist(),
    }


def main():
    rng = np.random.default_rng(20260611)
    os.makedirs(OUT, exist_ok=True)
    cases = [
        case("default-gamma", rng, 40, 12, 5, 6, None),
        case("given-gamma", rng, 30, 10, 3, 4, 0.35),
    ]
    with open(os.path.join(OUT, "kernel_pca.json"), "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()
