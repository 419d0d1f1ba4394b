"""Reference values for dmlx's UMAP, from umap-learn.

Writes Tests/DMLXEngineTests/Fixtures/maps/umap.json. Run from the repository root
with the virtual environment of Scripts/make-peers-venv.sh (not run by CI):

    .venv-peers/bin/python Scripts/reference/umap_fixtures.py

- "graphs": an embedding X (float32, as dmlx stores it), n_neighbors, and what
  umap-learn 0.5.12's `fuzzy_simplicial_set` makes of X's exact k-nearest-neighbour
  graph (self first, found by scikit-learn's brute-force search in float64): the
  sorted (row, column, weight) triples of the fuzzy union, and each point's sigma and
  rho.
- "curves": `find_ab_params(spread, min_dist)` for a few settings.
"""
import json
import os

import numpy as np
import umap
from map_fixture_data import OUT, exact_neighbors, noisy_inputs, short, stored
from umap.umap_ import find_ab_params, fuzzy_simplicial_set


def graph_case(name: str, x: np.ndarray, n_neighbors: int) -> dict:
    """One fixture: umap-learn's fuzzy graph of the exact k-NN lists."""
    x32 = x.astype(np.float32)
    distances, neighbors = exact_neighbors(x32, n_neighbors)
    graph, sigmas, rhos = fuzzy_simplicial_set(
        x32, n_neighbors, np.random.RandomState(0), "euclidean",
        knn_indices=neighbors, knn_dists=distances.astype(np.float32),
    )
    coo = graph.tocoo()
    order = np.lexsort((coo.col, coo.row))
    return {
        "name": name, "embedding": stored(x32), "neighbors": n_neighbors,
        "graph": [[int(coo.row[i]), int(coo.col[i]), short(coo.data[i])] for i in order],
        "sigmas": [short(v) for v in sigmas], "rhos": [short(v) for v in rhos],
    }


def main() -> None:
    iris, digits = noisy_inputs(200)
    graphs = [graph_case("iris-15", iris, 15), graph_case("iris-5", iris, 5), graph_case("digits200-15", digits, 15)]
    curves = []
    for spread, min_dist in [(1.0, 0.1), (1.0, 0.0), (1.0, 0.5), (2.0, 0.25)]:
        a, b = find_ab_params(spread, min_dist)
        curves.append({"spread": spread, "minimumDistance": min_dist, "a": float(a), "b": float(b)})
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "umap.json"), "w") as f:
        json.dump({"umap-learn": umap.__version__, "graphs": graphs, "curves": curves}, f)


if __name__ == "__main__":
    main()
