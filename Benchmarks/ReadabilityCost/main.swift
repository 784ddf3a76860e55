import GalleyKit
#if canImport(Glibc)
import Glibc
#endif

// What readability costs a lint run: lints every article under a folder with the bundled house
// style, and with its readability and assessment rules taken out, in one process on one thread,
// rounds of the two alternating (so a busy machine slows both alike), best of N rounds each.
// With a third argument (without, scores or full) it lints that configuration only, ROUNDS
// times, for `perf stat`: instruction counts do not depend on what else the machine runs.
// usage: ReadabilityCost FOLDER [ROUNDS] [without|scores|full]   (run by Benchmarks/readability)

func complain(_ message: String) {
    let bytes = Array(message.utf8)
    _ = write(2, bytes, bytes.count)
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    complain("usage: ReadabilityCost FOLDER [ROUNDS]\n")
    exit(2)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let files = FileDiscovery.expand([arguments[1]]).files
guard case .success(let houseStyle)? = BundledRules.load(BundledRules.defaultSetName) else {
    complain("the bundled house style does not load\n")
    exit(2)
}
let readabilityKinds: Set<String> = ["readability", "assessment"]
let withReadability = Linter(rules: houseStyle.rules)
let without = Linter(rules: houseStyle.rules.filter { !readabilityKinds.contains($0.definition.kind) })
let scoresOnly = Linter(rules: houseStyle.rules.filter { $0.definition.kind != "assessment" })

func timed(_ linter: Linter) -> (seconds: Double, findings: Int) {
    let clock = ContinuousClock()
    var count = 0
    let elapsed = clock.measure {
        for path in files { count += linter.lint(path: path).diagnostics.count }
    }
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, count)
}

if arguments.count > 3 {
    let linters = ["without": without, "scores": scoresOnly, "full": withReadability]
    guard let linter = linters[arguments[3]] else {
        complain("unknown configuration '\(arguments[3])': without, scores or full\n")
        exit(2)
    }
    for _ in 0..<rounds { _ = timed(linter) }
    exit(0)
}

var base = (seconds: Double.infinity, findings: 0)
var full = (seconds: Double.infinity, findings: 0)
var scores = (seconds: Double.infinity, findings: 0)
for _ in 0..<rounds {
    let withoutRun = timed(without)
    if withoutRun.seconds < base.seconds { base = withoutRun }
    let scoresRun = timed(scoresOnly)
    if scoresRun.seconds < scores.seconds { scores = scoresRun }
    let withRun = timed(withReadability)
    if withRun.seconds < full.seconds { full = withRun }
}
func ms(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) + " ms" }
print("files: \(files.count), rounds: \(rounds) (best of)")
print("lint without readability rules: \(ms(base.seconds)) (\(base.findings) findings)")
print("lint with readability scores:   \(ms(scores.seconds)) (\(scores.findings) findings)")
print("lint with readability rules:    \(ms(full.seconds)) (\(full.findings) findings)")
let added = (full.seconds / base.seconds - 1) * 100
print("readability adds: \(Int(added.rounded())) %")
