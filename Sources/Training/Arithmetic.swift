import TensorModule

extension Variable {
  /// The same elements under a new shape with the same count (`tensor.reshape`); the gradient is
  /// reshaped back.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` if the counts differ.
  public func reshaped(_ newShape: [Int]) throws -> Variable {
    let old = shape
    guard newShape.allSatisfy({ $0 >= 0 }), newShape.reduce(1, *) == old.reduce(1, *) else {
      throw TrainingError.shapeMismatch(operation: "reshape", shapes: [old, newShape], reason: "element counts differ")
    }
    return tape.record(try value.reshaped(newShape), inputs: [self]) { g in [try g.reshaped(old)] }
  }

  /// `a + b` elementwise, same shapes (e.g. a residual connection).
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for different shapes or dtypes.
  public static func + (a: Variable, b: Variable) throws -> Variable {
    try a.combined(with: b, "add", forward: { $0 + $1 }, da: { g, _, _ in g }, db: { g, _, _ in g })
  }

  /// `a − b` elementwise, same shapes.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for different shapes or dtypes.
  public static func - (a: Variable, b: Variable) throws -> Variable {
    try a.combined(with: b, "sub", forward: { $0 - $1 }, da: { g, _, _ in g }, db: { g, _, _ in -g })
  }

  /// `a ⊙ b` elementwise, same shapes; gradients `g⊙b` and `g⊙a`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for different shapes or dtypes.
  public static func * (a: Variable, b: Variable) throws -> Variable {
    try a.combined(with: b, "mul", forward: { $0 * $1 }, da: { g, _, y in g * y }, db: { g, x, _ in g * x })
  }

  /// `c·x`, with `c` rounded to the dtype.
  public static func * (c: Double, x: Variable) -> Variable {
    x.pointwise(_Scale(factor: c))
  }

  /// The sum of all elements, a 0-d value (`tensor.sum()`); the gradient broadcasts back.
  public func sum() -> Variable { reduced(mean: false) }

  /// The mean of all elements, a 0-d value (`tensor.mean()`).
  public func mean() -> Variable { reduced(mean: true) }

  private func reduced(mean: Bool) -> Variable {
    let shape = self.shape
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value)
      var s = 0.0
      for v in x { s += Double(v) }
      let n = x.count
      let total = T._tensor([], [T(mean ? s / Double(n) : s)])
      return tape.record(total, inputs: [self]) { g in
        let seed = T._scalars(g)[0] / (mean ? T(n) : 1)
        return [T._tensor(shape, [T](repeating: seed, count: n))]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }

  private func combined(
    with other: Variable, _ operation: String, forward: @escaping (Double, Double) -> Double,
    da: @escaping (Double, Double, Double) -> Double, db: @escaping (Double, Double, Double) -> Double
  ) throws -> Variable {
    try checkSameTape(other, operation)
    guard shape == other.shape else {
      throw TrainingError.shapeMismatch(operation: operation, shapes: [shape, other.shape], reason: "shapes must be equal")
    }
    guard dtype == other.dtype else { throw TrainingError.dtypeMismatch(operation: operation, expected: dtype, got: other.dtype) }
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let a = T._scalars(value), b = T._scalars(other.value)
      let n = a.count
      let y: [T] = _makeArray(n) { out in for i in 0..<n { out[i] = _binary(a[i], b[i], forward) } }
      return tape.record(T._tensor(shape, y), inputs: [self, other]) { gradient in
        let g = T._scalars(gradient)
        let ga: [T] = _makeArray(n) { out in for i in 0..<n { out[i] = _ternary(g[i], a[i], b[i], da) } }
        let gb: [T] = _makeArray(n) { out in for i in 0..<n { out[i] = _ternary(g[i], a[i], b[i], db) } }
        return [T._tensor(gradient.shape, ga), T._tensor(gradient.shape, gb)]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

// `+`, `−` and `×` of two float32 values computed in double and rounded once give the correctly rounded
// float32 result (53 ≥ 2·24 + 2), so the closures are written once over `Double` and applied through
// these helpers, which round back to `T` after each operation.
@inline(__always)
private func _binary<T: TrainingScalar>(_ a: T, _ b: T, _ f: (Double, Double) -> Double) -> T {
  T(f(Double(a), Double(b)))
}

@inline(__always)
private func _ternary<T: TrainingScalar>(_ a: T, _ b: T, _ c: T, _ f: (Double, Double, Double) -> Double) -> T {
  T(f(Double(a), Double(b), Double(c)))
}

/// `c·x`, derivative `c·g`.
struct _Scale: Pointwise {
  let factor: Double
  func forward<T: TrainingScalar>(_ x: T) -> T { T(factor) * x }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T { T(factor) * g }
}
