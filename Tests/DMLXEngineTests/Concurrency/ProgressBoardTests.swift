import DMLXEngine
import Testing

@Suite struct ProgressBoardTests {
    @Test func textShowsBarPercentAndEstimateOnceItIsMeaningful() {
        // 41% in 24.3 s: 24.3 / 0.41 − 24.3 = 34.97 s left.
        #expect(TaskProgress(title: "scoring", share: 0.41, elapsed: 24.3).text()
            == "scoring [########············] 41% · about 35 s left")
        #expect(TaskProgress(title: "scoring", share: 0.01, elapsed: 2).text(barWidth: 4) == "scoring [····] 1%")
        #expect(TaskProgress(title: "reading a.npy", share: nil, elapsed: 2.6).text() == "reading a.npy … 3 s")
        #expect(TaskProgress(title: "x", share: 1.7, elapsed: 1).text(barWidth: 2) == "x [##] 100% · about 0 s left")
    }

    @Test func aTrackedStepIsOnTheBoardWhileItRuns() {
        let board = ProgressBoard()
        let seen: [TaskProgress] = board.track("outer") { report in
            board.track("inner", share: 0.5) { _ in
                _ = report(0.25)
                return board.tasks
            }
        }
        #expect(seen.map(\.title) == ["outer", "inner"] && seen.map(\.share) == [0.25, 0.5])
        #expect(board.tasks.isEmpty)
    }

    @Test func cancellingMakesEveryReportAnswerFalse() {
        let board = ProgressBoard()
        let answers = board.track("search") { report in
            let before = report(0.1)
            board.cancel()
            return [before, report(0.2), board.isCancelled]
        }
        #expect(answers == [true, false, true])
    }
}
