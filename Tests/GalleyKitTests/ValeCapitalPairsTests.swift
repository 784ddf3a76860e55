import Testing
@testable import GalleyKit

/// The conditional check passes over a unit with no two neighbouring capitals: the byte test
/// agrees with a plain reading, and a pattern said to need a pair never matches where it finds none.
@Suite struct ValeCapitalPairsTests {
    /// Texts around the eight-byte steps: capitals at every offset, bytes either side of `A`–`Z`
    /// (`@`, `[`, `a`, `z`) and with the top bit set (`A` | 0x80 is a UTF-8 continuation byte).
    static let texts: [String] = {
        var texts = ValeDocumentTests.trickyTexts + ValeDocumentTests.trickyTexts.map { $0 + " " + $0.uppercased() }
        texts += ["AB", "A B", "aB", "Ab", "@[", "[@", "ZA", "Z@A", "\u{C1}\u{DA}", "\u{C1}A", "A\u{C1}", "\u{100}\u{141}", "The WHO", "NASA", "I A",
                  "World Health Organization (WHO) agrees.", "e.g. U.S.", "\u{FF21}\u{FF22}", "A\u{301}B", "A\u{200D}B", "A_B", "A1B", "AZ", "xAB", "xBCD"]
        for length in 1...20 {
            for position in 0..<length {
                let filler = Array(repeating: "a", count: length)
                var one = filler
                one[position] = "A"
                texts.append(one.joined())
                if position + 1 < length {
                    var two = one
                    two[position + 1] = "Z"
                    texts.append(two.joined())
                    var apart = one
                    apart[position + 1] = "@"
                    texts.append(apart.joined())
                }
            }
        }
        return texts
    }()

    @Test func occurAgreesWithAPlainReading() {
        for text in Self.texts {
            let bytes = Array(text.utf8)
            let plain = zip(bytes, bytes.dropFirst()).contains { (0x41...0x5A).contains($0) && (0x41...0x5A).contains($1) }
            #expect(bytes.withUnsafeBufferPointer { ValeCapitalPairs.occur(in: $0) } == plain, "\(text.debugDescription)")
            // A slice that does not start at an eight-byte boundary.
            if bytes.count > 3 {
                let rest = Array(bytes.dropFirst(3))
                let restPlain = zip(rest, rest.dropFirst()).contains { (0x41...0x5A).contains($0) && (0x41...0x5A).contains($1) }
                #expect(bytes.withUnsafeBufferPointer { ValeCapitalPairs.occur(in: UnsafeBufferPointer(rebasing: $0[3...])) } == restPlain)
            }
        }
    }

    @Test func whichPatternsNeedAPair() throws {
        let needing = [#"\b([A-Z]{3,5})\b"#, #"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)"#, "[A-Z]{2}", "(?:[AZ]{2,})", "x(?:[A-Z]{2}|[B-C]{3})", "(?m)^[A-Z]{2}$"]
        let notNeeding = [#"(?i)\b([A-Z]{3,5})\b"#, "[A-Z]{1,5}", "[A-Za-z]{3}", "[^A-Z]{3}", "(?:[A-Z]{3})?", "[A-Z]{3}|x", "(?=[A-Z]{3})",
                          #"[\p{Lu}]{3}"#, "[A-Z]+", "[A-Z]*", "(?i:[A-Z]{3})", "[A-Z](?i)[A-Z]{2}", "[A-Z][A-Z]", "(?<=[A-Z]{2})x"]
        for source in needing { #expect(ValeCapitalPairs.required(by: try ValePattern(source).root), "\(source)") }
        for source in notNeeding { #expect(!ValeCapitalPairs.required(by: try ValePattern(source).root), "\(source)") }
    }

    /// The proof the conditional check relies on, against PCRE2: where a pattern needs a pair
    /// and the text holds none, no form of the pattern finds a match.
    @Test func noPairNoMatch() throws {
        let sources = [#"\b([A-Z]{3,5})\b"#, #"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)"#, "[A-Z]{2}", "x(?:[A-Z]{2}|[B-C]{3})"]
        for source in sources {
            let pattern = try ValePattern(source)
            #expect(ValeCapitalPairs.required(by: pattern.root))
            var matched = 0
            for text in Self.texts {
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    guard !ValeCapitalPairs.occur(in: buffer) else {
                        if !pattern.matches(buffer, form: .exact, scratch: ValeScratch.make()).matches.isEmpty { matched += 1 }
                        return
                    }
                    for form in [ValePattern.Form.exact, .fast] {
                        #expect(pattern.matches(buffer, form: form, scratch: ValeScratch.make()).matches.isEmpty, "\(source) on \(text.debugDescription)")
                    }
                }
            }
            // The texts hold matches too: the test is not vacuous.
            #expect(matched > 0, "\(source)")
        }
    }
}
