import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress bar on standard error for long writes:
/// `model.safetensors [###########---------]  55%  2.2/4.0 GiB  1.1 GiB/s  ETA 2s`.
///
/// Exists only when standard error is a terminal (`isatty(2)`), so pipes, logs and tests see nothing.
/// Appears at once for writes of more than 64 MiB, otherwise after two seconds; redraws at most ten
/// times a second.
final class ProgressBar {
  private let total: Int
  private let label: String
  private let start = Date()
  private var done = 0
  private var lastDraw = Date.distantPast
  private var shown = false

  /// A bar for `totalBytes`, or `nil` when standard error is not a terminal.
  init?(totalBytes: Int, label: String) {
    guard isatty(2) == 1 else { return nil }
    total = max(totalBytes, 1)
    self.label = label
  }

  /// Records `bytes` more written and redraws if due.
  func advance(byBytes bytes: Int) {
    done += bytes
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    guard total > 64 << 20 || elapsed > 2, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
    lastDraw = now
    draw(elapsed: elapsed)
  }

  /// Draws the completed bar and ends its line (if it was shown).
  func finish() {
    guard shown else { return }
    draw(elapsed: Date().timeIntervalSince(start), final: true)
    emit("\n")
  }

  /// Erases the bar (after an error, so the error line stands alone).
  func abandon() {
    if shown { emit("\r\u{1B}[K") }
  }

  private func draw(elapsed: TimeInterval, final: Bool = false) {
    shown = true
    let fraction = min(1, Double(done) / Double(total))
    let width = 30, filled = Int(fraction * Double(width))
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    var line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    line += String(format: "%3.0f%%  %@/%@", fraction * 100, gibibytes(done), gibibytes(total))
    line += String(format: "  %@/s", gibibytes(Int(rate)))
    if final {
      line += String(format: "  %.1fs", elapsed)
    } else if rate > 0 {
      line += String(format: "  ETA %.0fs", Double(total - done) / rate)
    }
    emit(line + "\u{1B}[K")
  }

  private func gibibytes(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) : String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
  }

  private func emit(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
