/// Whose per-class scores a table shows: a run's epoch.
public struct ClassTableKey: Hashable, Sendable {
    public var run: String
    public var epoch: Int

    public init(run: String, epoch: Int) {
        self.run = run
        self.epoch = epoch
    }
}
