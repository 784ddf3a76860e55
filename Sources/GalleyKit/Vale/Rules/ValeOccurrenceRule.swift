/// Vale's occurrence check, the `token` form of `kind: occurrence`: a pattern counted in each
/// block of the rule's Vale scope (each sentence, paragraph, heading…), reported when a block
/// has more than `max` or fewer than `min`, at the block's first match.
struct ValeOccurrenceRule: ValeRule {
    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let pattern: ValePattern
    let maximum: Int
    let minimum: Int

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "'%s' occurrences.")
        let ignoreCase = options.bool("ignorecase") ?? false
        let maximum = options.int("max", range: 0...1_000_000) ?? 0
        let minimum = options.int("min", range: 0...1_000_000) ?? 0
        guard let token = options.string("token", required: true), let node = options.node["token"] else { return nil }
        let pattern: ValePattern
        do {
            pattern = try ValePattern((ignoreCase ? "(?i)" : "") + "(?:" + token + ")")
        } catch {
            options.report(error.message, at: node)
            return nil
        }
        if maximum == 0 && minimum == 0 && options.errors.isEmpty {
            options.report("Vale's occurrence check needs 'max' or 'min'", at: options.node)
            return nil
        }
        var built = definition
        built.message = nil
        return ValeOccurrenceRule(definition: built, settings: settings, pattern: pattern, maximum: maximum, minimum: minimum)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        valeCheck(context) { run, unit in
            let valeText = run.document.text(unit.text)
            var text = valeText.run.text
            return text.withUTF8 { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[unit.range])
                var count = 0
                var gaveUp = false
                // Counted without keeping the matches; read again only for a block reported.
                if let scanner = pattern.scanner, valeText.isASCII {
                    count = scanner.countASCII(bytes)
                } else {
                    gaveUp = pattern.forEachMatch(bytes, in: valeText, scratch: run.scratch) { _ in
                        count += 1
                        return true
                    }
                }
                guard (maximum > 0 && count > maximum) || (minimum > 0 && count < minimum) else { return ([], gaveUp) }
                let message = ValeMessage.format(settings.message, [String(count)])
                if count == 0 {
                    // Vale reports a missing token at the top of the file; Galley at the block.
                    let start = unit.range.lowerBound
                    return ([ValeAlert(text: unit.text, range: start..<start, match: "", message: message, suggestion: nil)], gaveUp)
                }
                // The first match that is not code (Vale masks code with * and @).
                var alert: ValeAlert?
                _ = pattern.forEachMatch(bytes, in: valeText, scratch: run.scratch) { match in
                    let range = (match.lowerBound + unit.range.lowerBound)..<(match.upperBound + unit.range.lowerBound)
                    let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[match]), as: UTF8.self)
                    let trimmed = found.trimmingCharacters()
                    if trimmed.isEmpty || trimmed.allSatisfy({ $0 == "*" || $0 == "@" }) { return true }
                    alert = ValeAlert(text: unit.text, range: range, match: found, message: message, suggestion: nil)
                    return false
                }
                return (alert.map { [$0] } ?? [], gaveUp)
            }
        }
    }
}
