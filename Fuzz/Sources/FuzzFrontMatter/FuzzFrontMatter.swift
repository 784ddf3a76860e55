import FuzzSupport

/// Front matter in each language the readers know: the first byte picks TOML (`+++`), JSON or
/// YAML (`---`), the rest is the front matter's text, followed by a short body.
@_cdecl("FuzzFrontMatter_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        guard let selector = input.first else { return 0 }
        let text = Array(input.dropFirst())
        let body = Array("\n# Body\n\nText.\n".utf8)
        switch selector % 3 {
        case 0: FuzzSupport.lint(Array("+++\n".utf8) + text + Array("\n+++\n".utf8) + body, as: .markdown, path: "fuzz.md")
        case 1: FuzzSupport.lint(Array("{\n".utf8) + text + Array("\n}\n".utf8) + body, as: .markdown, path: "fuzz.md")
        default: FuzzSupport.lint(Array("---\n".utf8) + text + Array("\n---\n".utf8) + body, as: .markdown, path: "fuzz.md")
        }
        return 0
    }
}
