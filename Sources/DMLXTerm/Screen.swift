/// Presents frames on a backend, sending only what changed since the previous frame.
///
/// The first frame, a frame of a new size, and the first frame after `invalidate()` are
/// sent whole (the terminal's contents are then unknown).
public struct Screen<Backend: TerminalBackend> {
    public let backend: Backend
    public private(set) var previous: Buffer?

    public init(backend: Backend) {
        self.backend = backend
    }

    /// A blank buffer of the backend's current size, to render the next frame into.
    public func makeBuffer() -> Buffer {
        Buffer(width: backend.size.width, height: backend.size.height)
    }

    /// Sends `buffer` to the backend as a diff against the previous frame.
    public mutating func present(_ buffer: Buffer) {
        let diff = BufferDiff(from: previous, to: buffer)
        if !diff.isEmpty || previous == nil { backend.draw(diff) }
        previous = buffer
    }

    /// Forgets the previous frame, so that the next one is sent whole (after a resize, or
    /// when something else wrote to the terminal).
    public mutating func invalidate() {
        previous = nil
    }
}
