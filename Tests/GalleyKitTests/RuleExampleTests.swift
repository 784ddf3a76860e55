import Testing
@testable import GalleyKit

/// Every rule kind's documented examples: the ones `galley explain` prints and docs/rules.md shows.
@Suite struct RuleExampleTests {
    static let cases: [(kind: String, index: Int)] = RuleKinds.all.flatMap { kind in
        kind.examples.indices.map { (kind.name, $0) }
    }

    @Test(arguments: cases.indices)
    func exampleBehavesAsDocumented(case index: Int) throws {
        let (kindName, exampleIndex) = Self.cases[index]
        let kind = try #require(RuleKinds.named(kindName))
        let example = kind.examples[exampleIndex]
        switch RuleExampleRunner.run(kind: kindName, example: example) {
        case .failure(let errors):
            Issue.record("\(kindName) example '\(example.title)' does not load: \(errors.errors.map(\.description))")
        case .success(let found):
            #expect(found == example.expected, "\(kindName): \(example.title)")
        }
        // A kind that fixes shows what each example becomes; one that does not leaves it alone.
        let fixed = try RuleExampleRunner.fixed(kind: kindName, example: example).get()
        #expect(fixed == (example.fixed ?? example.article), "\(kindName): \(example.title), fixed")
        #expect(kind.fixes != nil || example.fixed == nil, "\(kindName) shows a fix but says it fixes nothing")
    }

    @Test func kindsThatFixShowAFix() {
        for kind in RuleKinds.all where kind.fixes != nil {
            #expect(kind.examples.contains { $0.fixed != nil && $0.fixed != $0.article }, "\(kind.name) fixes but shows no fix")
        }
    }

    @Test func everyKindHasTriggeringAndPassingExamples() {
        for kind in RuleKinds.all {
            #expect(kind.examples.contains { $0.triggers }, "\(kind.name) has no triggering example")
            #expect(kind.examples.contains { !$0.triggers }, "\(kind.name) has no passing example")
        }
    }
}
