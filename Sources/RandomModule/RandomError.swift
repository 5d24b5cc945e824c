import _LibM
import TensorModule

/// Invalid arguments to a random fill, with PyTorch's messages and the offending values.
public enum RandomError: Error, Equatable, CustomStringConvertible {
  /// `uniform_` bound outside the dtype's finite range.
  case boundOutOfRange(name: String, value: Double, dtype: DType)
  /// `uniform_` with `from > to`.
  case invertedRange(from: Double, to: Double)
  /// `uniform_` with `to − from` beyond the dtype's largest value.
  case rangeTooLarge(from: Double, to: Double, dtype: DType)
  /// `normal_` with a negative or NaN standard deviation.
  case negativeStd(Double)
  /// A random fill of an integer tensor.
  case notFloatingPoint(DType)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .boundOutOfRange(let name, let value, let dtype):
      "\(name) is out of bounds for \(dtype == .float32 ? "float" : "double"), got \(name)=\(cppNumber(value))"
    case .invertedRange(let from, let to):
      "uniform_ expects to return a [from, to) range, but found from=\(cppNumber(from)) > to=\(cppNumber(to))"
    case .rangeTooLarge(let from, let to, let dtype):
      "uniform_ expects to-from <= std::numeric_limits<\(dtype == .float32 ? "float" : "double")>::max(), "
        + "but found to=\(cppNumber(to)) and from=\(cppNumber(from)) which result in to-from to exceed the limit"
    case .negativeStd(let std):
      "normal expects std >= 0.0, but found std \(cppNumber(std))"
    case .notFloatingPoint(let dtype):
      "random fills need a floating-point tensor, got \(dtype)"
    }
  }
}

/// A double as C++'s `std::ostream` prints it by default (`%g`, 6 significant digits), as PyTorch's
/// C++ error messages show numbers: `1`, `0.1`, `-1`, `1e-05`.
public func cppNumber(_ x: Double) -> String {
  var buffer = [CChar](repeating: 0, count: 32)
  _ = buffer.withUnsafeMutableBufferPointer { pointer in
    withVaList([x]) { vsnprintf(pointer.baseAddress, 32, "%g", $0) }
  }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
