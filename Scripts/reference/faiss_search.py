"""faiss's own numbers for `dmlx bench`: the leave-one-out search behind the metrics.

Called by dmlx itself (`bench --peers PYTHON`, `bench --scale --peers PYTHON`) with the
interpreter of Scripts/make-peers-venv.sh's venv:

    python Scripts/reference/faiss_search.py EMBEDDINGS.npy LABELS.npy [--recall-at 1,2,4,8] [--ivf --nprobe N] --threads T

Searches every point's k nearest with faiss's exact flat index (`IndexFlatL2`: squared
Euclidean, the distance of dmlx's exact search), or with IVF (nlist = 4·√n, trained on a
64·nlist sample, nprobe as given) when --ivf is set, a block of queries at a time so memory
stays bounded. k = max(8, R) + 1 (R = the largest class size less one, as MAP@R needs);
with --recall-at K,... k = max(K) + 1 instead, and Recall@K (leave-one-out: the point itself
is dropped from its neighbours by index; a hit when one of the K nearest shares its label;
the share of hits among the points whose class has another member, as dmlx's)
is computed inside the timed region, as dmlx's bench times its search and recall together.
Prints one JSON line: {"peer", "version", "index", "k", "seconds"[, "recall_at"]}. Its peak
memory is read by the caller.
"""
from __future__ import annotations

import argparse
import json
import math
import time

import faiss
import numpy as np

BLOCK = 4096


def build_index(points: np.ndarray, ivf: bool, nprobe: int) -> tuple[faiss.Index, str]:
    """The flat index, or an IVF one trained on a seeded sample.

    Parameters
    ----------
    points : (n, d) float32, C order.
    ivf : IVF instead of the exact flat index.
    nprobe : the IVF index's lists searched per query.

    Returns
    -------
    The index holding every point, and its name as printed.
    """
    n, dimension = points.shape
    if not ivf:
        index = faiss.IndexFlatL2(dimension)
        index.add(points)
        return index, "Flat"
    nlist = int(4 * math.sqrt(n))
    index = faiss.IndexIVFFlat(faiss.IndexFlatL2(dimension), dimension, nlist)
    sample = np.random.default_rng(0).choice(n, size=min(n, 64 * nlist), replace=False)
    index.train(points[np.sort(sample)])
    index.add(points)
    index.nprobe = nprobe
    return index, f"IVF{nlist},Flat nprobe {nprobe}"


def recall_hits(neighbors: np.ndarray, first: int, labels: np.ndarray, ks: list[int]) -> np.ndarray:
    """For a block of queries starting at point `first`: per K, how many queries have a
    same-label point among their K nearest other points.

    Parameters
    ----------
    neighbors : (b, k) faiss's neighbour indices of the block (-1 where it found fewer).
    first : the point index of the block's first query.
    labels : every point's label.
    ks : the K of Recall@K, each below k.

    Returns
    -------
    The hit count per K.
    """
    queries = np.arange(first, first + len(neighbors))
    others = neighbors != queries[:, None]
    # Each row keeps its first k - 1 neighbours that are not the query itself.
    order = np.argsort(~others, axis=1, kind="stable")[:, : neighbors.shape[1] - 1]
    kept = np.take_along_axis(neighbors, order, axis=1)
    same = labels[np.maximum(kept, 0)] == labels[queries][:, None]
    same &= kept >= 0
    # A query alone in its class is not answerable: it never has a same-label neighbour.
    return np.array([same[:, :k].any(axis=1).sum() for k in ks])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("embeddings")
    parser.add_argument("labels")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--recall-at", help="comma-separated K of Recall@K (then k = max K + 1)")
    parser.add_argument("--ivf", action="store_true")
    parser.add_argument("--nprobe", type=int, default=32)
    arguments = parser.parse_args()
    faiss.omp_set_num_threads(arguments.threads)
    points = np.ascontiguousarray(np.load(arguments.embeddings, mmap_mode="r"), dtype=np.float32)
    labels = np.load(arguments.labels)
    n = len(points)
    ks = [int(k) for k in arguments.recall_at.split(",")] if arguments.recall_at else []
    k = min(n, (max(ks) if ks else max(8, int(np.bincount(labels - labels.min()).max()) - 1)) + 1)
    started = time.perf_counter()
    index, name = build_index(points, arguments.ivf, arguments.nprobe)
    hits = np.zeros(len(ks), dtype=np.int64)
    _, members = np.unique(labels, return_counts=True)
    answerable = int(members[members > 1].sum())
    for start in range(0, n, BLOCK):
        _, neighbors = index.search(points[start : start + BLOCK], k)
        if ks:
            hits += recall_hits(neighbors, start, labels, ks)
    seconds = time.perf_counter() - started
    record = {"peer": "faiss", "version": faiss.__version__, "index": name, "k": k, "seconds": seconds}
    if ks:
        record["recall_at"] = {str(k): float(h) / answerable for k, h in zip(ks, hits)}
    print(json.dumps(record))


if __name__ == "__main__":
    main()
