import Testing
@testable import GalleyKit

/// `StringTable` answers as the Dictionary it replaces on the finding path.
@Suite struct StringTableTests {
    @Test func answersAsADictionaryKeepingTheFirstValue() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ._-éß0")
        func word() -> String { String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for size in [0, 1, 7, 8, 9, 31, 200] {
            let pairs = (0..<size).map { ($0.isMultiple(of: 5) && $0 > 0 ? "dup" : word(), $0) }
            let table = StringTable(pairs)
            let dictionary = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            for key in pairs.map(\.0) + (0..<50).map({ _ in word() }) + ["", "dup", "Microsoft.Contractions-but-longer-than-fifteen"] {
                #expect(table[key] == dictionary[key], "\(key)")
            }
        }
    }
}
