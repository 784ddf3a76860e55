import Testing
import PCRE
@testable import GalleyKit

/// The Hyperscan prefilter (`ValePatternScanner`) against PCRE2 itself: wherever PCRE2 finds a
/// match in a unit of a text, in any form of the pattern, the scan must have seen a match end
/// at the same place, or a unit holding a finding would be skipped.
@Suite struct ValePatternScannerTests {
    static let patterns = [
        #"(?i)\b(am|are|were|being|is|been|was|be)\b\s*(?m)\b(?:\w+ed|awoken|beat|become)\b"#,
        #"(?:\b(\w+)\b)"#,
        #"([^\s]+)"#,
        #"(?i)(?m)(?:\b(?:eg|e\.g\.)[\s\,]|\b(?:ie|i\.e\.)[\s\,])"#,
        #"[a-z][\.\?\!]\ {2,}[A-Z]"#,
        #"\s[—–]\s"#,
        #"\b\d+(?:B|kB|MB|GB|TB)"#,
        #"(?:^|\s)I(?=\s)"#,
        #"(?:[^,]+,){1,}\s\w+\s(?:and|or)"#,
        #"(?i)\bcafé\b"#,
        #"(?i)\bkelvin\b"#,
        #"(?i)\bs\w+y\b"#,
        #"\bnaïve\b"#,
        #"[^a-z\s]{2}"#,
        #"\p{Lu}\p{Ll}+"#,
        #"(?<!:[^ ]+?)\s\w+"#,
        #"(\w)\1"#,
        #"(?i)[à-ÿ]+x"#,
        #"\W\d"#,
        #"x{2,3}y"#,
        #"(?s)a.b"#,
        #"a.b"#,
        #"\bm\b"#,
        #"(?i)(?:^|\s)I(?=\s)"#,
        #"(?<=\w)\s{2,}(?=[A-Z])"#,
        #"(?<=a)b(?=c)|d(?=\s)"#,
        #"(?<=é)x(?=é)"#,
        #"(?:it(?=\s+is)|was(?=n't))"#,
        #"(?=\w)\d+(?=\b)"#,
        #"(?i)\b(?:Jan(?:uary)?|Feb|Mar(?:ch)?|Apr|May|June?|July?|Aug|Sep|Oct|Nov|Dec)\s*(?:first|second|third|fourth|fifth|sixth|tenth|twenty-first)\b"#,
        #"[a-zA-Z]+\s(?:(?:centi|milli)?meters|(?:kilo)?grams|cm|inches|lb|miles|pounds|mm|feet)"#,
        #"(?:\w+\(s\)|\.+apk|vs\.)"#,
        #"(?:be|is|was|are|am|were|been|being)\s*(?:\w+ed|given|known|seen|sent|shown|taken|told|won)\b"#,
        // A gap between word characters beside a `\b` (`nonEmptyGap`).
        #"\bis\b\s*\b\w+"#,
        #"(?i)(?:be|is)\s*\b(?:[a-z]+ed|\d+)"#,
        #"\b[0-9_]\b[-\s]?(?m)\b(?:x|_y)\b"#,
        #"\b(?:is|\w+)\b\s{0,2}\b\w+\b"#,
        // `\d` relaxed to ASCII digits (`narrowsDigits`).
        #"\d+(?:st|nd|rd|th)"#,
        #"(?i)[\d.]+\s?x\b"#,
        #"[^\D]{2}"#,
        #"\b\d{1,2}\s?(?:am|pm)\b"#,
    ]

    static let texts = [
        "It is used. The cake was eaten; it is being BEATEN by someone.",
        "Write e.g. this, i.e. that  And then; eg, ie and so on.",
        "Un café noir, CAFÉ au lait, Café. The naïve one, naïvely.",
        "The KELVIN scale: 20 \u{212A}elvin, \u{17F}ure, ſtudy and Sunny days.",
        "A cafe\u{301} with a combining accent, 10 m² and ½ cup, x\u{200D}y joined.",
        "Sizes: 10MB, 2 GB, 3kB, 4٣MB; dashes — here – and—there.",
        "Lines\nbreak here.\nI think I can. I\tdo. Apples, pears, and plums or figs.",
        "snake_case and under_scores, ÀÉÎxx àéîx ZWJ\u{200D}here, tabs\there.",
        "aab xxy xxxy xxxxy a\nb a b aéb, Über Ärger ÖL",
        "",
        " ",
        "ǅemal and ǈubljana: title-case letters; ﬁne ligature; İstanbul ıi.",
        "Look: it  is. It wasn't it? abc dx, éxé, 12 345 Zed  Alpha; I\ti I",
        "On March first, may  second or JUNE twenty-first: 10 kilograms, 5 centimeters, ab\u{A0}cm, file(s), ..apk, vs. x",
        "It was  seen, is finished, été ed, be é-ed. Maysecond; Decfirst.",
        "is\u{301}xed is\u{200D}boxed is_boxed isboxed is²ed is½ed be\u{663}ed is\u{200C}made ISBOXED is\u{A0}boxed",
        "7x 7_y 7-x 7\u{2003}x _\u{301}x 8 _y is  two is\u{3000}wide this is; be٣ be 12",
        "٣rd ३rd १२th １st 𝟙st 7th ٣.٣x 3.5 X ²nd ½th Ⅻth, “1st” — 2nd",
        "No other digit here: “4th”, café 5th — 6 x, ﬁ 7nd…",
    ]

    @Test func everyMatchOfPCRE2EndsWhereTheScanSawOne() throws {
        let compiled = try Self.patterns.map { try ValePattern($0) }
        let scanner = try #require(ValePatternScanner(compiled))
        let scratch = ValeScratch.make()
        var checked = 0
        for text in Self.texts {
            let valeText = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown)
            let ends = scanner.scan(valeText)
            var copy = valeText.run.text
            copy.withUTF8 { whole in
                // Every unit that starts and ends on a character boundary (short texts: all of them).
                let boundaries = (0...whole.count).filter { $0 == whole.count || whole[$0] & 0xC0 != 0x80 }
                for (id, pattern) in compiled.enumerated() where scanner.covers(id) {
                    for lower in boundaries {
                        for upper in boundaries where upper >= lower {
                            let unit = UnsafeBufferPointer(rebasing: whole[lower..<upper])
                            for form in [ValePattern.Form.ascii, .fast, .exact] {
                                for match in pattern.matches(unit, form: form, scratch: scratch).matches where !match.range.isEmpty {
                                    checked += 1
                                    #expect(scanner.mayEnd(id, in: ends, after: lower + match.range.lowerBound, through: upper),
                                            "\(Self.patterns[id]) matches \(match.range) in unit \(lower)..<\(upper) of \(text.debugDescription), unseen by the scan")
                                }
                            }
                            if !scanner.mayEnd(id, in: ends, after: lower, through: upper) {
                                let found = pattern.matches(unit, form: valeText.patternForm, scratch: scratch).matches
                                #expect(found.allSatisfy { $0.range.isEmpty })
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    /// No character PCRE2 takes for `\d` (in any form) is missed by the test the scanner makes
    /// before trusting an ASCII-only `\d`, and that test agrees with Swift's table.
    @Test func everyOtherDigitIsNoticed() throws {
        var unnoticed = ""
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var one = String(scalar)
            let noticed = one.withUTF8 { ValePatternScanner.holdsOtherDigit($0) }
            let category = scalar.properties.generalCategory
            if noticed != (category == .decimalNumber || category == .unassigned) {
                Issue.record("U+\(String(value, radix: 16)): noticed \(noticed), \(category)")
            }
            if !noticed { unnoticed.unicodeScalars.append(scalar) }
        }
        let digit = try ValePattern(#"\d"#)
        let scratch = ValeScratch.make()
        var text = unnoticed
        text.withUTF8 { bytes in
            for form in [ValePattern.Form.fast, .exact] {
                #expect(digit.matches(bytes, form: form, scratch: scratch).matches.isEmpty)
            }
        }
        var digits = "a٣b१𝟙"
        #expect(digits.withUTF8 { ValePatternScanner.holdsOtherDigit($0) })
        var none = "café “x” — ½ ² Ⅻ"
        #expect(!none.withUTF8 { ValePatternScanner.holdsOtherDigit($0) })
    }

    @Test func patternsMatchingTheEmptyStringAreNotCovered() throws {
        let compiled = try [#"\b"#, #"a*"#, #"(?!x)"#, #"\bword\b"#, #"(?=x)"#].map { try ValePattern($0) }
        let scanner = try #require(ValePatternScanner(compiled))
        #expect(!scanner.covers(0) && !scanner.covers(1) && !scanner.covers(2))
        // A lookahead that ends the pattern is relaxed to what it looks at.
        #expect(scanner.covers(3) && scanner.covers(4))
    }

    @Test func relaxedFormsDropAssertionsAndWidenClasses() throws {
        func relaxed(_ source: String) throws -> String {
            ValeRegexHyperscan.expression(try ValeRegex(source).root, caseless: source.contains("(?i)"))
        }
        #expect(try relaxed(#"\bis\b"#) == "(?:is)")
        #expect(try relaxed(#"(?<=a)b(?!c)"#) == "(?:(?:a)b)")
        #expect(try relaxed(#"(?<!a)b(?=c)"#) == "(?:b(?:c))")
        #expect(try relaxed(#"a(?=b)c"#) == "(?:ac)")
        #expect(try relaxed(#"(?=b)c"#) == "(?:c)")
        #expect(try relaxed(#"\b(?:x(?=y)|z)\b"#) == "(?:(?:(?:(?:x(?:y))|z)))")
        #expect(try relaxed(#"(?:a(?=y))+"#) == "(?:(?:(?:a)))+")
        #expect(try relaxed(#"(?i)(?:^|\s)I(?=\s)"#) == #"(?:(?i)(?:(?:|(?:[\t\n\x0b\f\r ]|[\x80-\xff]+)))I(?:(?:[\t\n\x0b\f\r ]|[\x80-\xff]+)))"#)
        #expect(try relaxed(#"[^a]"#) == #"(?:[^a\x80-\xff]|[\x80-\xff]+)"#)
        // Trimmed: a leading run before a character, a word list before a gap and a list of words.
        #expect(try relaxed(#"[a-z]+\spercent"#) == #"(?:(?:[\t\n\x0b\f\r ]|[\x80-\xff]+)percent)"#)
        #expect(try relaxed(#"\b(?:\w+ly-\w+)\b"#) == #"(?:(?:(?:ly\-(?:(?:[A-Za-z0-9_]|[\x80-\xff]+))+)))"#)
        let months = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep)"
        #expect(try relaxed(#"(?i)\#(months)\s*(?:first|second|third|fourth|fifth|sixth|seventh|eighth)"#)
                == "(?:(?i)(?:(?:(?:first)|(?:second)|(?:third)|(?:fourth)|(?:fifth)|(?:sixth)|(?:seventh)|(?:eighth))))")
        // Kept: a short second list, a word of two letters, a list after something else.
        #expect(try relaxed(#"\#(months)\s*(?:first|second)"#).contains("jan"))
        #expect(try relaxed(#"\#(months)\s*(?:st|second|third|fourth|fifth|sixth|seventh|eighth)"#).contains("jan"))
        #expect(try relaxed(#"\#(months)\s*(?:\w+ed|second|third|fourth|fifth|sixth|seventh|eighth)"#).contains("jan"))
        #expect(try relaxed(#"x\s*(?:first|second|third|fourth|fifth|sixth|seventh|eighth)"#).hasPrefix("(?:x"))
        #expect(try relaxed(#"[a-z]+x?"#) == "(?:(?:[a-z])+(?:x)?)")
        // A gap between word characters with a `\b` beside it cannot be empty.
        #expect(try relaxed(#"\bis\b\s*\b\w+"#) == #"(?:is(?:(?:[\t\n\x0b\f\r ]|[\x80-\xff]+))+(?:(?:[A-Za-z0-9_]|[\x80-\xff]+))+)"#)
        let optional = try relaxed(#"(?:is|be)\s?(?m)\b[a-z]"#)
        #expect(optional == #"(?:(?:(?:(?:is)|(?:be)))(?:(?:[\t\n\x0b\f\r ]|[\x80-\xff]+)){1}[a-z])"#)
        // Kept: no `\b`, a `\B`, a side that may end or start with another character.
        #expect(try relaxed(#"is\s*\w+"#).contains(")*"))
        #expect(try relaxed(#"is\B\s*\w+"#).contains(")*"))
        #expect(try relaxed(#"is\b\s*\W"#).contains(")*"))
        #expect(try relaxed(#"(?:is|-)\b\s*\w"#).contains(")*"))
        #expect(try relaxed(#"is\b\s*\w*x"#).contains(")*"))
        #expect(try relaxed(#"is\b\s*[^a]"#).contains(")*"))
        // `\d` as ASCII digits; `\D` and `\w` keep every non-ASCII character.
        let digits = try relaxed(#"\d+(?:st|th)"#)
        #expect(digits == "(?:(?:[0-9])+(?:(?:(?:st)|(?:th))))")
        #expect(try relaxed(#"[\d.]ab"#) == #"(?:[0-9\.]ab)"#)
        #expect(try relaxed(#"[\d.]"#).contains(#"\x80-\xff"#))
        #expect(try relaxed(#"\D"#).contains(#"\x80-\xff"#))
        // Inside a repetition of bounded count, `\d` keeps the non-ASCII run.
        // Before fewer than two literal characters, or inside a repetition of bounded count,
        // `\d` keeps the non-ASCII run.
        let bounded = try relaxed(#"\d{1,2}am|\d?x|\d+(?:s|ms)|(?:\d)ab|\dx(?:ab)"#)
        #expect(bounded == #"(?:(?:(?:(?:[0-9]|[\x80-\xff]+)){1,2}am)|(?:(?:(?:[0-9]|[\x80-\xff]+))?x)|(?:(?:(?:[0-9]|[\x80-\xff]+))+(?:(?:s|(?:ms))))|(?:(?:[0-9])ab)|(?:[0-9]x(?:(?:ab))))"#)
        #expect(try ValeRegexHyperscan.narrowsDigits(ValeRegex(#"a[\d,]"#).root))
        #expect(try !ValeRegexHyperscan.narrowsDigits(ValeRegex(#"a[^\d,]\D\w"#).root))
        #expect(try relaxed("é").contains(#"\xc3\xa9"#))
        #expect(try relaxed("(?i)é") == #"(?:(?i)[\x80-\xff]+)"#)
    }
}
