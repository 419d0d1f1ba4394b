"""faiss's own numbers for `dmlx bench --scale`: the leave-one-out search behind the metrics.

Reads EMBEDDINGS.npy and LABELS.npy, searches every point's k = max(8, R) + 1 nearest
(R = the largest class size less one, as MAP@R needs) with faiss's exact flat index, or
with IVF (nlist = 4·√n, trained on a 64·nlist sample, nprobe as given) when --ivf is set,
a block of queries at a time so memory stays bounded, and prints one JSON line:
{"peer", "version", "index", "k", "seconds"}. Its peak memory is read by the caller.
"""
from __future__ import annotations

import argparse
import json
import math
import time

import faiss
import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("embeddings")
    parser.add_argument("labels")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ivf", action="store_true")
    parser.add_argument("--nprobe", type=int, default=32)
    arguments = parser.parse_args()
    faiss.omp_set_num_threads(arguments.threads)
    points = np.ascontiguousarray(np.load(arguments.embeddings, mmap_mode="r"), dtype=np.float32)
    labels = np.load(arguments.labels)
    n, dimension = points.shape
    k = min(n, max(8, int(np.bincount(labels - labels.min()).max()) - 1) + 1)
    started = time.perf_counter()
    if arguments.ivf:
        nlist = int(4 * math.sqrt(n))
        index = faiss.IndexIVFFlat(faiss.IndexFlatL2(dimension), dimension, nlist)
        sample = np.random.default_rng(0).choice(n, size=min(n, 64 * nlist), replace=False)
        index.train(points[np.sort(sample)])
        index.add(points)
        index.nprobe = arguments.nprobe
        name = f"IVF{nlist},Flat nprobe {arguments.nprobe}"
    else:
        index = faiss.IndexFlatL2(dimension)
        index.add(points)
        name = "Flat"
    for start in range(0, n, 4096):
        index.search(points[start : start + 4096], k)
    seconds = time.perf_counter() - started
    print(json.dumps({"peer": "faiss", "version": faiss.__version__, "index": name, "k": k, "seconds": seconds}))


if __name__ == "__main__":
    main()
