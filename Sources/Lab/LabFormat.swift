import Foundation

/// Number formatting shared by the text output and the reports.
enum LabFormat {
  /// A compact number: `0.5`, `128`, `1.41`, `1.4e-03`, `2.3e+34`; `∞`/`NaN` for non-finite values.
  static func number(_ x: Double, digits: Int = 3) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "−∞" : "∞" }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e-2 && magnitude < 1e5 {
      var s = String(format: "%.\(digits)g", x)
      if s.contains("e") { s = String(format: "%.0f", x) }
      return s
    }
    return String(format: "%.\(max(0, digits - 1))e", x).replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e+")
  }

  /// A hyper-parameter as written on a command line: `0.01`, `0.003`, `1e-05`, `2`.
  static func setting(_ x: Double) -> String { String(format: "%g", x) }

  /// A percentage with one decimal: `97.2%`.
  static func percent(_ fraction: Double) -> String {
    fraction.isFinite ? String(format: "%.1f%%", fraction * 100) : "—"
  }

  /// Seconds as `42s` or `3m05s`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let s = Int(seconds.rounded())
    return s < 60 ? "\(s)s" : String(format: "%dm%02ds", s / 60, s % 60)
  }
}
