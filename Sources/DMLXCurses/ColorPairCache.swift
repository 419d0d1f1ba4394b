/// Curses colour pairs, allocated on demand, one per (foreground, background) a frame uses.
///
/// Curses draws colours through numbered pairs that must be defined (`init_pair`) before
/// use; the palette yields a few dozen combinations, far fewer than the 256 or 65536 pairs
/// terminals offer, so pairs are defined the first time a combination appears and reused.
/// Pair 0 is fixed by curses as the default colours; when every pair is taken (or defining
/// one fails) a combination falls back to pair 0, so text stays legible in default colours.
public struct ColorPairCache: Sendable {
    private struct Colors: Hashable, Sendable {
        var foreground: Int16
        var background: Int16
    }

    /// One more than the highest pair number this cache hands out.
    public let capacity: Int
    private let defaultForeground: Int16
    private let defaultBackground: Int16
    private var pairs: [Colors: Int16] = [:]
    private var nextPair: Int16 = 1

    /// - Parameters:
    ///   - colorPairs: curses' `COLOR_PAIRS`; capped at `Int16.max`, the largest pair a
    ///     `cchar_t` carries without extended-colour options.
    ///   - defaultForeground, defaultBackground: the colours that stand for "the terminal's
    ///     default" (nil in a `ResolvedStyle`): -1 after `use_default_colors`, otherwise
    ///     curses' own defaults, white (7) on black (0).
    public init(colorPairs: Int, defaultForeground: Int16 = -1, defaultBackground: Int16 = -1) {
        capacity = max(1, min(colorPairs, Int(Int16.max)))
        self.defaultForeground = defaultForeground
        self.defaultBackground = defaultBackground
    }

    /// How many pairs have been defined.
    public var count: Int { Int(nextPair) - 1 }

    /// The pair showing `foreground` on `background` (nil: the terminal's default), calling
    /// `define(pair, foreground, background)` (`init_pair`; false when it fails) the first
    /// time a combination is asked for.
    public mutating func pair(
        foreground: Int?, background: Int?,
        define: (_ pair: Int16, _ foreground: Int16, _ background: Int16) -> Bool
    ) -> Int16 {
        let colors = Colors(
            foreground: foreground.map { Int16(clamping: $0) } ?? defaultForeground,
            background: background.map { Int16(clamping: $0) } ?? defaultBackground)
        if colors == Colors(foreground: defaultForeground, background: defaultBackground) { return 0 }
        if let pair = pairs[colors] { return pair }
        guard Int(nextPair) < capacity, define(nextPair, colors.foreground, colors.background) else {
            pairs[colors] = 0
            return 0
        }
        pairs[colors] = nextPair
        nextPair += 1
        return nextPair - 1
    }
}
