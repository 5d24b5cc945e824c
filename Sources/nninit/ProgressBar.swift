import Foundation
import NNInit
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one progress bar of the command line, on standard error:
/// `model.safetensors [###########-------------]  45%  ETA 2s  1.8/4.0 GiB  1.1 GiB/s`.
///
/// Exists only when standard error is a terminal (`isatty(2)`), so pipes, logs and tests see nothing.
/// Thread-safe; redraws at most ten times a second; appears once `delay` seconds have passed.
final class ProgressBar: Sendable {
  private struct State {
    var lastDraw = Date.distantPast
    var shown = false
  }
  private let label: String
  private let delay: TimeInterval
  private let start = Date()
  private let state = Mutex(State())

  /// A bar, or `nil` when standard error is not a terminal.
  init?(label: String, delay: TimeInterval = 0) {
    guard isatty(2) == 1 else { return nil }
    self.label = label
    self.delay = delay
  }

  /// Seconds since the bar was made.
  var elapsed: TimeInterval { Date().timeIntervalSince(start) }

  /// Redraws (if due) at `fraction` done, with `detail` after the bar.
  func update(fraction: Double, detail: String) {
    state.withLock { s in
      let now = Date()
      guard now.timeIntervalSince(start) >= delay, now.timeIntervalSince(s.lastDraw) >= 0.1 else { return }
      s.lastDraw = now
      s.shown = true
      draw(fraction: fraction, detail: detail, eta: true)
    }
  }

  /// Ends the bar: with a `summary`, draws it complete and keeps the line; otherwise erases it.
  func finish(summary: String? = nil) {
    state.withLock { s in
      guard s.shown else { return }
      s.shown = false
      if let summary {
        draw(fraction: 1, detail: summary, eta: false)
        emit("\n")
      } else {
        emit("\r\u{1B}[K")
      }
    }
  }

  private func draw(fraction: Double, detail: String, eta: Bool) {
    let f = min(1, max(0, fraction)), width = 24, filled = Int(f * Double(width))
    var line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    line += String(format: "%3.0f%%", f * 100)
    if eta, f > 0.02 { line += "  ETA " + LabText.duration(elapsed * (1 - f) / f) }
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

/// A long write shown on a ``ProgressBar``: bytes done of the total and the rate. The bar appears at
/// once for writes of more than 64 MiB, otherwise after two seconds.
final class WriteProgress {
  private let bar: ProgressBar
  private let total: Int
  private var done = 0

  /// Progress of writing `totalBytes` to `label`, or `nil` when standard error is not a terminal.
  init?(totalBytes: Int, label: String) {
    guard let bar = ProgressBar(label: label, delay: totalBytes > 64 << 20 ? 0 : 2) else { return nil }
    self.bar = bar
    total = max(totalBytes, 1)
  }

  /// Records `bytes` more written.
  func advance(byBytes bytes: Int) {
    done += bytes
    bar.update(fraction: Double(done) / Double(total), detail: detail())
  }

  /// Draws the completed bar with the total time.
  func finish() { bar.finish(summary: detail() + "  " + String(format: "%.1fs", bar.elapsed)) }

  /// Erases the bar (after an error, so the error line stands alone).
  func abandon() { bar.finish() }

  private func detail() -> String {
    let rate = bar.elapsed > 0 ? Double(done) / bar.elapsed : 0
    return "\(Self.size(done))/\(Self.size(total))  \(Self.size(Int(rate)))/s"
  }

  private static func size(_ bytes: Int) -> String {
    bytes >= 1 << 30
      ? String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) : String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
  }
}
