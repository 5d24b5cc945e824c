import _LibM
import TensorModule


/// The element types Training computes with (`Float` for `float32`, `Double` for `float64`).
///
/// Every kernel is written once, generically over this protocol, and specialized by the compiler; the
/// transcendental functions call libm's `expf`/`exp`, `tanhf`/`tanh`, … of the right width, matrix
/// products TensorModule's `gemm`.
protocol TrainingScalar: GEMMScalar {
  static var dtype: DType { get }
  static func _exp(_ x: Self) -> Self
  static func _expm1(_ x: Self) -> Self
  static func _log(_ x: Self) -> Self
  static func _log1p(_ x: Self) -> Self
  static func _tanh(_ x: Self) -> Self
  static func _erf(_ x: Self) -> Self
  /// `a·b + c` with a single rounding (see the conformances for how).
  static func _fma(_ a: Self, _ b: Self, _ c: Self) -> Self
  /// The elements of a tensor of this dtype (no copy: the array shares the tensor's storage).
  static func _scalars(_ tensor: Tensor) -> [Self]
  /// A tensor holding `scalars` (no copy).
  static func _tensor(_ shape: [Int], _ scalars: [Self]) -> Tensor
  /// Runs `body` on a tensor's elements in place.
  static func _withMutable<R>(_ tensor: inout Tensor, _ body: (UnsafeMutableBufferPointer<Self>) throws -> R) rethrows -> R
}

extension Float: TrainingScalar {
  static var dtype: DType { .float32 }
  static func _exp(_ x: Float) -> Float { expf(x) }
  static func _expm1(_ x: Float) -> Float { expm1f(x) }
  static func _log(_ x: Float) -> Float { logf(x) }
  static func _log1p(_ x: Float) -> Float { log1pf(x) }
  static func _tanh(_ x: Float) -> Float { tanhf(x) }
  static func _erf(_ x: Float) -> Float { erff(x) }
  /// The float product is exact in double and the sum rounds twice (to double, then to float), which
  /// equals the fused result except when the double sum lands exactly halfway between two floats
  /// (about one case in 2²⁸, then 1 ulp off). Unlike `addingProduct`, which calls libm's `fmaf` on
  /// the baseline x86-64 target, this vectorizes.
  @inline(__always)
  static func _fma(_ a: Float, _ b: Float, _ c: Float) -> Float { Float(Double(a) * Double(b) + Double(c)) }
  static func _scalars(_ tensor: Tensor) -> [Float] {
    guard case .float32(let a) = tensor.storage else { preconditionFailure("expected float32, got \(tensor.dtype)") }
    return a
  }
  static func _tensor(_ shape: [Int], _ scalars: [Float]) -> Tensor { try! Tensor(shape: shape, scalars: scalars) }
  static func _withMutable<R>(_ tensor: inout Tensor, _ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
    try tensor.withMutableFloat32 { try body($0) }
  }
}

extension Double: TrainingScalar {
  static var dtype: DType { .float64 }
  static func _exp(_ x: Double) -> Double { exp(x) }
  static func _expm1(_ x: Double) -> Double { expm1(x) }
  static func _log(_ x: Double) -> Double { log(x) }
  static func _log1p(_ x: Double) -> Double { log1p(x) }
  static func _tanh(_ x: Double) -> Double { tanh(x) }
  static func _erf(_ x: Double) -> Double { erf(x) }
  @inline(__always)
  static func _fma(_ a: Double, _ b: Double, _ c: Double) -> Double { c.addingProduct(a, b) }
  static func _scalars(_ tensor: Tensor) -> [Double] {
    guard case .float64(let a) = tensor.storage else { preconditionFailure("expected float64, got \(tensor.dtype)") }
    return a
  }
  static func _tensor(_ shape: [Int], _ scalars: [Double]) -> Tensor { try! Tensor(shape: shape, scalars: scalars) }
  static func _withMutable<R>(_ tensor: inout Tensor, _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
    try tensor.withMutableFloat64 { try body($0) }
  }
}

/// Runs the `Float` or the `Double` instantiation of a generic kernel, by `dtype`.
///
/// Variables are always floating point (``Tape/input(_:requiresGradient:)`` rejects `int64`), so the
/// `int64` case is a programming error.
///
/// Not inlined: Swift 6.3's optimizer miscompiles (crashes on, "Found ownership error") a switch on
/// `tensor.dtype` folded into the switch on the tensor's storage enum that computes it.
@inline(never)
func _byDType<R>(_ dtype: DType, _ float: @autoclosure () throws -> R, _ double: @autoclosure () throws -> R) rethrows -> R {
  switch dtype {
  case .float32: return try float()
  case .float64: return try double()
  case .int64: preconditionFailure("Training computes in float32 or float64, got int64")
  }
}

/// A new array of `count` elements, each written by `body` (no zero-fill first).
@inline(__always)
func _makeArray<T>(_ count: Int, _ body: (UnsafeMutableBufferPointer<T>) throws -> Void) rethrows -> [T] {
  try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    try body(buffer)
    initialized = count
  }
}

/// A tensor of `shape` whose elements `body` writes (no zero-fill first).
@inline(__always)
func _makeTensor<T: TrainingScalar>(
  _ shape: [Int], _ type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> Void
) rethrows -> Tensor {
  T._tensor(shape, try _makeArray(shape.reduce(1, *), body))
}

/// Runs `body` on the elements of a tensor of dtype `T`, read-only.
@inline(__always)
func _withScalars<T: TrainingScalar, R>(
  _ tensor: Tensor, _ type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
) rethrows -> R {
  try T._scalars(tensor).withUnsafeBufferPointer(body)
}

/// `a += b` elementwise, in place (gradient accumulation).
func _addInPlace(_ a: inout Tensor, _ b: Tensor) {
  func run<T: TrainingScalar>(_: T.Type) {
    _withScalars(b, T.self) { bb in T._withMutable(&a) { aa in for i in aa.indices { aa[i] += bb[i] } } }
  }
  _byDType(a.dtype, run(Float.self), run(Double.self))
}

/// Whether every element is finite (no NaN, no ±Inf).
func _allFinite(_ t: Tensor) -> Bool {
  func run<T: TrainingScalar>(_: T.Type) -> Bool {
    _withScalars(t, T.self) { b in
      var bad = false
      for v in b { bad = bad || !v.isFinite }
      return !bad
    }
  }
  return t.dtype == .int64 ? true : _byDType(t.dtype, run(Float.self), run(Double.self))
}

/// Runs `body` on consecutive sub-ranges of `0..<count` on up to `Parallel.threadCount` threads, each at
/// least `minimumChunk` long; for elementwise loops whose iterations touch disjoint elements.
func _forEachChunk(count: Int, minimumChunk: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
  if count < 2 * minimumChunk || Parallel.threadCount == 1 { return body(0..<count) }
  withoutActuallyEscaping(body) { body in
    let shared = _UncheckedSendable(value: body)
    Parallel.forEachChunk(count: count, minimumChunk: minimumChunk) { shared.value($0) }
  }
}

/// A value handed to worker threads that only touch disjoint parts of what it points to.
private struct _UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
}
