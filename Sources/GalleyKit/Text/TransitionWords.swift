/// English transition words and phrases: the connectives that tell a reader how a sentence
/// relates to the one before (cause, contrast, addition, example, sequence, summary).
///
/// Compiled for Galley from ordinary English usage. Matching is on word keys (lowercase), so a
/// phrase matches wherever its words appear in a row in a sentence.
enum TransitionWords {
    static let single = WordKeySet([
        // addition
        "also", "additionally", "besides", "furthermore", "moreover", "likewise", "similarly", "equally", "too",
        // contrast and concession
        "however", "although", "though", "whereas", "while", "nevertheless", "nonetheless", "conversely", "instead",
        "otherwise", "unlike", "despite", "yet", "but", "still", "alternatively", "admittedly", "regardless",
        // cause and effect
        "because", "therefore", "thus", "hence", "consequently", "accordingly", "so", "since", "unless",
        // sequence and time
        "first", "firstly", "second", "secondly", "third", "thirdly", "finally", "lastly", "then", "next", "later",
        "afterwards", "afterward", "meanwhile", "eventually", "initially", "previously", "subsequently", "simultaneously",
        "until", "when", "whenever", "before", "after", "once", "soon", "earlier", "formerly",
        // example, emphasis, summary
        "specifically", "namely", "notably", "especially", "particularly", "indeed", "certainly", "clearly", "obviously",
        "undoubtedly", "importantly", "overall", "ultimately", "generally", "typically", "usually", "e.g.", "i.e.",
    ])

    /// Phrases of two or more words.
    static let phraseTexts = [
        "for example", "for instance", "such as", "in addition", "as well as", "not only", "in fact", "in particular",
        "as a result", "because of", "due to", "so that", "in order to", "for this reason", "that is why",
        "in other words", "that is", "to put it differently", "in contrast", "on the other hand", "on the contrary",
        "even though", "even if", "even so", "rather than", "in spite of", "at the same time", "all the same",
        "in the meantime", "over time", "at first", "at last", "in the end", "first of all", "after all", "as soon as",
        "as long as", "in short", "in summary", "in conclusion", "to sum up", "in general", "on the whole",
        "above all", "of course", "in reality", "in the same way", "by contrast", "as a rule",
    ]

    /// The phrases by their first word; the rest of each phrase as keys.
    static let phrasesByStart: HashedWordMap<[[WordKey]]> = {
        var map = HashedWordMap<[[WordKey]]>(capacity: phraseTexts.count)
        for text in phraseTexts {
            let keys = text.split(separator: " ").map { WordKey(String($0)) }
            map[keys[0].value] = (map[keys[0].value] ?? []) + [Array(keys.dropFirst())]
        }
        return map
    }()

    /// The transition roles of a word.
    static func roles(of key: WordKey) -> ProseAnalysis.WordRoles {
        var roles: ProseAnalysis.WordRoles = []
        if single.contains(key) { roles.insert(.transition) }
        if phrasesByStart[key.value] != nil { roles.insert(.transitionPhraseStart) }
        return roles
    }

    /// Whether the words of a sentence hold a transition word or phrase.
    static func occur(in words: ArraySlice<ProseAnalysis.Word>) -> Bool {
        var index = words.startIndex
        while index < words.endIndex {
            let roles = words[index].roles
            if roles.contains(.transition) { return true }
            if roles.contains(.transitionPhraseStart), let rests = phrasesByStart[words[index].key.value] {
                for rest in rests where index + rest.count < words.endIndex {
                    if rest.indices.allSatisfy({ words[index + 1 + $0].key == rest[$0] }) { return true }
                }
            }
            index += 1
        }
        return false
    }
}
