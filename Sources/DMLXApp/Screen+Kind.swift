/// The screens of the terminal UI, in the order tab cycles through them.
public enum ScreenKind: String, CaseIterable, Sendable {
    case dashboard
    case compare
    case inspect
}
