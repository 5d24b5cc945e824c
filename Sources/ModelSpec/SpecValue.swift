/// A value written in a SPEC or CALL: a Python literal, a tuple, or a constructor call.
///
/// Arithmetic is folded while parsing, so `5/3` arrives here as `.float(1.6666666666666667)`.
/// Lists (`[3, 3]`) are read as tuples. Positions are source metadata and take no part in equality.
public indirect enum SpecValue: Sendable, Equatable {
  /// A Python `int` (64-bit here; larger literals and results are syntax errors).
  case int(Int)
  /// A Python `float`.
  case float(Double)
  /// `True` or `False`.
  case bool(Bool)
  /// `None`.
  case none
  /// A string literal, in either quote.
  case string(String)
  /// A tuple `(3, 3)`, `(3,)`, `()` or a list `[3, 3]`.
  case tuple([SpecValue])
  /// A dict display with string keys, `{'a': Linear(2, 3)}` (`ModuleDict`'s argument), in order.
  case dictionary([SpecDictionaryEntry])
  /// A constructor call such as `Linear(10, 5)`, used as an argument or as the whole spec.
  case call(SpecCall)

  /// The Python type name of the value (`int`, `float`, `bool`, `NoneType`, `str`, `tuple`), or the
  /// callee's name for a call, as used in Python's `TypeError` messages.
  public var typeName: String {
    switch self {
    case .int: "int"
    case .float: "float"
    case .bool: "bool"
    case .none: "NoneType"
    case .string: "str"
    case .tuple: "tuple"
    case .dictionary: "dict"
    case .call(let call): call.name
    }
  }
}

/// One `key: value` of a ``SpecValue/dictionary(_:)``.
public struct SpecDictionaryEntry: Sendable, Equatable {
  /// The string key.
  public var key: String
  /// The value.
  public var value: SpecValue

  /// Creates an entry.
  public init(key: String, value: SpecValue) {
    self.key = key
    self.value = value
  }
}

/// A call `Name(arguments…)` with the `nn.`/`torch.nn.` (or `init.` for init calls) prefix stripped.
public struct SpecCall: Sendable, Equatable {
  /// The callee's name without prefix, e.g. `Linear` or `kaiming_uniform_`.
  public var name: String
  /// The arguments in source order: positional ones first, then keyword ones.
  public var arguments: [SpecArgument]
  /// The 0-based character offset of the name (including any stripped prefix) in the input.
  public var position: Int

  /// Creates a call; `position` defaults to 0 for calls built in code.
  public init(name: String, arguments: [SpecArgument] = [], position: Int = 0) {
    self.name = name
    self.arguments = arguments
    self.position = position
  }

  /// Compares name and arguments; positions are ignored.
  public static func == (lhs: SpecCall, rhs: SpecCall) -> Bool {
    lhs.name == rhs.name && lhs.arguments == rhs.arguments
  }
}

/// One argument of a call: `value` (positional) or `label=value` (keyword).
public struct SpecArgument: Sendable, Equatable {
  /// The keyword, or `nil` for a positional argument.
  public var label: String?
  /// The argument's value, with arithmetic already folded.
  public var value: SpecValue
  /// The 0-based character offset of the argument (its keyword if it has one) in the input.
  public var position: Int

  /// Creates an argument; `position` defaults to 0 for arguments built in code.
  public init(label: String? = nil, _ value: SpecValue, position: Int = 0) {
    self.label = label
    self.value = value
    self.position = position
  }

  /// Compares label and value; positions are ignored.
  public static func == (lhs: SpecArgument, rhs: SpecArgument) -> Bool {
    lhs.label == rhs.label && lhs.value == rhs.value
  }
}
