/// One input event, decoded by the backend.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    /// F1 is `.function(1)`.
    case function(Int)
    /// Control with a letter, lower case: Ctrl-C is `.ctrl("c")`.
    case ctrl(Character)
    case mouse(MouseEvent)
    /// The terminal now has this many columns and rows (curses' KEY_RESIZE): a message for
    /// the next frame, never a drawing action of its own.
    case resize(width: Int, height: Int)
}
