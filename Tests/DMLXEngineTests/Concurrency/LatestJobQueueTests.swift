import Dispatch
import DMLXEngine
import Synchronization
import Testing

/// The job queue behind the map and class queues: a newer job or a cancel abandons the
/// older job between its steps and none of its later frames arrive; `take` hands each
/// finished frame over once and treats the newest frame as its policy says.
@Suite struct LatestJobQueueTests {
    struct Frame: Sendable, Equatable {
        var job: String
        var step: Int
        var isFinished = false
    }

    /// A count the jobs raise from the queue's thread and the test reads after
    /// `waitUntilIdle`.
    final class Tally: Sendable {
        private let count = Atomic(0)
        var value: Int { count.load(ordering: .sequentiallyConsistent) }
        func add() { count.add(1, ordering: .sequentiallyConsistent) }
    }

    static func queue(_ newestFrame: LatestJobQueue<Frame>.NewestFrame) -> LatestJobQueue<Frame> {
        LatestJobQueue(label: "test.jobs", newestFrame: newestFrame) { $0.isFinished }
    }

    /// Posts `steps` frames of `name` then a finished one, stopping at the first refused
    /// post; counts the posts accepted into `accepted`.
    static func job(_ name: String, steps: Int, accepted: Tally? = nil,
                    afterFirstStep pause: (@Sendable () -> Void)? = nil) -> @Sendable (@escaping @Sendable (Frame) -> Bool) -> Void {
        { post in
            for step in 0..<steps {
                guard post(Frame(job: name, step: step)) else { return }
                accepted?.add()
                if step == 0 { pause?() }
            }
            if post(Frame(job: name, step: steps, isFinished: true)) { accepted?.add() }
        }
    }

    /// A gate the first job waits at after its first frame, so the test acts while that
    /// job is surely under way.
    struct Gate: Sendable {
        let reached = DispatchSemaphore(value: 0)
        let opened = DispatchSemaphore(value: 0)
        var pause: @Sendable () -> Void {
            { [reached, opened] in
                reached.signal()
                opened.wait()
            }
        }
    }

    @Test(arguments: [LatestJobQueue<Frame>.NewestFrame.kept, .takenOnce])
    func aNewerJobStopsTheOneUnderWayAndOnlyItsFramesArrive(newestFrame: LatestJobQueue<Frame>.NewestFrame) {
        let jobs = Self.queue(newestFrame)
        let (gate, oldAccepted) = (Gate(), Tally())
        jobs.submit(Self.job("old", steps: 5, accepted: oldAccepted, afterFirstStep: gate.pause))
        #expect(gate.reached.wait(timeout: .now() + 10) == .success)
        #expect(jobs.take().latest == Frame(job: "old", step: 0))
        jobs.submit(Self.job("new", steps: 3))
        gate.opened.signal()
        jobs.waitUntilIdle()
        #expect(oldAccepted.value == 1, "the old job's posts after the newer submit are refused")
        let taken = jobs.take()
        #expect(taken.finished == [Frame(job: "new", step: 3, isFinished: true)])
        #expect(taken.latest == (newestFrame == .kept ? Frame(job: "new", step: 3, isFinished: true) : Frame(job: "new", step: 2)))
    }

    @Test func cancelStopsTheJobUnderWayAndDropsItsLaterFrames() {
        let jobs = Self.queue(.kept)
        let (gate, accepted) = (Gate(), Tally())
        jobs.submit(Self.job("cancelled", steps: 5, accepted: accepted, afterFirstStep: gate.pause))
        #expect(gate.reached.wait(timeout: .now() + 10) == .success)
        jobs.cancel()
        gate.opened.signal()
        jobs.waitUntilIdle()
        #expect(accepted.value == 1)
        let taken = jobs.take()
        #expect(taken.finished.isEmpty && taken.latest == Frame(job: "cancelled", step: 0),
                "the frame posted before the cancel stays; none after it arrives")
    }

    @Test func aJobSupersededBeforeItsTurnNeverRuns() {
        let jobs = Self.queue(.takenOnce)
        let (gate, skippedAccepted) = (Gate(), Tally())
        jobs.submit(Self.job("first", steps: 2, afterFirstStep: gate.pause))
        #expect(gate.reached.wait(timeout: .now() + 10) == .success)
        let ran = Tally()
        jobs.submit { post in
            ran.add()
            Self.job("skipped", steps: 2, accepted: skippedAccepted)(post)
        }
        jobs.submit(Self.job("last", steps: 1))
        gate.opened.signal()
        jobs.waitUntilIdle()
        #expect(ran.value == 0 && skippedAccepted.value == 0)
        #expect(jobs.take().finished.map(\.job) == ["last"])
    }

    /// `.kept`: the newest frame, finished or not, stays across takes; finished frames
    /// are taken once, every one of them even when frames followed.
    @Test func keptNewestFrameStaysAndFinishedFramesAreTakenOnce() {
        let jobs = Self.queue(.kept)
        jobs.submit { post in
            _ = post(Frame(job: "a", step: 0))
            _ = post(Frame(job: "a", step: 1, isFinished: true))
            _ = post(Frame(job: "a", step: 2))
            _ = post(Frame(job: "a", step: 3, isFinished: true))
        }
        jobs.waitUntilIdle()
        let first = jobs.take()
        #expect(first.finished.map(\.step) == [1, 3] && first.latest == Frame(job: "a", step: 3, isFinished: true))
        let second = jobs.take()
        #expect(second.finished.isEmpty && second.latest == Frame(job: "a", step: 3, isFinished: true))
    }

    /// `.takenOnce`: the newest frame is the newest unfinished one, taken once; finished
    /// frames come only in `finished`.
    @Test func takenOnceNewestFrameIsProgressNewsOnce() {
        let jobs = Self.queue(.takenOnce)
        jobs.submit(Self.job("a", steps: 3))
        jobs.waitUntilIdle()
        let first = jobs.take()
        #expect(first.finished == [Frame(job: "a", step: 3, isFinished: true)] && first.latest == Frame(job: "a", step: 2))
        let second = jobs.take()
        #expect(second.finished.isEmpty && second.latest == nil)
    }
}
