import TensorModule

/// What one initializer does to one tensor, every argument worked out: the plan both executors run.
///
/// Made by ``Initializer/fill(for:dtype:)`` — the one place where a scheme's arguments are checked,
/// its fans, gain, bound or std computed, and PyTorch's warnings emitted. Run by the sequential
/// executor ``apply(to:generator:)`` (PyTorch's draw order, any generator) or by the position-addressed
/// executor ``PositionalFill`` (any element range alone, a `PositionAddressedGenerator`).
///
///     try Initializer.kaimingUniform(a: 5.0.squareRoot()).fill(for: [5, 10], dtype: .float32)
///     // .uniform(low: -0.3162…, high: 0.3162…)   (bound = √3 · gain / √fan_in = 1/√10)
public enum Fill: Sendable, Hashable {
  /// U[low, high) (`uniform_(low, high)`).
  case uniform(low: Double, high: Double)
  /// N(mean, std²) (`normal_(mean, std)`).
  case normal(mean: Double, std: Double)
  /// N(mean, std²) truncated to [a, b], `std > 0` (`trunc_normal_`, PyTorch ≥ 2.12 resampling).
  case truncatedNormal(mean: Double, std: Double, a: Double, b: Double)
  /// Every element `value` (`fill_(value)`); draws nothing.
  case constant(Double)
  /// The identity of a 2-D tensor (`eye_`); draws nothing.
  case eye
  /// The Dirac delta of a 3-, 4- or 5-D tensor in `groups` groups (`dirac_`); draws nothing.
  case dirac(groups: Int)
  /// A (semi-)orthogonal matrix times `gain`: `normal_(0, 1)`, then a QR (`orthogonal_`).
  case orthogonal(gain: Double)
  /// N(0, std²), then `⌈sparsity·rows⌉` zeros per column at random rows (`sparse_`).
  case sparse(sparsity: Double, std: Double)

  /// Whether the fill draws random numbers.
  public var isRandom: Bool {
    switch self {
    case .constant, .eye, .dirac: false
    default: true
    }
  }

  /// Whether each element is a function of its index alone (given the shape), so any element range can
  /// be computed without the rest. `orthogonal` (a QR of the whole matrix) and `sparse` (per-column
  /// permutations) are not.
  public var isElementWise: Bool {
    switch self {
    case .orthogonal, .sparse: false
    default: true
    }
  }

  /// For `eye` and `dirac`: the row-major indices of the elements that are 1 in a tensor of `shape`
  /// (every other element is 0), ascending.
  ///
  /// `eye`: `i·columns + i` for `i < min(rows, columns)`. `dirac`: with strides `s`,
  /// `out_per_group = size(0)/groups` and the kernel centre `c = Σ (size(i)/2)·sᵢ` (i ≥ 2),
  /// `(g·out_per_group + d)·s₀ + d·s₁ + c` for each group g and `d < min(out_per_group, size(1))`.
  func oneIndices(shape: [Int]) -> [Int] {
    guard !shape.contains(0) else { return [] }
    switch self {
    case .eye:
      let columns = shape[1]
      return (0..<min(shape[0], columns)).map { $0 * columns + $0 }
    case .dirac(let groups):
      let strides = Tensor.contiguousStrides(shape), outPerGroup = shape[0] / groups
      let center = zip(shape.dropFirst(2), strides.dropFirst(2)).reduce(0) { $0 + ($1.0 / 2) * $1.1 }
      return (0..<groups).flatMap { g in
        (0..<min(outPerGroup, shape[1])).map { d in (g * outPerGroup + d) * strides[0] + d * strides[1] + center }
      }
    default: preconditionFailure("\(self) is not a 0/1 fill")
    }
  }
}
