/// Agreement between the true classes and a clustering, as scikit-learn 1.9 defines it
/// with `average_method="arithmetic"` (pytorch-metric-learning's AccuracyCalculator
/// calls exactly these):
/// - NMI = I(U; V) / mean(H(U), H(V)) (Strehl & Ghosh, JMLR 2002);
/// - AMI = (I − E[I]) / (mean(H(U), H(V)) − E[I]) (Vinh, Epps & Bailey, JMLR 2010).
///
/// sklearn's special cases are kept: both labelings a single group (or empty) score 1;
/// NMI is 0 when I = 0; AMI is 0 when exactly one side is a single group; the AMI
/// numerator and denominator are kept at least machine epsilon away from zero, sign
/// preserved.
public struct ClusteringScores: Sendable, Equatable {
    public var nmi: Double
    public var ami: Double

    public init(labels: [Int], clusters: [Int]) {
        self.init(table: ContingencyTable(labels: labels, clusters: clusters))
    }

    public init(table: ContingencyTable) {
        let classes = table.rowSums.count
        let clusters = table.columnSums.count
        if classes == clusters && classes <= 1 {
            (nmi, ami) = (1, 1)
            return
        }
        let information = table.mutualInformation
        let normalizer = (table.rowEntropy + table.columnEntropy) / 2
        nmi = information == 0 ? 0 : information / normalizer
        guard classes > 1, clusters > 1 else {
            ami = 0
            return
        }
        let expected = table.expectedMutualInformation
        ami = Self.awayFromZero(information - expected) / Self.awayFromZero(normalizer - expected)
    }

    private static func awayFromZero(_ value: Double) -> Double {
        value < 0 ? min(value, -Double.ulpOfOne) : max(value, Double.ulpOfOne)
    }
}
