/// Why a LAPACK-backed decomposition produced no result. Reported to the caller rather
/// than trapped: a diverging training run hands the projection NaN embeddings, and the
/// front end should say "no projection" instead of crashing.
public enum LAPACKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input held NaN or infinity; LAPACK was not called.
    case nonFiniteInput
    /// The routine returned `info ≠ 0`: `info < 0` names an illegal argument by position,
    /// `info > 0` means the algorithm failed to converge.
    case failed(routine: String, info: Int)

    public var description: String {
        switch self {
        case .nonFiniteInput:
            "the matrix holds NaN or infinite values"
        case let .failed(routine, info) where info < 0:
            "\(routine): argument \(-info) had an illegal value"
        case let .failed(routine, info):
            "\(routine): the algorithm failed to converge (info \(info))"
        }
    }
}
