/// A terminal in memory for tests: a fixed size (until `resize`), the screen as diffs left
/// it, every presented frame, and a scripted queue of keys.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public var capability: ColorCapability
    public var glyphs: Glyphs
    /// What the terminal shows after the diffs drawn so far.
    public private(set) var screen: Buffer
    /// The screen after each `draw`, oldest first.
    public private(set) var presented: [Buffer] = []
    /// Every diff drawn, oldest first.
    public private(set) var diffs: [BufferDiff] = []
    /// Keys `readKey` returns, front first.
    public var pendingKeys: [Key]

    public init(width: Int, height: Int, capability: ColorCapability = .extended256, glyphs: Glyphs = .unicode, keys: [Key] = []) {
        size = (width, height)
        self.capability = capability
        self.glyphs = glyphs
        screen = Buffer(width: width, height: height)
        pendingKeys = keys
    }

    public func draw(_ diff: BufferDiff) {
        if diff.width != screen.width || diff.height != screen.height {
            screen = Buffer(width: diff.width, height: diff.height)
        }
        diff.apply(to: &screen)
        diffs.append(diff)
        presented.append(screen)
    }

    /// The next scripted key, or nil (at once, whatever the timeout) when none is left.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Simulates the user resizing the terminal: the size changes, the screen is lost, and
    /// a `.resize` key is queued in front, as curses reports KEY_RESIZE.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        screen = Buffer(width: width, height: height)
        pendingKeys.insert(.resize(width: width, height: height), at: 0)
    }
}
