import DMLXCore

extension FARM {
    /// The regulariser `R(M)` of FARM's metric factor and its proximal step.
    public enum Regularizer: String, Sendable, CaseIterable, Codable {
        /// `½‖M‖²_F`: shrinks every entry, keeps `M` full rank.
        case frobenius
        /// `‖M‖₁ = Σ|M_rc|` (elementwise): sparse feature relationships.
        case l1
        /// The nuclear norm, which on the PSD cone where `M` lives is `tr M`: low rank.
        case nuclear

        func value(_ metric: Matrix<Double>) -> Double {
            switch self {
            case .frobenius: metric.frobeniusInner(metric) / 2
            case .l1: metric.storage.reduce(0) { $0 + abs($1) }
            case .nuclear: (0..<metric.rows).reduce(0) { $0 + metric[$1, $1] }
            }
        }

        /// The prox of `scale · R` at `point`, then the projection onto the PSD cone.
        func proximal(_ point: Matrix<Double>, scale: Double) throws -> Matrix<Double> {
            switch self {
            case .frobenius:
                return try Matrix(rows: point.rows, cols: point.cols, storage: point.storage.map { $0 / (1 + scale) })
                    .projectedOntoPSDCone()
            case .l1:
                return try Matrix(rows: point.rows, cols: point.cols,
                                  storage: point.storage.map { ($0 < 0 ? -1 : 1) * max(abs($0) - scale, 0) })
                    .projectedOntoPSDCone()
            case .nuclear:
                return try point.projectedOntoPSDCone(shiftingEigenvaluesBy: scale)
            }
        }
    }
}
