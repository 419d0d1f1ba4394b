"""Reference values for dmlx's t-SNE, from openTSNE.

Writes Tests/DMLXEngineTests/Fixtures/maps/tsne.json. Run from the repository root
with the virtual environment of Scripts/make-peers-venv.sh (not run by CI):

    .venv-peers/bin/python Scripts/reference/tsne_fixtures.py

Each case is an embedding X (float32, as dmlx stores it) with a perplexity, and what
openTSNE 1.0.4 makes of it on the exact k-nearest-neighbour graph (k = 3 · perplexity,
self excluded, found by scikit-learn's brute-force search in float64):

- "affinities": the joint P of `openTSNE.affinity.joint_probabilities_nn` as sorted
  (row, column, value) triples, at the perplexity `PerplexityBasedNN` would use (a
  perplexity above k is lowered to k / 3);
- "layout" and "gradient": a layout spread over about 40 units, and openTSNE's
  `kl_divergence_fft` gradient there with that P (3 interpolation nodes, at least 50
  intervals), the same FFT-accelerated interpolation dmlx computes.
"""
import json
import os

import numpy as np
import openTSNE
from map_fixture_data import OUT, exact_neighbors, noisy_inputs, short, stored
from openTSNE import affinity
from openTSNE.tsne import kl_divergence_fft


def case(name: str, x: np.ndarray, perplexity: float, rng: np.random.RandomState) -> dict:
    """One fixture: openTSNE's P on the exact graph, and its gradient at a spread layout."""
    x32 = x.astype(np.float32)
    k = min(len(x) - 1, int(3 * perplexity))
    distances, neighbors = exact_neighbors(x32, k + 1)
    effective = affinity.PerplexityBasedNN.check_perplexity(perplexity, k)
    p = affinity.joint_probabilities_nn(neighbors[:, 1:], distances[:, 1:], [effective]).tocoo()
    order = np.lexsort((p.col, p.row))
    layout = np.array([[short(v) for v in row] for row in rng.normal(scale=10.0, size=(len(x), 2))])
    csr = p.tocsr()
    csr.sort_indices()
    _, gradient = kl_divergence_fft(
        np.ascontiguousarray(layout), csr, dof=1,
        fft_params={"n_interpolation_points": 3, "min_num_intervals": 50, "ints_in_interval": 1},
    )
    return {
        "name": name, "embedding": stored(x32), "perplexity": perplexity,
        "affinities": [[int(p.row[i]), int(p.col[i]), short(p.data[i])] for i in order],
        "layout": [[short(v) for v in row] for row in layout],
        "gradient": [[short(v) for v in row] for row in np.asarray(gradient)],
    }


def main() -> None:
    iris, digits = noisy_inputs(150)
    rng = np.random.RandomState(0)
    cases = [
        case("iris-perplexity10", iris, 10.0, rng),
        case("iris40-perplexity50", iris[::4][:40], 50.0, rng),
        case("digits150-perplexity20", digits, 20.0, rng),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tsne.json"), "w") as f:
        json.dump({"openTSNE": openTSNE.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()
