import GalleyKit

// Scores Galley's syllable counting against labelled words, for Scripts/syllable-accuracy.
// Input (standard input): lines of `word<TAB>counts<TAB>set`, counts being every accepted count
// (comma-separated: CMUdict lists some words with two pronunciations). Output: one line per set
// with the share the rules alone and the dictionary-plus-rules combination get right.

struct Tally {
    var words = 0
    var rulesRight = 0
    var combinedRight = 0
    var inDictionary = 0
}

var tallies: [String: Tally] = [:]
var order: [String] = []
while let line = readLine() {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count == 3 else { continue }
    let word = String(fields[0])
    let accepted = Set(fields[1].split(separator: ",").compactMap { Int($0) })
    let set = String(fields[2])
    if tallies[set] == nil { order.append(set) }
    var tally = tallies[set, default: Tally()]
    tally.words += 1
    if accepted.contains(Syllables.ruleCount(word)) { tally.rulesRight += 1 }
    if accepted.contains(Syllables.count(word)) { tally.combinedRight += 1 }
    if Syllables.isInDictionary(word) { tally.inDictionary += 1 }
    tallies[set] = tally
}

func percent(_ part: Int, _ whole: Int) -> String {
    let tenths = whole == 0 ? 0 : (part * 10000 + whole / 2) / whole
    return "\(tenths / 100).\(tenths % 100 < 10 ? "0" : "")\(tenths % 100) %"
}

print("set\twords\tin dictionary\trules alone\tdictionary + rules")
for set in order {
    let tally = tallies[set]!
    print("\(set)\t\(tally.words)\t\(percent(tally.inDictionary, tally.words))\t\(percent(tally.rulesRight, tally.words))\t\(percent(tally.combinedRight, tally.words))")
}
