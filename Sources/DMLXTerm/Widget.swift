/// Something that draws itself into a rectangle of a buffer.
///
/// Contract: `render` writes only inside `area` (clipped to the buffer), never touches the
/// terminal, and copes with any area, including 0 × 0 and 1 × 1, without trapping.
public protocol Widget {
    func render(into buffer: inout Buffer, area: Rect)
}
