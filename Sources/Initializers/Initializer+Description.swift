extension Initializer: CustomStringConvertible {
  /// The PyTorch call without the tensor, e.g. `xavier_uniform_(gain=1.0)`.
  public var description: String {
    func f(_ x: Double) -> String { pythonRepr(x) }
    switch self {
    case .uniform(let a, let b): return "uniform_(a=\(f(a)), b=\(f(b)))"
    case .normal(let mean, let std): return "normal_(mean=\(f(mean)), std=\(f(std)))"
    case .truncNormal(let mean, let std, let a, let b):
      return "trunc_normal_(mean=\(f(mean)), std=\(f(std)), a=\(f(a)), b=\(f(b)))"
    case .constant(let value): return "constant_(val=\(f(value)))"
    case .ones: return "ones_()"
    case .zeros: return "zeros_()"
    case .eye: return "eye_()"
    case .dirac(let groups): return "dirac_(groups=\(groups))"
    case .xavierUniform(let gain): return "xavier_uniform_(gain=\(f(gain)))"
    case .xavierNormal(let gain): return "xavier_normal_(gain=\(f(gain)))"
    case .kaimingUniform(let a, let mode, let nonlinearity):
      return "kaiming_uniform_(a=\(f(a)), mode='\(mode.rawValue)', nonlinearity='\(nonlinearity.rawValue)')"
    case .kaimingNormal(let a, let mode, let nonlinearity):
      return "kaiming_normal_(a=\(f(a)), mode='\(mode.rawValue)', nonlinearity='\(nonlinearity.rawValue)')"
    case .orthogonal(let gain): return "orthogonal_(gain=\(f(gain)))"
    case .sparse(let sparsity, let std): return "sparse_(sparsity=\(f(sparsity)), std=\(f(std)))"
    case .varianceScaling(let scale, let mode, let distribution):
      return "variance_scaling_(scale=\(f(scale)), mode='\(mode.rawValue)', distribution='\(distribution.rawValue)')"
    }
  }
}

/// A double as Python's `repr(float)` prints it: shortest round-trip digits, `1e-05` style exponents,
/// and a trailing `.0` on integral values.
public func pythonRepr(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x < 0 ? "-inf" : "inf" }
  var s = "\(x)"  // Swift prints the shortest round-trip digits, e.g. 1e-05 as "1e-05"
  if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
    var mantissa = String(s[..<e]), exponent = String(s[s.index(after: e)...])
    if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
    let negative = exponent.hasPrefix("-")
    exponent = exponent.trimmingPrefix { $0 == "-" || $0 == "+" }.description
    if exponent.count < 2 { exponent = "0" + exponent }
    s = mantissa + "e" + (negative ? "-" : "+") + exponent
  }
  return s
}
