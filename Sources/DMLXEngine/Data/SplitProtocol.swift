/// How a data source is divided into the part a model trains on and the part it is
/// evaluated on (`--split`); see `DataSplit.make` for the exact rules.
public enum SplitProtocol: String, Codable, CaseIterable, Sendable {
    /// Every class in both parts: a seeded half of each class's samples is held out.
    case stratified
    /// Disjoint classes: train on the first half of the classes, test on the unseen rest
    /// (the protocol of the Proxy-NCA paper, Movshovitz-Attias et al. 2017).
    case zeroShot = "zero-shot"
}
