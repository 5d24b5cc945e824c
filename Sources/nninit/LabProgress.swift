import Foundation
import NNInit
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress bar on standard error for the lab's long runs:
/// `compare [##########----------]  52%  21/40 runs  ETA 1m12s  train relu depth 20 … epoch 3/20`.
///
/// Exists only when standard error is a terminal (`isatty(2)`): pipes, logs and tests see nothing.
/// Thread-safe; redraws at most ten times a second.
final class LabProgressBar: Sendable {
  private struct State {
    var lastDraw = Date.distantPast
    var shown = false
  }
  private let label: String
  private let start = Date()
  private let state = Mutex(State())

  /// A bar, or `nil` when standard error is not a terminal.
  init?(label: String) {
    guard isatty(2) == 1 else { return nil }
    self.label = label
  }

  /// Redraws (if due) at `fraction` done, with a detail text after the bar.
  func update(fraction: Double, detail: String) {
    state.withLock { s in
      let now = Date()
      guard now.timeIntervalSince(s.lastDraw) >= 0.1 else { return }
      s.lastDraw = now
      s.shown = true
      draw(fraction: fraction, detail: detail, elapsed: now.timeIntervalSince(start))
    }
  }

  /// Erases the bar so that what follows starts on a clean line.
  func finish() {
    state.withLock { s in
      if s.shown { emit("\r\u{1B}[K") }
      s.shown = false
    }
  }

  private func draw(fraction: Double, detail: String, elapsed: Double) {
    let f = min(1, max(0, fraction)), width = 24, filled = Int(f * Double(width))
    var line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    line += String(format: "%3.0f%%", f * 100)
    if f > 0.02 { line += "  ETA " + LabText.duration(elapsed * (1 - f) / f) }
    line += "  " + detail
    let columns = terminalColumns()
    if line.count > columns { line = String(line.prefix(columns - 1)) }
    emit(line + "\u{1B}[K")
  }

  private func terminalColumns() -> Int {
    var size = winsize()
    return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
  }

  private func emit(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
