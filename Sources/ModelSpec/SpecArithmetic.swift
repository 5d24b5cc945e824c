import Foundation

/// Constant folding with Python semantics for the arithmetic allowed in SPEC/CALL arguments.
///
/// `int op int` stays `int` (checked: overflow is an error, since Python ints are unbounded) except
/// `/` and `**` with a negative exponent, which give `float`; `//` and `%` floor like Python; mixed
/// operands convert the int to `float`; `bool` counts as `int`. Float `//`, `%` and `**` follow
/// CPython's `float_floor_div`, `float_rem` and `float_pow` (libm `pow`, so `2**0.5 == sqrt(2)`).
enum SpecArithmetic {
  /// A failed operation; `message` reads like Python's, e.g. `ZeroDivisionError: division by zero`.
  struct Failure: Error, Equatable { var message: String }

  private enum Number {
    case int(Int)
    case float(Double)

    init?(_ value: SpecValue) {
      switch value {
      case .int(let v): self = .int(v)
      case .bool(let v): self = .int(v ? 1 : 0)
      case .float(let v): self = .float(v)
      default: return nil
      }
    }

    var double: Double {
      switch self {
      case .int(let v): Double(v)
      case .float(let v): v
      }
    }
  }

  /// The `math` constants a spec may name: `math.pi`, `math.e`, `math.tau`, `math.inf`, `math.nan`; and the
  /// torch dtypes (`torch.float32`, `torch.float64`, …) as the string of their repr.
  static func constant(_ name: String) -> SpecValue? {
    switch name {
    case "math.pi": .float(Double.pi)
    case "math.e": .float(M_E)
    case "math.tau": .float(2 * Double.pi)
    case "math.inf": .float(.infinity)
    case "math.nan": .float(.nan)
    // torch dtypes, for the `dtype=` keyword, as their canonical repr.
    case "torch.float32", "torch.float": .string("torch.float32")
    case "torch.float64", "torch.double": .string("torch.float64")
    case "torch.float16", "torch.half": .string("torch.float16")
    case "torch.bfloat16": .string("torch.bfloat16")
    default: nil
    }
  }

  /// Whether `name` is a foldable function: `math.sqrt`, `math.log`, `math.exp`, bare `sqrt`, or the
  /// conversions `int` and `float`.
  static func isFunction(_ name: String) -> Bool {
    ["math.sqrt", "sqrt", "math.log", "math.exp", "int", "float"].contains(name)
  }

  /// Python's `int(x)` (truncating a float toward zero) and `float(x)`, of a number, a bool or a
  /// numeric string; `int()` is 0 and `float()` is 0.0.
  static func convert(_ name: String, _ arguments: [SpecArgument]) throws(Failure) -> SpecValue {
    if arguments.contains(where: { $0.label != nil }) { throw Failure(message: "TypeError: \(name)() takes no keyword arguments") }
    guard arguments.count <= 1 else {
      throw Failure(message: "TypeError: \(name) expected at most 1 argument, got \(arguments.count)")
    }
    guard let value = arguments.first?.value else { return name == "int" ? .int(0) : .float(0) }
    var number = Number(value)
    if number == nil, case .string(let text) = value {
      let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
      number = name == "int" ? Int(trimmed).map(Number.int) : Double(trimmed).map(Number.float)
      guard number != nil else {
        throw Failure(message: name == "int"
          ? "ValueError: invalid literal for int() with base 10: \(value)"
          : "ValueError: could not convert string to float: \(value)")
      }
    }
    guard let number else {
      throw Failure(message: "TypeError: \(name)() argument must be a string or a real number, not '\(value.typeName)'")
    }
    switch (name, number) {
    case ("float", _): return .float(number.double)
    case (_, .int(let v)): return .int(v)
    case (_, .float(let v)):
      if v.isNaN { throw Failure(message: "ValueError: cannot convert float NaN to integer") }
      if v.isInfinite { throw Failure(message: "OverflowError: cannot convert float infinity to integer") }
      guard let result = Int(exactly: v.rounded(.towardZero)) else {
        throw Failure(message: "OverflowError: int(\(SpecValue.pythonRepr(v))) does not fit in a 64-bit integer")
      }
      return .int(result)
    }
  }

  /// Applies unary `+` or `-`.
  static func unary(_ op: SpecSymbol, _ operand: SpecValue) throws(Failure) -> SpecValue {
    switch Number(operand) {
    case .int(let v):
      if op == .plus { return .int(v) }
      guard v != .min else { throw overflow("-(\(v))") }
      return .int(-v)
    case .float(let v): return .float(op == .plus ? v : -v)
    case nil: throw Failure(message: "TypeError: bad operand type for unary \(op.rawValue): '\(operand.typeName)'")
    }
  }

  /// Applies a binary operator `+ - * / // % **`.
  static func binary(_ op: SpecSymbol, _ lhs: SpecValue, _ rhs: SpecValue) throws(Failure) -> SpecValue {
    guard let a = Number(lhs), let b = Number(rhs) else {
      throw Failure(
        message: "TypeError: unsupported operand type(s) for \(op.rawValue): "
          + "'\(lhs.typeName)' and '\(rhs.typeName)'")
    }
    if case .int(let x) = a, case .int(let y) = b {
      if op == .slash && y == 0 { throw Failure(message: "ZeroDivisionError: division by zero") }
      if op != .slash && !(op == .doubleStar && y < 0) { return .int(try integer(op, x, y)) }
    }
    return .float(try float(op, a.double, b.double))
  }

  private static func overflow(_ expression: String) -> Failure {
    Failure(message: "OverflowError: \(expression) does not fit in a 64-bit Int")
  }

  private static func integer(_ op: SpecSymbol, _ x: Int, _ y: Int) throws(Failure) -> Int {
    let result: (partialValue: Int, overflow: Bool)
    switch op {
    case .plus: result = x.addingReportingOverflow(y)
    case .minus: result = x.subtractingReportingOverflow(y)
    case .star: result = x.multipliedReportingOverflow(by: y)
    case .doubleSlash, .percent:
      guard y != 0 else {
        throw Failure(
          message: op == .percent
            ? "ZeroDivisionError: integer modulo by zero"
            : "ZeroDivisionError: integer division or modulo by zero")
      }
      if y == -1 {  // Int.min / -1 overflows; Python: x // -1 == -x, x % -1 == 0.
        if op == .percent { return 0 }
        result = 0.subtractingReportingOverflow(x)
        break
      }
      let remainder = x % y
      let needsFloor = remainder != 0 && (remainder < 0) != (y < 0)
      return op == .percent ? (needsFloor ? remainder + y : remainder) : x / y - (needsFloor ? 1 : 0)
    case .doubleStar: result = power(x, y)
    default: preconditionFailure("not an arithmetic operator: \(op)")
    }
    guard !result.overflow else { throw overflow("\(x) \(op.rawValue) \(y)") }
    return result.partialValue
  }

  /// `x ** y` for `y >= 0` by repeated squaring; any overflow of the result is reported.
  private static func power(_ x: Int, _ y: Int) -> (partialValue: Int, overflow: Bool) {
    var result = 1
    var base = x
    var exponent = y
    while exponent > 0 {
      if exponent & 1 == 1 {
        let product = result.multipliedReportingOverflow(by: base)
        if product.overflow { return product }
        result = product.partialValue
      }
      exponent >>= 1
      if exponent > 0 {
        let square = base.multipliedReportingOverflow(by: base)
        if square.overflow { return square }
        base = square.partialValue
      }
    }
    return (result, false)
  }

  private static func float(_ op: SpecSymbol, _ x: Double, _ y: Double) throws(Failure) -> Double {
    switch op {
    case .plus: return x + y
    case .minus: return x - y
    case .star: return x * y
    case .slash:
      guard y != 0 else { throw Failure(message: "ZeroDivisionError: float division by zero") }
      return x / y
    case .doubleSlash, .percent:
      guard y != 0 else {
        throw Failure(
          message: op == .percent
            ? "ZeroDivisionError: float modulo" : "ZeroDivisionError: float floor division by zero")
      }
      // CPython's float_divmod.
      var mod = x.truncatingRemainder(dividingBy: y)
      var div = (x - mod) / y
      if mod != 0 {
        if (y < 0) != (mod < 0) {
          mod += y
          div -= 1
        }
      } else {
        mod = Double(signOf: y, magnitudeOf: 0)
      }
      if op == .percent { return mod }
      guard div != 0 else { return Double(signOf: x / y, magnitudeOf: 0) }
      let floored = div.rounded(.down)
      return div - floored > 0.5 ? floored + 1 : floored
    case .doubleStar: return try floatPower(x, y)
    default: preconditionFailure("not an arithmetic operator: \(op)")
    }
  }

  /// CPython's `float_pow`: IEEE special cases, then libm `pow`; overflow to infinity is an error.
  private static func floatPower(_ x: Double, _ y: Double) throws(Failure) -> Double {
    let yIsOddInteger = y.isFinite && y.rounded(.towardZero) == y
      && y.truncatingRemainder(dividingBy: 2).magnitude == 1
    if y == 0 { return 1 }
    if x.isNaN { return x }
    if y.isNaN { return x == 1 ? 1 : y }
    if y.isInfinite {
      let m = x.magnitude
      if m == 1 { return 1 }
      return (y > 0) == (m > 1) ? .infinity : 0
    }
    if x.isInfinite {
      if y > 0 { return yIsOddInteger ? x : x.magnitude }
      return yIsOddInteger ? Double(signOf: x, magnitudeOf: 0) : 0
    }
    if x == 0 {
      guard y > 0 else {
        throw Failure(message: "ZeroDivisionError: 0.0 cannot be raised to a negative power")
      }
      return yIsOddInteger ? x : 0
    }
    if x < 0 && y.rounded(.down) != y {
      throw Failure(
        message: "ValueError: \(SpecValue.pythonRepr(x)) ** \(SpecValue.pythonRepr(y)) "
          + "is a complex number, which is not supported")
    }
    if x == 1 { return 1 }
    let magnitude = Foundation.pow(x.magnitude, y)
    if magnitude.isInfinite {
      throw Failure(message: "OverflowError: (34, 'Numerical result out of range')")
    }
    return x < 0 && yIsOddInteger ? -magnitude : magnitude
  }

  /// Evaluates `math.sqrt(x)`, `sqrt(x)`, `math.exp(x)`, `math.log(x)`, `math.log(x, base)`, `int(x)` or `float(x)`.
  static func call(_ name: String, _ arguments: [SpecArgument]) throws(Failure) -> SpecValue {
    if name == "int" || name == "float" { return try convert(name, arguments) }
    let display = name == "sqrt" ? "math.sqrt" : name
    if arguments.contains(where: { $0.label != nil }) {
      throw Failure(message: "TypeError: \(display)() takes no keyword arguments")
    }
    let maximum = display == "math.log" ? 2 : 1
    guard (1...maximum).contains(arguments.count) else {
      throw Failure(
        message: maximum == 2
          ? "TypeError: math.log requires 1 to 2 arguments"
          : "TypeError: \(display)() takes exactly one argument (\(arguments.count) given)")
    }
    var values: [Double] = []
    for argument in arguments {
      guard let number = Number(argument.value) else {
        throw Failure(message: "TypeError: must be real number, not \(argument.value.typeName)")
      }
      values.append(number.double)
    }
    let domainError = Failure(message: "ValueError: math domain error")
    switch display {
    case "math.sqrt":
      guard values[0] >= 0 || values[0].isNaN else { throw domainError }
      return .float(values[0].squareRoot())
    case "math.exp":
      let result = Foundation.exp(values[0])
      if result.isInfinite && values[0].isFinite {
        throw Failure(message: "OverflowError: math range error")
      }
      return .float(result)
    default:
      var logs: [Double] = []
      for v in values {
        guard v > 0 || v.isNaN else { throw domainError }
        logs.append(Foundation.log(v))
      }
      guard logs.count == 2 else { return .float(logs[0]) }
      guard logs[1] != 0 else { throw Failure(message: "ZeroDivisionError: float division by zero") }
      return .float(logs[0] / logs[1])
    }
  }
}
