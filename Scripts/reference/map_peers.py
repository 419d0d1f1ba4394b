"""The peers of `dmlx bench --maps`: openTSNE and umap-learn on the same input.

Called by dmlx itself, with the interpreter of a virtual environment that
Scripts/make-peers-venv.sh creates (not run by CI):

    .venv-peers/bin/python Scripts/reference/map_peers.py INPUT.npy OUTPUT_DIR --threads 1

INPUT.npy is the n × d float32 matrix dmlx maps. For each peer the script fits the
library's defaults (openTSNE.TSNE with n_jobs = threads and random_state 0; umap.UMAP
with random_state 0, which umap-learn runs on one thread), saves the map as
OUTPUT_DIR/<peer>.npy and prints one JSON line per fit: {"peer", "version", "fit",
"seconds"}. UMAP is fitted twice in the one process: "cold" includes numba's
compilation, as a user's first call in a session does; "warm" is the second fit. dmlx
scores every saved map itself, with the trust scores it checks against scikit-learn.
"""
import argparse
import json
import os
import time

import numpy as np


def fit_tsne(x: np.ndarray, threads: int) -> np.ndarray:
    """openTSNE's defaults (BH gradient below 10,000 points, FFT from there)."""
    from openTSNE import TSNE

    return np.asarray(TSNE(n_jobs=threads, random_state=0).fit(x))


def fit_umap(x: np.ndarray, threads: int) -> np.ndarray:
    """umap-learn's defaults; a random_state makes it single-threaded and repeatable."""
    import umap

    return umap.UMAP(random_state=0, n_jobs=threads).fit_transform(x)


def timed(peer: str, version: str, fit: str, run, out: str) -> None:
    """Times one fit, saves its map, prints its JSON line."""
    start = time.perf_counter()
    layout = run()
    seconds = time.perf_counter() - start
    np.save(os.path.join(out, f"{peer}.npy"), layout.astype(np.float32))
    print(json.dumps({"peer": peer, "version": version, "fit": fit, "seconds": seconds}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("input")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--methods", default="tsne,umap")
    args = parser.parse_args()
    x = np.load(args.input).astype(np.float32)
    methods = args.methods.split(",")
    if "tsne" in methods:
        import openTSNE

        timed("openTSNE", openTSNE.__version__, "cold", lambda: fit_tsne(x, args.threads), args.out)
    if "umap" in methods:
        import umap

        version = getattr(umap, "__version__", "?")
        timed("umap-learn", version, "cold", lambda: fit_umap(x, args.threads), args.out)
        timed("umap-learn", version, "warm", lambda: fit_umap(x, args.threads), args.out)


if __name__ == "__main__":
    main()
