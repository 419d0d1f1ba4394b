import Testing
import DMLXTerm
import DMLXTestSupport

@Suite struct BackendTests {
    @Test func screenSendsOnlyWhatChanged() {
        let backend = InMemoryBackend(width: 12, height: 3)
        var screen = Screen(backend: backend)
        var frame = screen.makeBuffer()
        frame.set(x: 0, y: 0, string: "epoch 1")
        screen.present(frame)
        #expect(backend.diffs.last?.cellCount == 36)
        frame.set(x: 6, y: 0, string: "2")
        screen.present(frame)
        #expect(backend.diffs.last?.cellCount == 1)
        screen.present(frame)
        #expect(backend.diffs.count == 2)
        #expect(backend.screen == frame && backend.presented.count == 2)
        #expect(backend.screen.lines == ["epoch 2", "", ""])
        screen.invalidate()
        screen.present(frame)
        #expect(backend.diffs.last?.cellCount == 36)
    }

    @Test func scriptedKeysAndResize() {
        let backend = InMemoryBackend(width: 80, height: 24, keys: [.character(" "), .ctrl("c")])
        #expect(backend.readKey(timeoutMilliseconds: 50) == .character(" "))
        backend.resize(width: 100, height: 30)
        #expect(backend.size == (100, 30))
        #expect(backend.readKey(timeoutMilliseconds: 0) == .resize(width: 100, height: 30))
        #expect(backend.readKey(timeoutMilliseconds: 0) == .ctrl("c"))
        #expect(backend.readKey(timeoutMilliseconds: 0) == nil)
        var screen = Screen(backend: backend)
        let frame = SampleScreens.dashboard(width: 100, height: 30)
        screen.present(frame)
        #expect(backend.screen == frame)
    }

    @Test func aDashboardUpdateIsASmallDiff() {
        let backend = InMemoryBackend(width: 80, height: 24)
        var screen = Screen(backend: backend)
        screen.present(SampleScreens.dashboard(width: 80, height: 24))
        screen.present(SampleScreens.dashboard(width: 80, height: 24, showsHelp: true))
        screen.present(SampleScreens.dashboard(width: 80, height: 24))
        #expect(backend.screen == SampleScreens.dashboard(width: 80, height: 24))
        #expect(backend.diffs[1].cellCount < 80 * 24 / 4)
    }
}
