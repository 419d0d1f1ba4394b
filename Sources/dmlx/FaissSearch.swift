/// What Scripts/reference/faiss_search.py prints: faiss's leave-one-out search of every
/// point (`bench --scale`, and `bench`'s retrieval cases, which also ask for Recall@K).
struct FaissSearch: Decodable {
    let peer: String
    let version: String
    /// "Flat" (exact, `IndexFlatL2`) or "IVF<nlist>,Flat nprobe <n>".
    let index: String
    let k: Int
    /// Index building plus search, and with `--recall-at` the Recall@K computation.
    let seconds: Double
    /// Recall@K by K (as a string), leave-one-out, when asked for.
    let recallAt: [String: Double]?

    private enum CodingKeys: String, CodingKey {
        case peer, version, index, k, seconds
        case recallAt = "recall_at"
    }
}
