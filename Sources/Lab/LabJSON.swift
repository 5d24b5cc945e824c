import Foundation

/// The lab's JSON: snake_case keys (`linear_output_std`), pretty-printed with sorted keys (the same
/// result gives the same bytes), and `null` for numbers that are not finite (a diverged run's loss, an
/// overflowing std) — JSON has no NaN or infinity.
public enum LabJSON {
  /// The JSON text of a lab result.
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: sentinel, negativeInfinity: sentinel, nan: sentinel)
    let text = String(decoding: try encoder.encode(value), as: UTF8.self)
    return text.replacingOccurrences(of: "\"\(sentinel)\"", with: "null")
  }

  private static let sentinel = "__nninit_lab_not_finite__"
}
