import Foundation
import Interop

/// A Hugging Face `config.json`: its fields, read with the checks a model's shapes need.
///
/// Mirrors `transformers.PretrainedConfig.from_json_file` for the fields NNInit reads: sizes are
/// integers, flags booleans; a field that is absent or `null` takes the architecture's default
/// (the `__init__` default of its `*Config` class), which callers pass in.
public struct HFConfig: Sendable {
  /// The largest size any field may hold, 2²⁴ (16 777 216, far above any real model's vocabulary or
  /// width): every tensor's element count is then a product of two sums of sizes, far below `Int.max`.
  public static let maximumSize = 1 << 24

  /// Every field of the file, as written.
  public let fields: [String: HFJSON]

  /// The fields of a parsed object.
  public init(fields: [String: HFJSON]) {
    self.fields = fields
  }

  /// Parses `data` (the bytes of `path`, named in errors).
  ///
  /// - Throws: ``HFConfigError/notJSON(path:reason:)``.
  public init(data: Data, path: String) throws(HFConfigError) {
    let value: HFJSON
    do {
      value = HFJSON(try StrictJSON(parsing: [UInt8](data)))
    } catch {
      throw .notJSON(path: path, reason: error.description)
    }
    guard case .object(let fields) = value else { throw .notJSON(path: path, reason: "the top level is \(value.kind)") }
    self.fields = fields
  }

  /// Reads and parses the file at `url`.
  ///
  /// - Throws: ``HFConfigError/unreadable(path:reason:)`` or ``HFConfigError/notJSON(path:reason:)``.
  public init(contentsOf url: URL) throws(HFConfigError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
    }
    try self.init(data: data, path: url.path)
  }

  /// The value of `field`, `nil` when absent or `null`.
  public subscript(field: String) -> HFJSON? {
    guard let value = fields[field], value != .null else { return nil }
    return value
  }

  /// The integer `field`, or `defaultValue` when absent or `null`.
  ///
  /// - Throws: ``HFConfigError/missingField(_:)`` when absent without default,
  ///   ``HFConfigError/wrongType(field:expected:got:)``, ``HFConfigError/outOfRange(field:value:minimum:)``
  ///   when below `minimum`, ``HFConfigError/tooLarge(field:value:maximum:)`` above `maximum`.
  public func int(
    _ field: String, default defaultValue: Int? = nil, minimum: Int = 1, maximum: Int = maximumSize
  ) throws(HFConfigError) -> Int {
    guard let value = self[field] else {
      guard let defaultValue else { throw .missingField(field) }
      return defaultValue
    }
    guard case .int(let number) = value else { throw .wrongType(field: field, expected: "an integer", got: value.kind) }
    guard number >= minimum else { throw .outOfRange(field: field, value: number, minimum: minimum) }
    guard number <= maximum else { throw .tooLarge(field: field, value: number, maximum: maximum) }
    return number
  }

  /// The integer `field`, or `nil` when absent or `null` (checked like ``int(_:default:minimum:maximum:)``).
  public func optionalInt(_ field: String, minimum: Int = 1) throws(HFConfigError) -> Int? {
    self[field] == nil ? nil : try int(field, minimum: minimum)
  }

  /// The first of `fields` present (a config may spell a size either way, e.g. GPT-2's `n_embd` or
  /// its alias `hidden_size`); missing: the first name is reported.
  public func int(anyOf fields: [String], default defaultValue: Int? = nil, maximum: Int = maximumSize) throws(HFConfigError) -> Int {
    let present = fields.first { self[$0] != nil } ?? fields[0]
    return try int(present, default: defaultValue, maximum: maximum)
  }

  /// The boolean `field`, or `defaultValue` when absent or `null`.
  public func bool(_ field: String, default defaultValue: Bool) throws(HFConfigError) -> Bool {
    guard let value = self[field] else { return defaultValue }
    guard case .bool(let flag) = value else { throw .wrongType(field: field, expected: "true or false", got: value.kind) }
    return flag
  }

  /// The number `field` (an integer literal is a number too), or `defaultValue` when absent or `null`.
  public func double(_ field: String, default defaultValue: Double) throws(HFConfigError) -> Double {
    switch self[field] {
    case nil: return defaultValue
    case .double(let x)?: return x
    case .int(let n)?: return Double(n)
    case let value?: throw .wrongType(field: field, expected: "a number", got: value.kind)
    }
  }

  /// The string `field`.
  ///
  /// - Throws: ``HFConfigError/missingField(_:)`` or ``HFConfigError/wrongType(field:expected:got:)``.
  public func string(_ field: String) throws(HFConfigError) -> String {
    guard let value = self[field] else { throw .missingField(field) }
    guard case .string(let text) = value else { throw .wrongType(field: field, expected: "a string", got: value.kind) }
    return text
  }

  /// The integer array `field` (e.g. `mlp_only_layers`), or `[]` when absent or `null`.
  public func intArray(_ field: String) throws(HFConfigError) -> [Int] {
    guard let value = self[field] else { return [] }
    guard case .array(let items) = value else { throw .wrongType(field: field, expected: "an array of integers", got: value.kind) }
    var result: [Int] = []
    for item in items {
      guard case .int(let n) = item else { throw .wrongType(field: field, expected: "an array of integers", got: "an element that is \(item.kind)") }
      result.append(n)
    }
    return result
  }

  /// The most layers, experts, or layers × experts a config may declare (a few million tensor
  /// declarations; beyond, the declarations alone would not fit in memory).
  public static let maximumCount = 100_000

  /// `dividend / divisor`, checking that `divisor` divides `dividend`.
  public static func quotient(_ dividendField: String, _ dividend: Int, by divisorField: String, _ divisor: Int) throws(HFConfigError) -> Int {
    guard dividend % divisor == 0 else {
      throw .notDivisible(dividendField: dividendField, dividend: dividend, divisorField: divisorField, divisor: divisor)
    }
    return dividend / divisor
  }
}
