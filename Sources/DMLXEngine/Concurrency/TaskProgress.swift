/// How far one long step has come (loading a file, a neighbour search, k-means,
/// scoring): what the UI's progress bars and the headless commands' stderr line draw.
public struct TaskProgress: Sendable, Equatable {
    public var title: String
    /// The share done, 0…1; nil while the step cannot tell (reading a file).
    public var share: Double?
    /// Seconds since the step began.
    public var elapsed: Double

    public init(title: String, share: Double?, elapsed: Double) {
        self.title = title
        self.share = share.map { min(max($0, 0), 1) }
        self.elapsed = elapsed
    }

    /// The time left at the rate so far; nil before 2% is done, when the rate is still
    /// mostly start-up cost and an estimate would mislead.
    public var secondsLeft: Double? {
        guard let share, share > 0.02 else { return nil }
        return elapsed / share - elapsed
    }

    /// "scoring [#######·········] 41% · about 35 s left", or "reading a.npy … 3 s"
    /// while the share is unknown; the bar is `barWidth` cells.
    public func text(barWidth: Int = 20) -> String {
        guard let share else { return "\(title) … \(Int(elapsed.rounded())) s" }
        let filled = Int(share * Double(barWidth))
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled)
        let left = secondsLeft.map { " · about \(Int($0.rounded())) s left" } ?? ""
        return "\(title) [\(bar)] \(Int(share * 100))%\(left)"
    }
}
