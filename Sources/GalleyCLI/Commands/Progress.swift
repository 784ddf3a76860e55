import GalleyKit
import SystemIO

/// "1,204/10,000 files · 812 files/s · 11 s left" on standard error, redrawn in place, for a
/// person waiting at a terminal on a long run. Silent when standard error is not a terminal.
struct Progress {
    private let total: Int
    private let enabled: Bool
    private let start = Terminal.now()
    private var done = 0
    private var lastDraw = 0.0
    private var shown = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    mutating func advance() {
        done += 1
        guard enabled else { return }
        let now = Terminal.now()
        // Short runs (a pre-commit hook) never show a line; long ones redraw five times a second.
        guard now - start >= 0.5, now - lastDraw >= 0.2 || done == total else { return }
        lastDraw = now
        let rate = Double(done) / max(now - start, 0.001)
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded(.up)) : 0
        Terminal.write("\r\u{1B}[K\(done)/\(total) files · \(Int(rate)) files/s · \(left) s left", to: .error)
        shown = true
    }

    /// Clears the line, so findings and the summary print on a clean line.
    mutating func clear() {
        guard shown else { return }
        Terminal.write("\r\u{1B}[K", to: .error)
        shown = false
    }
}
