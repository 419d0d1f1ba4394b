/// A terminal the UI can draw on and read keys from. Widgets never see it: the UI renders
/// into a `Buffer`, `Screen` diffs it against the previous frame and hands the diff here.
public protocol TerminalBackend: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    var capability: ColorCapability { get }
    /// Chosen from the locale: ASCII when it is not UTF-8.
    var glyphs: Glyphs { get }
    /// Writes the diff's runs and makes them visible.
    func draw(_ diff: BufferDiff)
    /// The next key, waiting at most `timeoutMilliseconds` (0: do not wait); nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
}
