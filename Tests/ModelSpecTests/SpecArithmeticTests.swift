import Testing

@testable import ModelSpec

/// Expected values printed by CPython 3.11 (`repr` and `struct.pack('<d', x).hex()`).
@Suite("Arithmetic folds with Python semantics")
struct SpecArithmeticTests {
  @Test(
    "float results match CPython bit for bit",
    arguments: [
      ("5/3", 0x3ffa_aaaa_aaaa_aaab), ("2**0.5", 0x3ff6_a09e_667f_3bcd),
      ("math.sqrt(2)", 0x3ff6_a09e_667f_3bcd), ("sqrt(2)", 0x3ff6_a09e_667f_3bcd),
      ("math.sqrt(5)", 0x4001_e377_9b97_f4a8), ("math.sqrt(5)**2", 0x4014_0000_0000_0001),
      ("1/math.sqrt(3)", 0x3fe2_79a7_4590_331d), ("math.sqrt(1/3)", 0x3fe2_79a7_4590_331c),
      ("2**-1", 0x3fe0_0000_0000_0000), ("2**-2**2", 0x3fb0_0000_0000_0000),
      ("7.5 // 2", 0x4008_0000_0000_0000), ("-7.5 // 2", 0xc010_0000_0000_0000),
      ("7.5 % -2", 0xbfe0_0000_0000_0000), ("-0.0 % 5", 0x0), ("1e-5", 0x3ee4_f8b5_88e3_68f1),
      ("0.1+0.2", 0x3fd3_3333_3333_3334), ("math.pi", 0x4009_21fb_5444_2d18),
      ("math.e", 0x4005_bf0a_8b14_5769), ("math.tau", 0x4019_21fb_5444_2d18),
      ("math.log(10)", 0x4002_6bb1_bbb5_5516), ("math.exp(1)", 0x4005_bf0a_8b14_5769),
      ("math.log(8, 2)", 0x4008_0000_0000_0000), ("(-8.0)**3", 0xc080_0000_0000_0000),
      ("3 * 1.5", 0x4012_0000_0000_0000), ("1_000 + .5", 0x408f_4400_0000_0000),
      ("math.sqrt(2)/2", 0x3fe6_a09e_667f_3bcd), ("2/3*3", 0x4000_0000_0000_0000),
      ("-1/2", 0xbfe0_0000_0000_0000), ("(2)**-(1)", 0x3fe0_0000_0000_0000),
      ("9**0.5", 0x4008_0000_0000_0000), ("10 % 3.5", 0x4008_0000_0000_0000),
      ("-10 // 3.5", 0xc008_0000_0000_0000), ("1e308*10", 0x7ff0_0000_0000_0000),
      ("4/2", 0x4000_0000_0000_0000), ("2**0.5*2**0.5", 0x4000_0000_0000_0001),
      ("(1/3)**2", 0x3fbc_71c7_1c71_c71c), ("100/3", 0x4040_aaaa_aaaa_aaab),
      ("math.exp(-1000)", 0x0), ("1.0//0.3", 0x4008_0000_0000_0000),
      ("0.7 % 0.1", 0x3fb9_9999_9999_9994), ("True / 2", 0x3fe0_0000_0000_0000),
    ] as [(String, UInt64)])
  func floatResult(_ expression: String, _ bits: UInt64) throws {
    let value = try parseValue(expression)
    guard case .float(let result) = value else {
      Issue.record("\(expression) gave \(value), expected a float")
      return
    }
    #expect(result.bitPattern == bits, "\(expression) = \(result)")
  }

  @Test(
    "int op int stays int, flooring like Python",
    arguments: [
      ("-2**2", -4), ("7//2", 3), ("-7//2", -4), ("7 % -3", -2), ("-7 % 3", 2), ("6 // -4", -2),
      ("-6 % -4", -2), ("(-2)**3", -8), ("2**62", 4_611_686_018_427_387_904),
      ("10**18", 1_000_000_000_000_000_000), ("5 - -3", 8), ("+-+3", -3), ("-(2**2)", -4),
      ("2 + 3 * 4", 14), ("(2 + 3) * 4", 20), ("2 ** 3 ** 2", 512), ("17 % 5 * 2", 4),
      ("-9223372036854775807 - 1", .min), ("(-2)**63", .min), ("0**0", 1), ("True + True", 2),
    ] as [(String, Int)])
  func intResult(_ expression: String, _ expected: Int) throws {
    #expect(try parseValue(expression) == .int(expected))
  }

  @Test(
    "failures read like Python's exceptions, at the operator",
    arguments: [
      ("1/0", 3, "ZeroDivisionError: division by zero"),
      ("1 // 0", 4, "ZeroDivisionError: integer division or modulo by zero"),
      ("1 % 0", 4, "ZeroDivisionError: integer modulo by zero"),
      ("1.0/0", 5, "ZeroDivisionError: float division by zero"),
      ("1.0 // 0.0", 6, "ZeroDivisionError: float floor division by zero"),
      ("1.0 % 0.0", 6, "ZeroDivisionError: float modulo"),
      ("0**-1", 3, "ZeroDivisionError: 0.0 cannot be raised to a negative power"),
      ("10.0**400", 6, "OverflowError: (34, 'Numerical result out of range')"),
      ("(-8)**0.5", 6, "ValueError: -8.0 ** 0.5 is a complex number, which is not supported"),
      ("math.sqrt(-1)", 2, "ValueError: math domain error"),
      ("math.log(0)", 2, "ValueError: math domain error"),
      ("math.exp(1000)", 2, "OverflowError: math range error"),
      ("math.log(2, 1)", 2, "ZeroDivisionError: float division by zero"),
      ("math.sqrt('a')", 2, "TypeError: must be real number, not str"),
      ("math.sqrt(1, 2)", 2, "TypeError: math.sqrt() takes exactly one argument (2 given)"),
      ("sqrt(x=1)", 2, "TypeError: math.sqrt() takes no keyword arguments"),
      ("math.log()", 2, "TypeError: math.log requires 1 to 2 arguments"),
      ("'a' + 1", 6, "TypeError: unsupported operand type(s) for +: 'str' and 'int'"),
      ("(1,) * 2", 7, "TypeError: unsupported operand type(s) for *: 'tuple' and 'int'"),
      ("None ** 2", 7, "TypeError: unsupported operand type(s) for **: 'NoneType' and 'int'"),
      ("-'a'", 2, "TypeError: bad operand type for unary -: 'str'"),
      ("2**64", 3, "OverflowError: 2 ** 64 does not fit in a 64-bit Int"),
      ("9223372036854775807 + 1", 22, "OverflowError: 9223372036854775807 + 1 does not fit in a 64-bit Int"),
      ("-(-9223372036854775807 - 1)", 2, "OverflowError: -(-9223372036854775808) does not fit in a 64-bit Int"),
      ("(-9223372036854775807 - 1) // -1", 29,
        "OverflowError: -9223372036854775808 // -1 does not fit in a 64-bit Int"),
      ("3037000500 * 3037000500", 13, "OverflowError: 3037000500 * 3037000500 does not fit in a 64-bit Int"),
    ] as [(String, Int, String)])
  func failure(_ expression: String, _ position: Int, _ message: String) {
    // Positions are 0-based in the whole input `f(<expression>)`.
    let error = #expect(throws: SpecSyntaxError.self) { try parseValue(expression) }
    #expect(error?.position == position)
    #expect(error?.message == message)
    #expect(error?.subject == .initCall)
  }

  @Test("Int.min % -1 is 0 without trapping")
  func minModuloMinusOne() throws {
    #expect(try parseValue("(-9223372036854775807 - 1) % -1") == .int(0))
    #expect(try parseValue("(-9223372036854775807 - 1) // 1") == .int(.min))
  }

  @Test("negative zero and NaN follow IEEE like Python")
  func signedZeroAndNaN() throws {
    #expect(try parseValue("-0.0") == .float(0))
    guard case .float(let zero) = try parseValue("-0.0 // 5"), case .float(let nan) = try parseValue("math.nan")
    else {
      Issue.record("expected floats")
      return
    }
    #expect(zero.sign == .minus)
    #expect(nan.isNaN)
    #expect(try parseValue("math.inf ** 0") == .float(1))
  }
}
