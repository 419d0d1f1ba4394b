/// How often one class's queries retrieve another class: among the R nearest others of
/// each query of class c (R = c's size − 1, the depth of R-precision and MAP@R), the
/// neighbours whose class is `label`.
public struct ClassConfusion: Sendable, Equatable {
    /// The class retrieved instead.
    public var label: Int
    /// How many of class c's queries' first R neighbours are of class `label`, all
    /// queries of c together.
    public var count: Int
    /// `count` over every slot searched for c, queries × R: the share of c's retrieved
    /// neighbours that are of class `label`. The shares of all classes plus c's
    /// R-precision make 1 (less when an approximate search left slots empty).
    public var share: Double

    public init(label: Int, count: Int, share: Double) {
        self.label = label
        self.count = count
        self.share = share
    }
}
