/// The result of ``SpecSignature/bind(_:)``: every parameter's value, with typed accessors.
///
/// Accessors throw ``SpecArgumentError`` (`.wrongType`) naming the function, the parameter, the
/// value and what was expected, with the argument's column when the caller supplied it. Asking for
/// a name that is not in the signature is a programmer error (precondition).
public struct SpecBoundArguments: Sendable, Equatable {
  /// The function's name from its signature, used in messages.
  public let function: String
  /// The offset of the call in the input.
  public let callPosition: Int
  /// Every parameter's value: supplied, or its default; a variadic holds a tuple.
  public internal(set) var values: [String: SpecValue] = [:]
  /// The offset of each argument the caller supplied (the first one for a variadic).
  public internal(set) var positions: [String: Int] = [:]

  init(function: String, callPosition: Int) {
    self.function = function
    self.callPosition = callPosition
  }

  mutating func supply(_ name: String, _ argument: SpecArgument) {
    values[name] = argument.value
    positions[name] = argument.position
  }

  /// Whether the caller passed `name` explicitly (rather than relying on its default).
  public func isSupplied(_ name: String) -> Bool { positions[name] != nil }

  /// The raw value of `name`.
  public func value(_ name: String) -> SpecValue {
    guard let value = values[name] else { preconditionFailure("\(function) has no parameter '\(name)'") }
    return value
  }

  /// A `.wrongType` error for `name`, at its argument's position when supplied.
  public func wrongType(_ name: String, expected: String) -> SpecArgumentError {
    SpecArgumentError(
      function: function, reason: .wrongType(argument: name, value: value(name), expected: expected),
      position: positions[name])
  }

  /// An `.invalidValue` error for `name` (e.g. `requirement: "positive"`), for builders' checks.
  public func invalidValue(_ name: String, requirement: String) -> SpecArgumentError {
    SpecArgumentError(
      function: function, reason: .invalidValue(argument: name, value: value(name), requirement: requirement),
      position: positions[name])
  }

  /// A Python `int` (not `bool`).
  public func int(_ name: String) throws(SpecArgumentError) -> Int {
    guard case .int(let v) = value(name) else { throw wrongType(name, expected: "int") }
    return v
  }

  /// A `float` or `int`, as `Double`.
  public func double(_ name: String) throws(SpecArgumentError) -> Double {
    switch value(name) {
    case .float(let v): return v
    case .int(let v): return Double(v)
    default: throw wrongType(name, expected: "float")
    }
  }

  /// `True` or `False` only.
  public func bool(_ name: String) throws(SpecArgumentError) -> Bool {
    guard case .bool(let v) = value(name) else { throw wrongType(name, expected: "bool") }
    return v
  }

  /// A string.
  public func string(_ name: String) throws(SpecArgumentError) -> String {
    guard case .string(let v) = value(name) else { throw wrongType(name, expected: "str") }
    return v
  }

  /// An `int`, or `nil` for `None`.
  public func optionalInt(_ name: String) throws(SpecArgumentError) -> Int? {
    switch value(name) {
    case .none: return nil
    case .int(let v): return v
    default: throw wrongType(name, expected: "int or None")
    }
  }

  /// A `float` or `int` as `Double`, or `nil` for `None`.
  public func optionalDouble(_ name: String) throws(SpecArgumentError) -> Double? {
    switch value(name) {
    case .none: return nil
    case .float(let v): return v
    case .int(let v): return Double(v)
    default: throw wrongType(name, expected: "float or None")
    }
  }

  /// A string, or `nil` for `None`.
  public func optionalString(_ name: String) throws(SpecArgumentError) -> String? {
    switch value(name) {
    case .none: return nil
    case .string(let v): return v
    default: throw wrongType(name, expected: "str or None")
    }
  }

  /// An int repeated `count` times, or a tuple of exactly `count` ints: PyTorch's `_single`,
  /// `_pair`, `_triple` (`kernel_size=3` or `kernel_size=(3, 5)`).
  public func intTuple(_ name: String, count: Int) throws(SpecArgumentError) -> [Int] {
    let expected = count == 1 ? "int or tuple of 1 int" : "int or tuple of \(count) ints"
    switch value(name) {
    case .int(let v): return Array(repeating: v, count: count)
    case .tuple(let items) where items.count == count:
      var result: [Int] = []
      for item in items {
        guard case .int(let v) = item else { throw wrongType(name, expected: expected) }
        result.append(v)
      }
      return result
    default: throw wrongType(name, expected: expected)
    }
  }

  /// An int as a one-element list, or a tuple of ints of any length (LayerNorm's `normalized_shape`).
  public func intList(_ name: String) throws(SpecArgumentError) -> [Int] {
    switch value(name) {
    case .int(let v): return [v]
    case .tuple(let items):
      var result: [Int] = []
      for item in items {
        guard case .int(let v) = item else { throw wrongType(name, expected: "int or tuple of ints") }
        result.append(v)
      }
      return result
    default: throw wrongType(name, expected: "int or tuple of ints")
    }
  }

  /// A nested call such as a module inside `Sequential`.
  public func call(_ name: String) throws(SpecArgumentError) -> SpecCall {
    guard case .call(let v) = value(name) else { throw wrongType(name, expected: "a call like 'Name(…)'") }
    return v
  }

  /// The positional arguments collected by a variadic parameter (`*args`).
  public func variadic(_ name: String) throws(SpecArgumentError) -> [SpecValue] {
    guard case .tuple(let items) = value(name) else { throw wrongType(name, expected: "tuple") }
    return items
  }
}
