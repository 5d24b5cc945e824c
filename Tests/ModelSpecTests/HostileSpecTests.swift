import Initializers
import Layers
import RandomModule
import TensorModule
import Testing

@testable import ModelSpec

/// Issue 10's examples: every bad SPEC gives one line naming the culprit, never a silently wrong model.
@Suite("Hostile SPECs: errors that point, no silent wrong results")
struct HostileSpecTests {
  func build(_ spec: String, dtype: DType = .float32) throws -> Module {
    try ModelBuilder(dtype: dtype, generator: TorchGenerator(seed: 0)).build(spec)
  }

  func message(_ spec: String) -> String {
    do {
      _ = try build(spec)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// Python's `int()`/`float()` conversions fold like CPython's (values printed by CPython 3.11).
  @Test(arguments: [
    ("int(10)", SpecValue.int(10)), ("int(-2.7)", .int(-2)), ("int(True)", .int(1)), ("int('12')", .int(12)),
    ("float(3)", .float(3)), ("float('1e-3')", .float(0.001)), ("int()", .int(0)), ("float()", .float(0)),
  ])
  func conversions(expression: String, expected: SpecValue) throws {
    #expect(try parseValue(expression) == expected)
  }

  @Test(arguments: [
    ("int(math.nan)", "ValueError: cannot convert float NaN to integer"),
    ("int(math.inf)", "OverflowError: cannot convert float infinity to integer"),
    ("int('x')", "ValueError: invalid literal for int() with base 10: 'x'"),
    ("float('x')", "ValueError: could not convert string to float: 'x'"),
    ("int(None)", "TypeError: int() argument must be a string or a real number, not 'NoneType'"),
    ("int(1e300)", "OverflowError: int(1e+300) does not fit in a 64-bit integer"),
  ])
  func conversionErrors(expression: String, expected: String) {
    #expect(throws: SpecSyntaxError.self) { try parseValue(expression) }
    do { _ = try parseValue(expression) } catch { #expect("\(error)".hasSuffix(expected)) }
  }

  /// `Linear(int(10), 5)` is PyTorch's `Linear(10, 5)` (it used to say "must be int, not int").
  @Test func intConversionInAModel() throws {
    let model = try build("Linear(int(10), 5)")
    #expect(model.description == "Linear(in_features=10, out_features=5, bias=True)")
  }

  /// `dtype=` and `device=` are honoured or rejected by name, never ignored.
  @Test func factoryKeywords() throws {
    #expect(try build("Linear(10, 5, dtype=torch.float64)").stateDict().map(\.tensor.dtype) == [.float64, .float64])
    #expect(try build("Linear(10, 5, device='cpu')").stateDict().map(\.tensor.dtype) == [.float32, .float32])
    #expect(message("Linear(10, 5, dtype='float16')")
      == "Linear(): argument 'dtype' must be torch.dtype (torch.float32 or torch.float64) or None, not str ('float16') at column 15")
    #expect(message("Linear(10, 5, dtype='bogus')").hasPrefix("Linear(): argument 'dtype' must be torch.dtype"))
    #expect(message("Linear(10, 5, dtype=torch.float16)")
      == "Linear(): argument 'dtype' must be torch.float32, torch.float64 or None (the dtypes NNInit computes in), got 'torch.float16' at column 15")
    #expect(message("Linear(10, 5, device='cuda')")
      == "Linear(): argument 'device' must be 'cpu' or None (NNInit computes parameters on the CPU), got 'cuda' at column 15")
  }

  /// A constructor's error says which module: its column and, when the name repeats, which one.
  @Test func constructorErrorsCarryColumnAndOccurrence() {
    #expect(message("Linear(10,5), LSTM(8,16), LSTM(8,0)") == "column 27, LSTM #2: hidden_size must be greater than zero, got 0")
    #expect(message("Linear(10, 5), GroupNorm(3, 8)") == "column 16, GroupNorm: num_channels (8) must be divisible by num_groups (3)")
    #expect(throws: ModuleConstructionError.self) { try build("Sequential(Linear(1, 1), Sequential(LSTM(8, 0)))") }
    do {
      _ = try build("Sequential(Linear(1, 1), Sequential(LSTM(8, 0)))")
    } catch let error as ModuleConstructionError {
      #expect(error.path == "1.0" && error.position == 36)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Sizes beyond a 64-bit count, or beyond the memory, are errors naming the size, never traps.
  @Test func sizesAreChecked() {
    #expect(message("Linear(4294967296, 4294967296)")
      == "column 1, Linear: 4294967296×4294967296 float32 has more elements, bytes or strides than a 64-bit integer counts")
    #expect(message("Linear(1000000000000, 10)").hasPrefix("column 1, Linear: 10×1000000000000 float32 needs 36.4 TiB; "))
  }
}
