import _LibM

/// Single-rounding fused multiply-add `a·b + c` in float32 (C `fmaf`).
@_spi(Testing) @inline(__always)
public func fusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }

/// Single-rounding fused multiply-add `a·b + c` in float64 (C `fma`).
@_spi(Testing) @inline(__always)
public func fusedMultiplyAdd(_ a: Double, _ b: Double, _ c: Double) -> Double { c.addingProduct(a, b) }

/// libm `log` in double, named apart from the `log` closures that shadow it.
@inline(__always)
func libmLog(_ x: Double) -> Double { log(x) }
