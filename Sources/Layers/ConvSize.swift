import TensorModule

/// A size given as one int for every spatial dimension or one int per dimension (PyTorch's
/// `_single`/`_pair`/`_triple`): `3` or `[3, 5]`.
public struct ConvSize: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
  /// The values as given.
  public var values: [Int]
  /// A size with one value per dimension.
  public init(_ values: [Int]) { self.values = values }
  /// One value for every dimension: `3` means `(3, 3)` in 2-D.
  public init(integerLiteral value: Int) { values = [value] }
  /// One value per dimension: `[3, 5]`.
  public init(arrayLiteral elements: Int...) { values = elements }

  /// The size expanded to `dimensions` values.
  func expanded(_ dimensions: Int, name: String, layer: String) throws -> [Int] {
    if values.count == 1 { return Array(repeating: values[0], count: dimensions) }
    guard values.count == dimensions else {
      throw LayerError(layer, "\(name) must be an int or a tuple of \(dimensions) ints, got \(pythonTuple(values))")
    }
    return values
  }
}

/// A convolution's padding: explicit sizes, or PyTorch's `'same'` / `'valid'`.
public enum ConvPadding: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
  /// Explicit padding per side, one int for every dimension or one per dimension.
  case explicit(ConvSize)
  /// `padding='same'`: the output has the input's size (stride 1 only).
  case same
  /// `padding='valid'`: no padding.
  case valid
  /// `padding=p`.
  public init(integerLiteral value: Int) { self = .explicit(ConvSize([value])) }
  /// `padding=(p0, p1, …)`.
  public init(arrayLiteral elements: Int...) { self = .explicit(ConvSize(elements)) }
}

/// Anything a convolution takes as a padding: an `Int` (variable or literal), `[Int]`, a ``ConvSize``,
/// or a ``ConvPadding`` (`.same`, `.valid`), as PyTorch's `padding` takes an int, a tuple or a string.
public protocol ConvPaddingConvertible {
  /// The padding this value means.
  var convPadding: ConvPadding { get }
}

/// Anything a convolution takes as a size (`kernel_size`, `stride`, `dilation`, `output_padding`): an
/// `Int` (variable or literal), `[Int]` or a ``ConvSize`` — so `Conv2d(3, 16, kernelSize: k, stride: s)`
/// works with `Int` variables, as in PyTorch.
public protocol ConvSizeConvertible: ConvPaddingConvertible {
  /// The size this value means.
  var convSize: ConvSize { get }
}

extension ConvSizeConvertible {
  /// The size as explicit padding.
  public var convPadding: ConvPadding { .explicit(convSize) }
}

/// An `Int` is a size (or padding) with the same value for every spatial dimension, as PyTorch's `3`.
extension Int: ConvSizeConvertible {
  /// The same value for every dimension.
  public var convSize: ConvSize { ConvSize([self]) }
}

/// An `[Int]` is a size (or padding) with one value per spatial dimension, as PyTorch's `(3, 5)`.
extension Array: ConvPaddingConvertible, ConvSizeConvertible where Element == Int {
  /// One value per dimension.
  public var convSize: ConvSize { ConvSize(self) }
}

extension ConvSize: ConvSizeConvertible {
  /// The size itself.
  public var convSize: ConvSize { self }
}

extension ConvPadding: ConvPaddingConvertible {
  /// The padding itself.
  public var convPadding: ConvPadding { self }
}

extension ConvPaddingConvertible where Self == ConvPadding {
  /// `padding='same'` where a generic padding is expected (`Conv2d(…, padding: .same)`).
  @_disfavoredOverload public static var same: ConvPadding { ConvPadding.same }
  /// `padding='valid'` where a generic padding is expected.
  @_disfavoredOverload public static var valid: ConvPadding { ConvPadding.valid }
}
