import YAMLParser

/// How configuration changes combine with a rule's options, and with each other: mappings merge
/// key by key at every level, any other value replaces what it names, and a `null` value, once
/// applied to the rule, removes the option (back to the kind's default).
enum OptionMerge {
    /// `changes` on top of `base`. Nulls are kept while changes are combined with changes (a
    /// later `null` must still remove the option) and dropped when `applyingToRule`.
    static func merge(_ base: [YAMLPair], _ changes: [YAMLPair], applyingToRule: Bool) -> [YAMLPair] {
        var result = base
        for change in changes {
            let key = change.key.scalar
            let existing = result.firstIndex { $0.key.scalar == key && key != nil }
            if applyingToRule, change.value.resolvedScalar == .null {
                if let existing { result.remove(at: existing) }
                continue
            }
            guard let existing else {
                result.append(applyingToRule ? YAMLPair(key: change.key, value: withoutNulls(change.value)) : change)
                continue
            }
            if let old = result[existing].value.pairs, let new = change.value.pairs {
                let merged = merge(old, new, applyingToRule: applyingToRule)
                let node = YAMLNode(content: .mapping(merged), tag: change.value.tag, start: change.value.start, end: change.value.end,
                                    source: change.value.source)
                result[existing] = YAMLPair(key: change.key, value: node)
            } else {
                result[existing] = YAMLPair(key: change.key, value: applyingToRule ? withoutNulls(change.value) : change.value)
            }
        }
        return result
    }

    /// A mapping the rule did not have: its own null values mean "not set".
    private static func withoutNulls(_ node: YAMLNode) -> YAMLNode {
        guard let pairs = node.pairs, pairs.contains(where: { $0.value.resolvedScalar == .null || $0.value.pairs != nil }) else { return node }
        return YAMLNode(content: .mapping(merge([], pairs, applyingToRule: true)), tag: node.tag, start: node.start, end: node.end, source: node.source)
    }
}
