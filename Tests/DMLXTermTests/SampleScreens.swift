import Foundation
import DMLXTerm

/// Deterministic sample widgets and a dashboard made of them, for robustness tests,
/// snapshots and timing.
enum SampleScreens {
    static func lossSeries() -> [LineChart.Series] {
        let epochs = (0...30).map(Double.init)
        return [
            LineChart.Series(name: "triplet", points: epochs.map { ($0, 0.2 + 0.8 * exp(-$0 / 6) + 0.03 * sin($0)) }, color: .series(0)),
            LineChart.Series(name: "proxy-nca", points: epochs.map { ($0, 0.1 + 1.5 * exp(-$0 / 4)) }, color: .series(1)),
        ]
    }

    /// Ten classes on spiral arms, with a fractional-sine jitter, a proxy per class, one
    /// selected point and its neighbours.
    static func scatterPoints() -> [ScatterPlot.Point] {
        var points: [ScatterPlot.Point] = []
        for classID in 0..<10 {
            for index in 0..<60 {
                let angle = Double(classID) * 2 * .pi / 10 + Double(index) * 0.04
                let radius = 1 + Double(index) * 0.03
                let jitter = (sin(Double(index) * 12.9898 + Double(classID) * 78.233) * 43758.5453).truncatingRemainder(dividingBy: 1) * 0.15
                points.append(ScatterPlot.Point(x: radius * cos(angle) + jitter, y: radius * sin(angle) - jitter, classID: classID))
            }
            let center = Double(classID) * 2 * .pi / 10 + 1.2
            points.append(ScatterPlot.Point(x: 1.9 * cos(center), y: 1.9 * sin(center), classID: classID, marker: .proxy))
        }
        for index in [31, 33, 35] { points[index].marker = .neighbor }
        points[32].marker = .selected
        return points
    }

    static func metricsTable(glyphs: Glyphs) -> Table {
        Table(
            columns: [Table.Column("run", width: .fill(1)), .numeric("epoch"), .numeric("loss"), .numeric("R@1"), .numeric("MAP@R"), .numeric("NMI")],
            rows: [
                Table.Row(["raw features", "-", "-", "0.912", "0.553", "0.701"], style: .foreground(.dim)),
                Table.Row(["epoch 0", "0", "1.600", "0.874", "0.497", "0.655"], style: .foreground(.dim)),
                Table.Row(["triplet", "30", "0.174", "0.981", "0.912", "0.904"]),
                Table.Row(["proxy-nca", "30", "0.103", "0.985", "0.931", "0.917"]),
            ],
            highlightedRow: 3, columnSpacing: 1, glyphs: glyphs)
    }

    static func neighbors(glyphs: Glyphs) -> NeighborList {
        NeighborList(
            entries: (1...8).map { rank in
                NeighborList.Entry(rank: rank, index: 37 * rank % 899, label: rank == 4 ? "7" : "1", distance: 0.21 * Double(rank), isWrongClass: rank == 4)
            },
            glyphs: glyphs)
    }

    /// An 8 × 8 "0": a bright ring on black.
    static func digit() -> HalfBlockImage {
        let pixels = (0..<64).map { index -> Double in
            let dx = Double(index % 8) - 3.5
            let dy = (Double(index / 8) - 3.5) * 0.8
            return max(0, 1 - abs((dx * dx + dy * dy).squareRoot() - 2.6))
        }
        return HalfBlockImage(width: 8, height: 8, pixels: pixels)
    }

    static let helpEntries = [
        HelpOverlay.Entry("space", "pause / resume training"), HelpOverlay.Entry("n", "step one epoch"),
        HelpOverlay.Entry("[ ]", "scrub through epochs"), HelpOverlay.Entry("arrows", "pick a point"),
        HelpOverlay.Entry("?", "toggle this help"), HelpOverlay.Entry("q", "quit"),
    ]

    /// Every widget, named, with sample content.
    static func widgets(glyphs: Glyphs) -> [(name: String, widget: any Widget)] {
        [
            ("line chart", LineChart(series: lossSeries(), title: "Loss", glyphs: glyphs)),
            ("empty line chart", LineChart(series: [], title: "Loss", glyphs: glyphs)),
            ("scatter", ScatterPlot(points: scatterPoints(), classNames: (0..<10).map { "digit \($0)" }, title: "Test embedding", glyphs: glyphs)),
            ("table", metricsTable(glyphs: glyphs)),
            ("neighbours", neighbors(glyphs: glyphs)),
            ("thumbnail", ImageThumbnail(image: digit(), caption: "#412 label 0", glyphs: glyphs)),
            ("status bar", StatusBar(left: [.init("dmlx"), .init("training")], right: [.init("? help")], glyphs: glyphs)),
            ("help", HelpOverlay(title: "Keys", entries: helpEntries, glyphs: glyphs)),
            ("heat map", HeatMap(rows: 6, cols: 6, values: (0..<36).map { sin(Double($0)) }, glyphs: glyphs)),
            ("bar chart", BarChart(values: (1...12).map { 1 / Double($0) }, glyphs: glyphs)),
            ("too small", TooSmallPanel(required: (80, 24), actual: (40, 10), glyphs: glyphs)),
            ("box", Box(title: "Panel", glyphs: glyphs)),
            ("legend", Legend(entries: [Legend.Entry("triplet", color: .series(0)), Legend.Entry("proxy-nca", color: .series(1))], glyphs: glyphs)),
        ]
    }

    /// The dashboard: loss chart and metrics on the left, embedding and neighbours on the
    /// right, a status bar below; optionally the help overlay on top.
    static func dashboard(width: Int, height: Int, glyphs: Glyphs = .unicode, showsHelp: Bool = false) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let rows = Layout.vertical([.fill, .fixed(1)]).split(buffer.area)
        let columns = Layout.horizontal([.percentage(50), .fill]).split(rows[0])
        let left = Layout.vertical([.percentage(55), .fill]).split(columns[0])
        let right = Layout.vertical([.percentage(65), .fill]).split(columns[1])
        let lower = Layout.horizontal([.fill, .fixed(10)], spacing: 1)
        let panels: [(String, Rect, (Rect, inout Buffer) -> Void)] = [
            ("Loss", left[0], { LineChart(series: lossSeries(), glyphs: glyphs).render(into: &$1, area: $0) }),
            ("Metrics", left[1], { metricsTable(glyphs: glyphs).render(into: &$1, area: $0) }),
            ("Embedding", right[0], {
                ScatterPlot(points: scatterPoints(), classNames: (0..<10).map(String.init), glyphs: glyphs).render(into: &$1, area: $0)
            }),
            ("Neighbours of #412", right[1], { area, buffer in
                let parts = lower.split(area)
                neighbors(glyphs: glyphs).render(into: &buffer, area: parts[0])
                ImageThumbnail(image: digit(), caption: "#412", glyphs: glyphs).render(into: &buffer, area: parts[1])
            }),
        ]
        for (title, area, content) in panels {
            let box = Box(title: title, glyphs: glyphs)
            box.render(into: &buffer, area: area)
            content(box.inner(area), &buffer)
        }
        StatusBar(left: [.init("dmlx"), .init("epoch 30/30"), .init("running")], right: [.init("? help  q quit")], glyphs: glyphs)
            .render(into: &buffer, area: rows[1])
        if showsHelp { HelpOverlay(title: "Keys", entries: helpEntries, glyphs: glyphs).render(into: &buffer, area: rows[0]) }
        return buffer
    }
}
