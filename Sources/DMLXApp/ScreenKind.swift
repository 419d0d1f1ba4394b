/// The screens of the terminal UI, in the order tab cycles through them.
public enum ScreenKind: String, CaseIterable, Sendable {
    /// Loss curves, the metrics table, the embedding scatter and the neighbour panel.
    case dashboard
    /// Triplet-vs-proxy convergence: MAP@R and Recall@1 against epochs or seconds.
    case compare
    /// One point and its nearest neighbours in the embedding space, over epochs.
    case inspect
    /// Each class's precision@1, R-precision, MAP@R and confusions at the shown epoch, and
    /// a class's worst queries.
    case classes
    /// What the losses and miners see: active terms, mined tuples, distance gaps.
    case mining
    /// A classic learner's metric: the heat map of M = LᵀL, its spectrum, its fit.
    case metric

    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .compare: return "Compare"
        case .inspect: return "Inspect"
        case .mining: return "Mining"
        case .metric: return "Metric"
        case .classes: return "Classes"
        }
    }
}
