import TensorModule

/// The dict at the start of an `.npy` file: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
struct _NPYHeader: Equatable {
  var dtype: DType
  var fortranOrder: Bool
  var shape: [Int]

  /// The `descr` NumPy writes for each dtype.
  static func descr(_ dtype: DType) -> String {
    switch dtype {
    case .float32: "<f4"
    case .float64: "<f8"
    case .int64: "<i8"
    }
  }

  /// The header text as `numpy.lib.format.write_array` writes it, including its spare space for the
  /// leading dimension to grow (`GROWTH_AXIS_MAX_DIGITS`), without the alignment padding.
  var text: String {
    let dims = shape.map(String.init)
    let tuple = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
    let dict = "{'descr': '\(Self.descr(dtype))', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(tuple), }"
    let growthDimension = fortranOrder ? dims.last : dims.first
    return dict + String(repeating: " ", count: growthDimension.map { max(0, 21 - $0.count) } ?? 0)
  }

  /// Parses the dict literal, accepting what `ast.literal_eval` would for these three keys.
  init(parsing text: String) throws(NPYError) {
    var parser = _PythonLiteralParser(text: text)
    let dict = try parser.dict()
    let keys = dict.map(\.key)
    guard keys.sorted() == ["descr", "fortran_order", "shape"] else { throw .wrongKeys(found: keys) }
    var descr = "", fortranOrder = false, shape: [Int] = []
    for (key, value) in dict {
      switch (key, value) {
      case ("descr", .string(let s)): descr = s
      case ("fortran_order", .bool(let b)): fortranOrder = b
      case ("shape", .tuple(let dims)): shape = dims
      default: throw .invalidHeader(reason: "invalid value for '\(key)'", header: text)
      }
    }
    switch descr {
    case "<f4": dtype = .float32
    case "<f8": dtype = .float64
    case "<i8": dtype = .int64
    case _ where descr.hasPrefix(">"): throw .bigEndian(descr: descr)
    default: throw .unsupportedDescr(descr)
    }
    self.fortranOrder = fortranOrder
    self.shape = shape
  }

  init(dtype: DType, fortranOrder: Bool = false, shape: [Int]) {
    self.dtype = dtype
    self.fortranOrder = fortranOrder
    self.shape = shape
  }
}

/// A parser for the Python literals an `.npy` header uses: a dict of string keys whose values are
/// strings, `True`/`False`, or tuples of non-negative integers.
private struct _PythonLiteralParser {
  enum Value { case string(String), bool(Bool), tuple([Int]) }

  let text: String
  let characters: [Character]
  var index = 0

  init(text: String) {
    self.text = text
    characters = Array(text)
  }

  func fail(_ reason: String) -> NPYError { .invalidHeader(reason: reason, header: text) }

  var peek: Character? { index < characters.count ? characters[index] : nil }

  mutating func skipSpaces() { while let c = peek, c.isWhitespace { index += 1 } }

  mutating func expect(_ c: Character) throws(NPYError) {
    skipSpaces()
    guard peek == c else { throw fail("expected '\(c)' at character \(index)") }
    index += 1
  }

  /// `{key: value, …}` with an optional trailing comma, then only whitespace.
  mutating func dict() throws(NPYError) -> [(key: String, value: Value)] {
    try expect("{")
    var members: [(key: String, value: Value)] = []
    while true {
      skipSpaces()
      if peek == "}" { index += 1; break }
      let key = try string()
      guard !members.contains(where: { $0.key == key }) else { throw fail("duplicate key '\(key)'") }
      try expect(":")
      members.append((key, try value()))
      skipSpaces()
      if peek == "," { index += 1; continue }
      try expect("}")
      break
    }
    skipSpaces()
    guard index == characters.count else { throw fail("trailing characters after the dict") }
    return members
  }

  mutating func value() throws(NPYError) -> Value {
    skipSpaces()
    switch peek {
    case "'", "\"": return .string(try string())
    case "(": return .tuple(try tuple())
    case "T": try word("True"); return .bool(true)
    case "F": try word("False"); return .bool(false)
    default: throw fail("unexpected value at character \(index)")
    }
  }

  mutating func word(_ w: String) throws(NPYError) {
    for c in w { try expect(c) }
  }

  /// A quoted string without escapes (NumPy never writes any in these keys).
  mutating func string() throws(NPYError) -> String {
    skipSpaces()
    guard let quote = peek, quote == "'" || quote == "\"" else { throw fail("expected a string at character \(index)") }
    index += 1
    var result = ""
    while let c = peek, c != quote {
      guard c != "\\" else { throw fail("escapes are not supported") }
      result.append(c)
      index += 1
    }
    try expect(quote)
    return result
  }

  /// `()`, `(n,)` or `(n, m, …)` with an optional trailing comma.
  mutating func tuple() throws(NPYError) -> [Int] {
    try expect("(")
    var values: [Int] = []
    var trailingComma = false
    while true {
      skipSpaces()
      if peek == ")" { index += 1; break }
      values.append(try integer())
      skipSpaces()
      trailingComma = peek == ","
      if trailingComma { index += 1; continue }
      try expect(")")
      break
    }
    // `(3)` is the integer 3 in Python, not a tuple.
    guard values.count != 1 || trailingComma else { throw fail("shape (\(values[0])) is not a tuple") }
    return values
  }

  mutating func integer() throws(NPYError) -> Int {
    let start = index
    while let c = peek, c.isASCII, c.isNumber { index += 1 }
    guard let value = Int(String(characters[start..<index])) else {
      throw fail("expected a non-negative integer at character \(start)")
    }
    if peek == "L" { index += 1 }  // a Python 2 long literal, as old NumPy wrote
    return value
  }
}
