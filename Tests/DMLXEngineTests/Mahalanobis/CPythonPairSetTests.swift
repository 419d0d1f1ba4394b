import DMLXEngine
import Testing

/// `CPythonPairSet` against values printed by CPython 3.11.7 (/opt/refenv/bin/python); the
/// metric-learn fixtures cover longer sets with several resizes.
@Suite struct CPythonPairSetTests {
    @Test func tupleHashIsCPythons() {
        // hash((a, b)) % 2**64; hash((np.int64(12), np.int64(900))) is the same as for ints.
        #expect(CPythonPairSet.tupleHash((3, 7)) == 4_803_095_124_130_366_729)
        #expect(CPythonPairSet.tupleHash((0, 0)) == 9_988_604_870_027_030_631)
        #expect(CPythonPairSet.tupleHash((1257, 3)) == 16_556_355_379_053_280_227)
        #expect(CPythonPairSet.tupleHash((12, 900)) == 11_140_595_111_741_378_602)
    }

    /// `s = set(); for a in range(0, 40, 3): for b in (a*7 % 11, 5, a): s.add((a, b)); list(s)`.
    @Test func iteratesInCPythonsOrderAcrossResizesAndRepeats() {
        var set = CPythonPairSet()
        for a in stride(from: 0, to: 40, by: 3) {
            for b in [a * 7 % 11, 5, a] { set.insert((a, b)) }
        }
        let python = [(12, 7), (3, 10), (36, 10), (33, 33), (9, 5), (39, 39), (9, 8), (0, 5), (33, 5), (24, 5),
                      (15, 5), (30, 30), (6, 5), (39, 5), (3, 3), (12, 12), (21, 21), (30, 5), (27, 27), (36, 36),
                      (21, 5), (18, 18), (12, 5), (3, 5), (36, 5), (27, 2), (27, 5), (0, 0), (9, 9), (30, 1),
                      (33, 0), (24, 24), (24, 3), (15, 6), (6, 6), (18, 5), (21, 4), (6, 9), (39, 9), (15, 15)]
        #expect(set.count == 40)
        #expect(set.elements.elementsEqual(python, by: ==))
    }
}
