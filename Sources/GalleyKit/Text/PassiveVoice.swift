/// Finds English passive constructions: a form of "be" (or "get") followed, after at most two
/// adverbs, by a past participle: "is treated", "was not built", "has been quietly handled".
///
/// A heuristic in the way editors' tools use one: regular participles end in -ed (not -eed,
/// "need", "indeed"), irregular ones come from a list. Adjectives in -ed after "be" ("is
/// tired") count, as they do in Yoast.
enum PassiveVoice {
    static let auxiliaries = WordKeySet([
        "am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten", "getting",
        "isn't", "aren't", "wasn't", "weren't",
    ])

    static let adverbs = WordKeySet([
        "not", "never", "also", "often", "always", "already", "still", "just", "then", "all", "being", "only", "rarely",
        "sometimes", "usually", "really", "now", "even", "further", "being", "been",
    ])

    static let irregularParticiples = WordKeySet([
        "arisen", "awoken", "beaten", "become", "begun", "bent", "bet", "bitten", "blown", "born", "borne", "bought",
        "bound", "broken", "brought", "built", "burnt", "burst", "cast", "caught", "chosen", "clung", "come", "cost",
        "crept", "cut", "dealt", "done", "drawn", "dreamt", "driven", "drunk", "dug", "eaten", "fallen", "fed", "felt",
        "fought", "found", "fled", "flown", "forbidden", "forgiven", "forgotten", "forsaken", "frozen", "given", "gone",
        "ground", "grown", "hung", "heard", "hidden", "hit", "held", "hurt", "kept", "knelt", "known", "laid", "led",
        "left", "lent", "let", "lit", "lost", "made", "meant", "met", "mistaken", "misunderstood", "overcome", "overtaken",
        "overthrown", "paid", "proven", "put", "quit", "read", "rebuilt", "redone", "rewritten", "ridden", "risen", "run",
        "rung", "said", "sat", "seen", "sent", "set", "sewn", "shaken", "shed", "shown", "shrunk", "shut", "sold", "sought",
        "slain", "slept", "slid", "slit", "sold", "sown", "spent", "spilt", "split", "spoken", "spread", "sprung", "spun",
        "stolen", "stood", "struck", "stuck", "stung", "sung", "sunk", "sworn", "swept", "swollen", "swum", "swung",
        "taken", "taught", "thought", "thrown", "told", "torn", "trodden", "understood", "undertaken", "undone", "upheld",
        "upset", "withdrawn", "withheld", "woken", "won", "worn", "woven", "wound", "written", "wrung",
    ])

    static let notParticiples = WordKeySet([
        "bed", "red", "shed", "wed", "fed", "led", "bred", "fled", "sled", "sped", "hundred", "kindred", "sacred", "naked",
        "wicked", "rugged", "ragged", "jagged", "crooked", "wretched", "beloved", "learned", "aged", "dogged",
    ])

    /// The passive-voice roles of a word, from its key and shape (ends in -ed, in -ly).
    static func roles(of key: WordKey, participleShape: Bool, adverbShape: Bool) -> ProseAnalysis.WordRoles {
        var roles: ProseAnalysis.WordRoles = []
        if auxiliaries.contains(key) { roles.insert(.passiveAuxiliary) }
        if adverbs.contains(key) || adverbShape { roles.insert(.adverb) }
        if irregularParticiples.contains(key) || (participleShape && !notParticiples.contains(key)) { roles.insert(.pastParticiple) }
        return roles
    }

    /// Whether the words of a sentence hold a passive construction.
    static func occurs(in words: ArraySlice<ProseAnalysis.Word>) -> Bool {
        for index in words.indices where words[index].roles.contains(.passiveAuxiliary) {
            var next = index + 1
            var skipped = 0
            while next < words.endIndex, skipped < 2, words[next].roles.contains(.adverb) {
                next += 1
                skipped += 1
            }
            if next < words.endIndex, words[next].roles.contains(.pastParticiple) { return true }
        }
        return false
    }
}
