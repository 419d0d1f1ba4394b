import DMLXCore
import DMLXEngine

/// What the UI holds of the maps the map queue makes (`MapRun`): every finished map by
/// key, the newest frame of the job under way, and the job last asked for, so each is
/// asked for once.
public struct MapAtlas: Sendable {
    public var finished: [MapKey: MapFrame] = [:]
    public var current: MapFrame?
    public var requested: MapKey?

    public init() {}

    mutating func receive(latest: MapFrame?, finished frames: [MapFrame]) {
        for frame in frames { finished[frame.key] = frame }
        current = latest
    }

    /// The frame to draw for `key`: its finished map, else the job under way for it once
    /// it has a layout, else the finished map of the nearest epoch of the same run and
    /// projection (what the map being made grows out of). Nil when there is none.
    func drawable(for key: MapKey) -> MapFrame? {
        if let done = finished[key] { return done }
        if let current, current.key == key, current.layout != nil { return current }
        return nearestFinished(to: key)
    }

    /// The layout a new map for `key` continues from: the nearest epoch's finished map of
    /// the same run and projection, else the newest layout of an unfinished job of
    /// theirs (the map of a quickly superseded epoch), else nil (a fresh start).
    func continuation(for key: MapKey) -> Matrix<Float>? {
        if let nearest = nearestFinished(to: key) { return nearest.layout }
        guard let current, current.key.run == key.run, current.key.projection == key.projection else { return nil }
        return current.layout
    }

    /// The status of `key`'s own job when it is the one under way or has ended.
    func status(of key: MapKey) -> MapFrame? {
        finished[key] ?? (current?.key == key ? current : nil)
    }

    private func nearestFinished(to key: MapKey) -> MapFrame? {
        finished.values
            .filter { $0.key.run == key.run && $0.key.projection == key.projection && $0.layout != nil }
            .min { (abs($0.key.epoch - key.epoch), $0.key.epoch) < (abs($1.key.epoch - key.epoch), $1.key.epoch) }
    }
}
