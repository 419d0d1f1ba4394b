import CNcursesw
import DMLXTerm

/// The curses video attributes of a resolved style (colours travel separately, as a pair).
public enum CursesAttributes {
    public static func attributes(for style: ResolvedStyle) -> attr_t {
        var attributes: attr_t = 0
        if style.bold { attributes |= dmlx_attr_bold() }
        if style.dim { attributes |= dmlx_attr_dim() }
        if style.reverse { attributes |= dmlx_attr_reverse() }
        return attributes
    }
}
