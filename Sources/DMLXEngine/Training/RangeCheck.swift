/// The checks behind every configuration's `validate`: a value outside its range is a
/// `TrainingError.invalidConfiguration` naming the option and what it got. nil (an option
/// left at its default) always passes.
enum RangeCheck {
    static func require(_ option: String, _ value: Int?, in range: ClosedRange<Int>) throws {
        guard let value, !range.contains(value) else { return }
        throw TrainingError.invalidConfiguration("\(option) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
    }

    static func requireNumber(_ option: String, _ value: Double?, in range: ClosedRange<Double>) throws {
        guard let value, !range.contains(value) else { return }
        throw TrainingError.invalidConfiguration("\(option) must be a number between \(range.lowerBound) and \(range.upperBound) (got \(value))")
    }

    static func requirePositive(_ option: String, _ value: Double?, upTo limit: Double = TrainingConfiguration.Limits.magnitude) throws {
        guard let value, !(value > 0 && value <= limit) else { return }
        throw TrainingError.invalidConfiguration("\(option) must be a positive number up to \(limit) (got \(value))")
    }
}
