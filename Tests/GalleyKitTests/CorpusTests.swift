import Foundation
import Testing

/// The shared corpus generator's articles (Markdown, HTML, DocBook) with their known defects.
/// Runs where the generator is available (`../shared/bench/make-corpus`, or GALLEY_MAKE_CORPUS).
@Suite(.serialized) struct CorpusTests {
    static var generator: String? {
        let configured = ProcessInfo.processInfo.environment["GALLEY_MAKE_CORPUS"]
        let sibling = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/make-corpus").path
        return [configured, sibling].compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// 2,000 articles in three formats (the first 1,000 are those of `--count 1000`), linted once.
    struct Run {
        let directory: String
        /// file → defects, from manifest.tsv
        let defects: [String: [String]]
        let diagnostics: [Diagnostic]
        let stderr: String

        struct Diagnostic {
            var file: String
            var line: Int
            var severity: String
            var rule: String
        }
    }

    static let run: Run? = {
        guard let generator else { return nil }
        guard let directory = try? TestSupport.temporaryDirectory() else { return nil }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", generator, directory, "--count", "2000"]
        guard (try? make.run()) != nil else { return nil }
        make.waitUntilExit()
        guard let manifest = try? String(contentsOfFile: directory + "/manifest.tsv", encoding: .utf8) else { return nil }
        var defects: [String: [String]] = [:]
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            defects[String(fields[0])] = fields.count > 1 ? fields[1].split(separator: ",").map(String.init) : []
        }
        guard let result = try? TestSupport.runGalley(["lint", "."], in: directory) else { return nil }
        var diagnostics: [Run.Diagnostic] = []
        for line in result.stdout.split(separator: "\n") {
            // path:line:column: severity: message [rule]
            let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, let lineNumber = Int(parts[1]), let open = line.lastIndex(of: "[") else { continue }
            let rule = line[line.index(after: open)..<line.index(before: line.endIndex)]
            diagnostics.append(Run.Diagnostic(file: String(parts[0]), line: lineNumber, severity: parts[3].trimmingCharacters(in: .whitespaces),
                                              rule: String(rule)))
        }
        return Run(directory: directory, defects: defects, diagnostics: diagnostics, stderr: result.stderr)
    }()

    @Test(.enabled(if: generator != nil, "needs ../shared/bench/make-corpus"))
    func everyArticleReadsAndOnlyMalformedOnesFailToParse() throws {
        let run = try #require(Self.run)
        #expect(run.defects.count == 6000)
        #expect(run.stderr.hasSuffix("in 6000 files\n"))
        let malformed = Set(run.defects.filter { $0.value.contains("malformed-markup") }.keys)
        let badlyParsed = Set(run.diagnostics.filter { $0.rule == "parse-error" || $0.rule == "skipped-file" }.map(\.file))
        #expect(!malformed.isEmpty)
        #expect(badlyParsed == malformed)
    }

    /// Which bundled rule reports each defect the generator injects.
    static let rulesForDefect: [String: Set<String>] = [
        "missing-quick-take": ["quick-take"],
        "missing-faq": ["faq-required"],
        "faq-no-question-mark": ["faq-question-mark"],
        "faq-empty-answer": ["faq-answer"],
        "banned-word": ["tone-overpromising", "tone-condescending", "plain-words"],
        "run-on-sentence": ["sentence-length"],
        "skipped-heading-level": ["heading-increment"],
        "description-too-long": ["description-length"],
        "missing-title": ["title-length"],
        "malformed-markup": ["parse-error"],
    ]

    /// Every injected defect is reported by the bundled house style, at its element's line where it
    /// has one; articles without defects get no error.
    @Test(.enabled(if: generator != nil, "needs ../shared/bench/make-corpus"))
    func bundledRulesFindEveryDefectAndNoFalseErrors() throws {
        let run = try #require(Self.run)
        let byFile = Dictionary(grouping: run.diagnostics, by: \.file)
        var expected = 0
        var found = 0
        var missed: [String] = []
        var falseErrors: [String] = []
        var notApplicable = 0
        for (file, defects) in run.defects.sorted(by: { $0.key < $1.key }) {
            let reported = byFile[file] ?? []
            if defects.isEmpty {
                falseErrors += reported.filter { $0.severity == "error" }.map { "\(file):\($0.line) [\($0.rule)]" }
                continue
            }
            let text = try String(contentsOfFile: run.directory + "/" + file, encoding: .utf8)
            // The generator marks FAQ defects even where it then leaves the FAQ out: nothing to find.
            let applicable = defects.contains("missing-faq") ? defects.filter { !$0.hasPrefix("faq-") } : defects
            notApplicable += defects.count - applicable.count
            for defect in applicable {
                expected += 1
                let rules = Self.rulesForDefect[defect] ?? []
                let line = DefectLocator.line(of: defect, in: text, format: String(file.split(separator: ".").last ?? ""))
                if reported.contains(where: { rules.contains($0.rule) && (line == nil || $0.line == line) }) {
                    found += 1
                } else {
                    missed.append("\(file): \(defect) (line \(line.map(String.init) ?? "any"))")
                }
            }
        }
        let recall = Double(found) / Double(max(1, expected)) * 100
        let clean = run.defects.values.filter(\.isEmpty).count
        print("corpus recall: \(found)/\(expected) defects (\(String(format: "%.2f", recall)) %), \(notApplicable) FAQ defects in articles without an FAQ not counted; false errors: \(falseErrors.count) on \(clean) clean articles")
        #expect(expected > 1000)
        #expect(missed.isEmpty, "missed: \(missed.prefix(10))")
        #expect(falseErrors.isEmpty, "false errors: \(falseErrors.prefix(10))")
    }
}

/// Where in a generated article each injected defect sits (the generator's own shapes).
enum DefectLocator {
    static func line(of defect: String, in text: String, format: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func first(_ predicate: (String) -> Bool) -> Int? { lines.firstIndex(where: predicate).map { $0 + 1 } }
        let faqStart = lines.firstIndex { $0.contains("Frequently Asked Questions") } ?? 0
        let questions: [Int] = lines.indices.filter { index in
            guard index > faqStart else { return false }
            switch format {
            case "md": return lines[index].hasPrefix("### ")
            case "html": return lines[index].contains("<h3>")
            default: return lines[index].contains("<question>")
            }
        }.map { $0 + 1 }
        switch defect {
        case "banned-word": return first { $0.contains(" a matter of practice.") }
        case "run-on-sentence": return first { $0.components(separatedBy: ", and ").count >= 6 }
        case "skipped-heading-level":
            switch format {
            case "md": return first { $0.hasPrefix("#### ") }
            case "html": return first { $0.contains("<h4>") }
            default: return first { $0.contains("<sect3>") }.map { $0 + 1 }
            }
        case "description-too-long":
            switch format {
            case "md": return first { $0.hasPrefix("description:") }
            case "html": return first { $0.contains("name=\"description\"") }
            default: return first { $0.contains("<abstract>") }
            }
        case "faq-no-question-mark": return questions.first
        case "faq-empty-answer": return questions.last
        default: return nil
        }
    }
}
