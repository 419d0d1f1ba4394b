import DMLXEngine
import DMLXTerm

/// The screen before the UI has its state (reading the data, scoring the raw features,
/// building an index): a box with each step under way as a progress bar, so the
/// terminal is never blank while dmlx prepares.
public struct StartupView: Widget {
    public var title: String
    public var tasks: [TaskProgress]
    /// Whether the user asked to stop, and the steps are winding down.
    public var isCancelling: Bool
    public var glyphs: Glyphs

    public init(title: String, tasks: [TaskProgress], isCancelling: Bool, glyphs: Glyphs) {
        self.title = title
        self.tasks = tasks
        self.isCancelling = isCancelling
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let lines = (tasks.isEmpty ? ["starting …"] : tasks.map { $0.text(barWidth: 20) })
            + ["", isCancelling ? "stopping …" : "q stops"]
        let width = min(area.width, max(50, lines.map(TextWidth.of).max() ?? 0) + 4)
        let box = Box(title: title, glyphs: glyphs)
        let frame = area.centered(width: width, height: min(area.height, lines.count + 2))
        box.render(into: &buffer, area: frame)
        let inside = box.inner(frame).inset(horizontal: 1, vertical: 0)
        for (row, line) in lines.enumerated() where row < inside.height {
            let style = row >= tasks.count ? Style.foreground(.dim) : Style()
            buffer.set(x: inside.x, y: inside.y + row, string: line, style: style, clip: inside)
        }
    }
}
