import Foundation

/// Axis ticks at "nice" values, multiples of 1, 2 or 5 × 10^k (Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), and the axis range they label.
public struct NiceTicks: Sendable, Equatable {
    /// The axis range, which data must be scaled into.
    public var lower: Double
    public var upper: Double
    public var step: Double
    public var values: [Double]

    /// Ticks for data in `lower ... upper`, at most `maxCount` of them (at least 2).
    ///
    /// The step is the smallest nice step with at most `maxCount` multiples inside the
    /// data range, so the axis stays tight around the data (loss curves keep their
    /// resolution). When that leaves fewer than min(3, maxCount) ticks, the range is widened
    /// to the enclosing multiples of the step. An empty range (lower == upper) is first
    /// widened by 1 around zero or by 10 % of the value either side; non-finite bounds
    /// become 0 ... 1.
    public init(lower: Double, upper: Double, maxCount: Int) {
        var (low, high) = NiceTicks.sanitized(lower, upper)
        let maxCount = max(2, maxCount)
        var step = NiceTicks.firstStep(span: high - low, maxCount: maxCount)
        while NiceTicks.count(low, high, step) > maxCount { step = NiceTicks.nextStep(after: step) }
        if NiceTicks.count(low, high, step) < min(3, maxCount) {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        self.lower = low
        self.upper = high
        self.step = step
        let first = Int((low / step - 1e-9).rounded(.up))
        let last = Int((high / step + 1e-9).rounded(.down))
        values = first <= last ? (first...last).map { Double($0) * step } : []
    }

    /// `value` written with as many decimals as the step needs; for steps of 10^6 and up or
    /// 10^-5 and below, as a multiple of the step's power of ten ("25e5"); never "-0".
    public func label(_ value: Double) -> String {
        let exponent = Int(log10(step).rounded(.down))
        if exponent >= 6 || exponent <= -5 {
            let multiple = Int((value / pow(10, Double(exponent))).rounded())
            return multiple == 0 ? "0" : "\(multiple)e\(exponent)"
        }
        let decimals = max(0, -exponent)
        let text = String(format: "%.\(decimals)f", value)
        return text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) ? String(text.drop { $0 == "-" }) : text
    }

    private static func sanitized(_ lower: Double, _ upper: Double) -> (Double, Double) {
        guard lower.isFinite && upper.isFinite else { return (0, 1) }
        let low = min(lower, upper)
        let high = max(lower, upper)
        guard high > low else {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            return (low - pad, high + pad)
        }
        return (low, high)
    }

    private static func count(_ low: Double, _ high: Double, _ step: Double) -> Int {
        Int((high / step + 1e-9).rounded(.down)) - Int((low / step - 1e-9).rounded(.up)) + 1
    }

    /// A nice step at or below span / maxCount, where the search upwards starts.
    private static func firstStep(span: Double, maxCount: Int) -> Double {
        let rough = span / Double(maxCount)
        return pow(10, (log10(rough)).rounded(.down))
    }

    private static func nextStep(after step: Double) -> Double {
        let magnitude = pow(10, log10(step).rounded(.down))
        let mantissa = (step / magnitude).rounded()
        return switch mantissa {
        case ..<2: 2 * magnitude
        case ..<5: 5 * magnitude
        default: 10 * magnitude
        }
    }
}
