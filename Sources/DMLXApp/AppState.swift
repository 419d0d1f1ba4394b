import DMLXCore
import DMLXEngine
import DMLXTerm

/// Everything the terminal UI shows, in one value (the bubbletea model): `update` turns
/// messages into a new state plus effects for the runtime, and rendering is a pure
/// function of the state.
public struct AppState: Sendable {
    public struct Size: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// The horizontal axis of the compare screen.
    public enum CompareAxis: String, Sendable {
        case epochs
        case seconds
    }

    /// The smallest terminal the screens are laid out for.
    public static let minimumSize = Size(width: 80, height: 24)
    public static let neighborCountRange = 1...30

    public var data: AppData
    public var runs: [RunView]
    public var size: Size
    public var glyphs: Glyphs
    public var capability: ColorCapability
    public var screen: ScreenKind = .dashboard
    public var showsHelp = false
    /// The epoch shown by every panel; nil follows the newest epoch as training goes on.
    public var pinnedEpoch: Int?
    /// The selected test point.
    public var selection = 0
    /// How many neighbours the neighbour panels list (`+` / `-`).
    public var neighborCount = 8
    /// Which run the scatter plot and neighbour panels show (`r`).
    public var focusedRun = 0
    public var projectionMode = ProjectionMode.aligned
    /// The maps made so far and the one being made.
    public var maps = MapAtlas()
    /// The Classes screen's scores and where the user is in it.
    public var classTable = ClassTable()
    public var compareAxis = CompareAxis.epochs
    /// The text typed after `/`, while the jump prompt is open.
    public var search: String?
    /// A one-line notice for the status bar (saved checkpoint, unknown class, ...).
    public var notice: String?
    /// Whether the user paused training (space).
    public var isPaused = false
    public var shouldQuit = false
    /// The long steps under way outside the runs (scoring given embeddings), drawn as a
    /// progress bar in the status line.
    public var tasks: [TaskProgress] = []
    /// Milliseconds the last frame took to render, shown in the status bar.
    public var lastFrameMilliseconds: Double?
    /// Costly values the views read, kept between frames (`update` refreshes them).
    var derived = DerivedViews()

    public init(data: AppData, runs: [RunView], size: Size, glyphs: Glyphs = .unicode,
                capability: ColorCapability = .extended256) {
        self.data = data
        self.runs = runs
        self.size = size
        self.glyphs = glyphs
        self.capability = capability
    }

    /// Whether anything trains or has trained: false only for given embeddings (`dmlx
    /// view`), which have no loss to plot.
    public var hasTraining: Bool { !runs.allSatisfy { $0.kind == .given } }

    /// The newest epoch any run has published (0 before the first epoch ends).
    public var latestEpoch: Int { runs.compactMap(\.latestEpoch).max() ?? 0 }

    /// The epoch every panel shows.
    public var shownEpoch: Int { min(pinnedEpoch ?? latestEpoch, latestEpoch) }

    public var isFollowingLatest: Bool { pinnedEpoch == nil }

    public var focused: RunView? { runs.indices.contains(focusedRun) ? runs[focusedRun] : nil }

    /// The focused run's snapshot at the shown epoch.
    public var focusedSnapshot: EpochSnapshot? { focused?.snapshot(atEpoch: shownEpoch) }

    public var isTooSmall: Bool {
        size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
    }
}
