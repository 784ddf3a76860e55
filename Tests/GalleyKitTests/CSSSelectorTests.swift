import MarkupParser
import Testing
@testable import GalleyKit

/// The CSS selector subset of `html:` configuration: what it accepts, the XPath it compiles to,
/// what that selects on a real page, and how it refuses everything else (untrusted input).
@Suite struct CSSSelectorTests {
    static let page = """
        <html><body>
        <main id="content" class="site-main wide">
          <article class="post entry" data-kind="news-brief" lang="en-GB">
            <h1 class="entry-title">Title</h1>
            <div class="entry-content"><p class="lead">One</p><p>Two</p></div>
            <aside class="note"><p>Note</p></aside>
          </article>
          <div class="sharing"><a href="#" rel="nofollow noopener">Share</a></div>
        </main>
        <div id="footer" title="it's &quot;quoted&quot;"><p>Footer</p></div>
        </body></html>
        """

    /// The elements `selector` selects on `page`, as `name.class` in document order.
    private func select(_ selector: String) throws -> [String] {
        let list = try CSSSelectorList(parsing: selector)
        #expect(MarkupParser.xpathError(in: .init(list.xpath)) == nil, "\(list.xpath)")
        let tree = MarkupParser.parse(Array(Self.page.utf8), as: .html, selecting: [.init(list.xpath)])
        return tree.selections[0].map { index in
            let node = tree.nodes[Int(index)]
            return node.name + (tree.attribute("class", of: node).map { "." + $0.split(separator: " ").joined(separator: ".") } ?? "")
        }
    }

    @Test func typeClassIdAndAttributes() throws {
        #expect(try select("p") == ["p.lead", "p", "p", "p"])
        #expect(try select("P.LEAD") == [], "classes are case-sensitive")
        #expect(try select("P.lead") == ["p.lead"], "element names are not")
        #expect(try select("#content") == ["main.site-main.wide"])
        #expect(try select(".site-main.wide") == ["main.site-main.wide"])
        #expect(try select(".main") == [], "a class matches whole words only")
        #expect(try select("[data-kind]") == ["article.post.entry"])
        #expect(try select("[data-kind=news-brief]") == ["article.post.entry"])
        #expect(try select("[data-kind='news']") == [])
        #expect(try select("[data-kind^=news]") == ["article.post.entry"])
        #expect(try select("[data-kind$=brief]") == ["article.post.entry"])
        #expect(try select("[data-kind*='s-b']") == ["article.post.entry"])
        #expect(try select("[rel~=noopener]") == ["a"])
        #expect(try select("[lang|=en]") == ["article.post.entry"])
        #expect(try select("[title=\"it's \\\"quoted\\\"\"]") == ["div"], "both quotes in one value")
        #expect(try select("*") .count > 10)
    }

    @Test func combinatorsAndLists() throws {
        #expect(try select("article p") == ["p.lead", "p", "p"])
        #expect(try select("article > p") == [])
        #expect(try select("article>div>p") == ["p.lead", "p"])
        #expect(try select("main .entry-content  p.lead") == ["p.lead"])
        #expect(try select("aside, .sharing") == ["aside.note", "div.sharing"])
        #expect(try select("#footer p , h1") == ["h1.entry-title", "p"])
    }

    @Test func escapes() throws {
        #expect(try CSSSelectorList(parsing: ".md\\:flex").xpath.contains("' md:flex '"))
        #expect(try CSSSelectorList(parsing: "#\\31 23").xpath.contains("@id='123'"))
        #expect(try CSSSelectorList(parsing: ".a\\\\b").xpath.contains("' a\\b '"))
        #expect(try CSSSelectorList(parsing: "[data-x='a\\'b']").xpath.contains("\"a'b\""))
        #expect(try CSSSelectorList(parsing: "#\\0").xpath.contains("\u{FFFD}"), "a null escape is the replacement character")
    }

    /// Each refusal names the problem and the character at fault (offsets count Unicode scalars);
    /// an empty message marks a selector that must be accepted.
    @Test(arguments: [
        ("", 0, "empty selector"),
        ("   ", 3, "empty selector"),
        ("p,", 2, "ends with ','"),
        ("p,,q", 2, "unexpected ','"),
        (", p", 0, "unexpected ','"),
        ("a:hover", 1, "':hover': pseudo-classes"),
        ("p::before", 1, "'::before'"),
        ("li:not(.x)", 2, "':not'"),
        ("h1 + p", 3, "'+' combinator"),
        ("h1 ~ p", 3, "'~' combinator"),
        ("svg|rect", 3, "namespace"),
        ("*|p", 1, "namespace"),
        ("p >", 3, "after '>'"),
        ("> p", 0, "unexpected '>'"),
        ("p > > q", 4, "unexpected '>'"),
        (".", 1, "class name after '.'"),
        (".1x", 1, "class name after '.'"),
        ("#", 1, "id after '#'"),
        ("[", 0, "'[' is not closed"),
        ("[a", 0, "'[' is not closed"),
        ("[a=b", 0, "'[' is not closed"),
        ("[=b]", 1, "attribute name"),
        ("[a!=b]", 2, "an operator"),
        ("[a=]", 3, "a value"),
        ("[a=b c]", 5, "']' after the attribute value"),
        ("[a=b i]", 5, "case flags"),
        ("[a='b]", 3, "string is not closed"),
        ("[a=\"b\nc\"]", 3, "string is not closed"),
        ("p)", 1, "unexpected ')'"),
        ("é.x ü", -1, ""),
        ("p\u{0}", -1, ""),
        ("[a='\u{0}']", -1, ""),
        ("p\u{7}", 1, "unexpected"),
        ("div.é:x", 5, "':x'"),
    ] as [(String, Int, String)])
    func refusals(selector: String, offset: Int, message: String) {
        do {
            let list = try CSSSelectorList(parsing: selector)
            if !message.isEmpty { Issue.record("'\(selector)' was accepted as \(list.xpath)") }
        } catch {
            if message.isEmpty { Issue.record("'\(selector)' was refused: \(error)") }
            #expect(error.offset == offset, "'\(selector)': \(error.message)")
            #expect(error.message.contains(message), "'\(selector)': \(error.message)")
        }
    }

    @Test func limits() throws {
        let long = String(repeating: "a", count: CSSSelectorList.maxLength + 1)
        #expect(throws: CSSSelectorError.self) { try CSSSelectorList(parsing: long) }
        let deep = Array(repeating: "div", count: CSSSelectorList.maxCompounds + 1).joined(separator: " ")
        #expect(throws: CSSSelectorError.self) { try CSSSelectorList(parsing: deep) }
        #expect(throws: Never.self) { try CSSSelectorList(parsing: Array(repeating: "div", count: CSSSelectorList.maxCompounds).joined(separator: " ")) }
        let wide = Array(repeating: "p", count: CSSSelectorList.maxSelectors + 1).joined(separator: ",")
        #expect(throws: CSSSelectorError.self) { try CSSSelectorList(parsing: wide) }
        let many = "p" + String(repeating: ".a", count: CSSSelectorList.maxTests + 1)
        #expect(throws: CSSSelectorError.self) { try CSSSelectorList(parsing: many) }
    }

    /// Hostile text: whatever it is, the parser returns (an error or a selector whose XPath
    /// libxml2 compiles), and an error's offset is inside the text.
    @Test func arbitraryInputNeverCrashesOrMisleads() {
        let alphabet: [Unicode.Scalar] = Array("ab*.#[]=~^$|\"'\\ >+,:()-_09\n\té\u{0}\u{FFFF}\u{1F600}".unicodeScalars)
        var generator = SplitMix(seed: 13)
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 24)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let selector = String(text)
            do {
                let list = try CSSSelectorList(parsing: selector)
                accepted += 1
                #expect(MarkupParser.xpathError(in: .init(list.xpath)) == nil, "'\(selector)' → \(list.xpath)")
            } catch {
                #expect(error.offset >= 0 && error.offset <= selector.unicodeScalars.count, "'\(selector)': \(error)")
            }
        }
        #expect(accepted > 300)
    }

    /// Selectors that libxml2 would take long over are refused before it sees them, and the
    /// longest accepted chain still evaluates quickly on a deep page.
    @Test func deepPageWithTheLongestChain() throws {
        let depth = 250
        let html = String(repeating: "<div class=\"a\">", count: depth) + "<p>x</p>" + String(repeating: "</div>", count: depth)
        let chain = Array(repeating: "div.a", count: CSSSelectorList.maxCompounds).joined(separator: " ")
        let shorter = Array(repeating: "div.a", count: CSSSelectorList.maxCompounds - 1).joined(separator: " ")
        let list = try CSSSelectorList(parsing: chain + ", " + shorter + " p")
        let start = ContinuousClock.now
        let tree = MarkupParser.parse(Array(html.utf8), as: .html, selecting: [.init(list.xpath)])
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(tree.selections[0].count == depth - CSSSelectorList.maxCompounds + 2)
    }
}

/// A small deterministic generator, so the arbitrary-input test is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
