/// How neighbours are searched: `exact` is the blocked GEMM search (`NearestNeighbors`),
/// `hnsw` and `ivf` are faiss's approximate indexes (Malkov & Yashunin's hierarchical
/// navigable small-world graph; Jégou et al.'s inverted file over k-means cells).
public enum NeighborIndexKind: String, CaseIterable, Sendable, Codable {
    case exact, hnsw, ivf

    /// The parameters `--index-params` takes for this kind, each with what it means and
    /// its default (see `NeighborIndex` for why these defaults).
    public var parameters: [(key: String, meaning: String)] {
        switch self {
        case .exact:
            return []
        case .hnsw:
            return [("M", "graph neighbours per point (default 32)"),
                    ("efConstruction", "candidates while building (default 40)"),
                    ("efSearch", "candidates while searching (default: the smallest of 16, 32, … reaching recall@10 0.95 on a sample)")]
        case .ivf:
            return [("nlist", "k-means cells (default 4·√n, at most n/39)"),
                    ("nprobe", "cells searched per query (default: the smallest of 1, 2, 4, … reaching recall@10 0.95 on a sample)"),
                    ("train", "points k-means is trained on (default min(n, 40·nlist))"),
                    ("niter", "k-means iterations (default 10)")]
        }
    }
}
