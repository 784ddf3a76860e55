/// SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it. One run; the driver
/// lists every rule that can report, each result points at its rule by id and index, carries a
/// region with start and end (columns in Unicode code points) and a fingerprint that survives
/// line shifts. Results stream out file by file.
public struct SARIFReporter: Reporter {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key; the suffix changes if the fingerprint's recipe does.
    public static let fingerprintKey = "galleyFingerprint/v1"

    private let context: ReportContext
    private var first = true

    public init(context: ReportContext) {
        self.context = context
    }

    public mutating func begin() -> String {
        let rules = context.rules.entries.map { rule in
            var members: [(String, JSONOutput)] = [
                ("id", .string(rule.id)),
                ("shortDescription", .object([("text", .string(rule.shortDescription))])),
                ("fullDescription", .object([("text", .string(rule.fullDescription))])),
                ("help", .object([("text", .string(rule.help))])),
            ]
            if let uri = rule.helpURI { members.append(("helpUri", .string(uri))) }
            members.append(("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])))
            members.append(("properties", .object([("tags", .array((rule.ruleSet.map { [$0] } ?? ["reader"]).map { .string($0) }))])))
            return JSONOutput.object(members)
        }
        let tool = JSONOutput.object([
            ("driver", .object([
                ("name", .string("galley")),
                ("version", .string(Galley.version)),
                ("semanticVersion", .string(Galley.version)),
                ("informationUri", .string(Galley.informationURI)),
                ("rules", .array(rules)),
            ])),
        ])
        return "{\n  \"$schema\": \(JSONEscaping.quoted(Self.schema)),\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
            + "      \"tool\": \(tool.pretty(level: 3)),\n"
            + "      \"columnKind\": \"unicodeCodePoints\",\n"
            + "      \"results\": ["
    }

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += first ? "\n        " : ",\n        "
            first = false
            output += result(diagnostic).pretty(level: 4)
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        (first ? "]" : "\n      ]") + "\n    }\n  ]\n}\n"
    }

    private func result(_ diagnostic: Diagnostic) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("ruleId", .string(diagnostic.ruleID))]
        if let index = context.rules.index(of: diagnostic.ruleID) { members.append(("ruleIndex", .int(index))) }
        members.append(("level", .string(Self.level(diagnostic.severity))))
        members.append(("message", .object([("text", .string(diagnostic.message))])))
        var artifact: [(String, JSONOutput)] = []
        let uri = ArtifactURI.make(path: diagnostic.path, workingDirectory: context.workingDirectory)
        artifact.append(("uri", .string(uri.uri)))
        if uri.isRelative { artifact.append(("uriBaseId", .string(ArtifactURI.baseID))) }
        members.append(("locations", .array([.object([
            ("physicalLocation", .object([("artifactLocation", .object(artifact)), ("region", Self.region(diagnostic.span))])),
        ])])))
        members.append(("partialFingerprints", .object([(Self.fingerprintKey, .string(diagnostic.stableFingerprint))])))
        if !diagnostic.fixes.isEmpty {
            // Each fix replaces regions of the one file, in the run's columns (code points).
            members.append(("fixes", .array(diagnostic.fixes.map { fix in
                .object([
                    ("description", .object([("text", .string(fix.title))])),
                    ("artifactChanges", .array([.object([
                        ("artifactLocation", .object(artifact)),
                        ("replacements", .array(fix.edits.map { edit in
                            .object([("deletedRegion", Self.region(edit.span)), ("insertedContent", .object([("text", .string(edit.replacement))]))])
                        })),
                    ])])),
                ])
            })))
        }
        return .object(members)
    }

    private static func region(_ span: SourceSpan) -> JSONOutput {
        .object([
            ("startLine", .int(span.start.line)), ("startColumn", .int(span.start.column)),
            ("endLine", .int(span.end.line)), ("endColumn", .int(span.end.column)),
        ])
    }

    static func level(_ severity: Severity) -> String { severity.rawValue }
}
