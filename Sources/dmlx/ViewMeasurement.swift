/// What `dmlx view --measure` prints (one JSON object) and `dmlx bench --scale` reads.
struct ViewMeasurement: Codable {
    var points: Int
    /// From the start of the command to its first frame (the startup screen).
    var firstFrameSeconds: Double?
    /// From the start to the moment the scatter and neighbours could be explored.
    var explorableSeconds: Double
    /// From a key's arrival to the end of the frame showing it (the selected point's
    /// neighbours found on the way).
    var keyToFrame: Spread
    /// Rendering and presenting one frame.
    var frame: Spread
    /// The neighbour panel's search: "exact" or the approximate index.
    var index: String
    /// The approximate index's recall@10 against exact search (1,000 sampled queries).
    var neighborRecallAt10: Double?
    /// One point's neighbours from the approximate index, for 200 points (none when exact).
    var neighborQuery: Spread
}
