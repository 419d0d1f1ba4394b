import DMLXCurses
import Testing

@Suite struct ColorPairCacheTests {
    /// Records `init_pair` calls instead of making them.
    final class Definitions {
        var calls: [(pair: Int16, foreground: Int16, background: Int16)] = []
        var fails = false
        func define(_ pair: Int16, _ foreground: Int16, _ background: Int16) -> Bool {
            calls.append((pair, foreground, background))
            return !fails
        }
    }

    @Test func defaultColorsArePairZeroAndNeedNoDefinition() {
        var cache = ColorPairCache(colorPairs: 256)
        let definitions = Definitions()
        #expect(cache.pair(foreground: nil, background: nil, define: definitions.define) == 0)
        #expect(definitions.calls.isEmpty)
    }

    @Test func eachCombinationIsDefinedOnceInOrder() {
        var cache = ColorPairCache(colorPairs: 256)
        let definitions = Definitions()
        #expect(cache.pair(foreground: 39, background: nil, define: definitions.define) == 1)
        #expect(cache.pair(foreground: 203, background: 24, define: definitions.define) == 2)
        #expect(cache.pair(foreground: 39, background: nil, define: definitions.define) == 1)
        #expect(cache.pair(foreground: nil, background: 24, define: definitions.define) == 3)
        #expect(cache.count == 3)
        #expect(definitions.calls.map { [$0.pair, $0.foreground, $0.background] } == [[1, 39, -1], [2, 203, 24], [3, -1, 24]])
    }

    /// Without use_default_colors, "default" is curses' white on black, so white on black
    /// is pair 0 and nil maps to those colours.
    @Test func concreteDefaultsStandInForTheTerminalDefault() {
        var cache = ColorPairCache(colorPairs: 64, defaultForeground: 7, defaultBackground: 0)
        let definitions = Definitions()
        #expect(cache.pair(foreground: 7, background: 0, define: definitions.define) == 0)
        #expect(cache.pair(foreground: 2, background: nil, define: definitions.define) == 1)
        #expect(definitions.calls.map { [$0.foreground, $0.background] } == [[2, 0]])
    }

    @Test func fullCacheFallsBackToDefaultColors() {
        var cache = ColorPairCache(colorPairs: 3)
        let definitions = Definitions()
        #expect(cache.pair(foreground: 1, background: nil, define: definitions.define) == 1)
        #expect(cache.pair(foreground: 2, background: nil, define: definitions.define) == 2)
        #expect(cache.pair(foreground: 3, background: nil, define: definitions.define) == 0)
        #expect(cache.pair(foreground: 1, background: nil, define: definitions.define) == 1)
        #expect(definitions.calls.count == 2)
        #expect(cache.capacity == 3)
    }

    @Test func failedDefinitionFallsBackAndIsNotRetried() {
        var cache = ColorPairCache(colorPairs: 256)
        let definitions = Definitions()
        definitions.fails = true
        #expect(cache.pair(foreground: 300, background: nil, define: definitions.define) == 0)
        #expect(cache.pair(foreground: 300, background: nil, define: definitions.define) == 0)
        #expect(definitions.calls.count == 1)
        #expect(cache.count == 0)
    }

    @Test func capacityIsCappedAtShortPairs() {
        #expect(ColorPairCache(colorPairs: 65536).capacity == 32767)
        #expect(ColorPairCache(colorPairs: 0).capacity == 1)
    }
}
