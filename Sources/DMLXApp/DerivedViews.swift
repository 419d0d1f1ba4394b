import DMLXCore
import DMLXEngine

/// Values the views derive from `AppState` at a cost of O(N) or more — the selected
/// point's neighbours in the embedding and a linear map's coordinates — kept between
/// frames. With 100,000 points each costs milliseconds, and a frame is drawn for every
/// key and every step of a map being made; `AppState.update` refreshes them when what
/// they derive from changes, and a state that has not been through `update` (a test's)
/// derives them afresh. Each is stored with the key it was derived for, so a stale one
/// is never used.
struct DerivedViews: Sendable {
    /// What the neighbour list depends on.
    struct NeighborsKey: Hashable, Sendable {
        var run: String
        var epoch: Int
        var selection: Int
        var count: Int
    }

    /// What the Inspect screen's same-class history depends on (besides the epochs).
    struct SameClassKey: Hashable, Sendable {
        var selection: Int
        var count: Int
    }

    var neighbors: (key: NeighborsKey, value: [PointNeighbors.Neighbor])?
    /// Same-class neighbour counts by run name and epoch (`AppState.sameClassHistory`;
    /// nil for an epoch without embeddings), and whether every epoch has been counted.
    var sameClassCounts: (key: SameClassKey, counts: [String: [Int: Int?]], isComplete: Bool)?
    /// A linear map's points and proxies, keyed as the atlas keys maps.
    var linearMap: (key: MapKey, points: Matrix<Float>, proxies: Matrix<Float>?)?
}
