import GalleyKit

// Galley's words and sentences against ICU's own break iterators, per language, on the prose
// Galley reads from real articles (Scripts/segmentation-parity runs it on fetched translations).
//
// usage: SegmentationParity [--time] PATH...
// Output: one tab-separated line per language: language, files, Galley words, ICU words, Galley
// sentences, ICU sentences, ICU words with addresses and code; with --time also the nanoseconds
// per byte of prose of Galley's segmentation and of ICU's word and sentence iterators over the
// same text, and the bytes measured.
//
// ICU's words leave out the URLs, addresses, file names and code Galley does not count as words
// (the seventh column counts them too); both read the same prose blocks Galley scores, one block
// at a time (see `ICUReference`).

struct Tally {
    var files = 0
    var galleyWords = 0
    var icuWords = 0
    var galleySentences = 0
    var icuSentences = 0
    var icuAllWords = 0
    var bytes = 0
    var galleyNanoseconds: UInt64 = 0
    var icuNanoseconds: UInt64 = 0
}

let arguments = Array(CommandLine.arguments.dropFirst())
let timing = arguments.contains("--time")
let discovery = FileDiscovery.expand(arguments.filter { $0 != "--time" })
let plan = LintPlan.make(files: discovery.files, folders: discovery.folders, configPath: nil, maxFileBytes: Linter.defaultMaxFileBytes)
for error in plan.errors { print("\(error)") }
var tallies: [String: Tally] = [:]
let clock = ContinuousClock()
let rounds = 20

func nanoseconds(_ duration: Duration) -> UInt64 {
    UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000)
}

for item in plan.items {
    guard case .success(let document) = item.linter.loader.load(path: item.path), document.isArticle else { continue }
    let locale = document.resolvedLanguage.tag.description
    let prose = ProseAnalysis(document)
    var tally = tallies[locale, default: Tally()]
    tally.files += 1
    for block in prose.blocks {
        tally.galleyWords += block.counts.words
        tally.galleySentences += block.counts.sentences
        var text = document.blocks[block.index].text.text
        text.withUTF8 { bytes in
            tally.bytes += bytes.count
            let excluded = WordTokenizer.excludedRanges(in: bytes)
            tally.icuWords += ICUReference.wordCount(in: bytes, locale: locale, excluding: excluded)
            tally.icuAllWords += ICUReference.wordCount(in: bytes, locale: locale)
            tally.icuSentences += ICUReference.sentenceCount(in: bytes, locale: locale, excluding: excluded)
            guard timing else { return }
            let galley = clock.measure {
                for _ in 0..<rounds {
                    var stops: [Int] = []
                    let tokens = WordTokenizer.tokens(in: bytes, stops: &stops)
                    let sentences = SentenceSplitter.sentences(in: bytes, candidates: stops)
                    precondition(tokens.count + sentences.count >= 0)
                }
            }
            tally.galleyNanoseconds += nanoseconds(galley) / UInt64(rounds)
            let icu = clock.measure {
                for _ in 0..<rounds { precondition(ICUReference.segment(bytes, locale: locale) >= 0) }
            }
            tally.icuNanoseconds += nanoseconds(icu) / UInt64(rounds)
        }
    }
    tallies[locale] = tally
}

for (language, tally) in tallies.sorted(by: { $0.key < $1.key }) {
    var fields = [language, String(tally.files), String(tally.galleyWords), String(tally.icuWords), String(tally.galleySentences),
                  String(tally.icuSentences), String(tally.icuAllWords)]
    if timing, tally.bytes > 0 {
        fields += [String(Double(tally.galleyNanoseconds) / Double(tally.bytes)), String(Double(tally.icuNanoseconds) / Double(tally.bytes)),
                   String(tally.bytes)]
    }
    print(fields.joined(separator: "\t"))
}
