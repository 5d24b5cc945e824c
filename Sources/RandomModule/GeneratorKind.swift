/// Which generator draws a model's numbers: the choice behind `--generator torch|philox`.
public enum GeneratorKind: String, Sendable, Codable, CaseIterable {
  /// PyTorch's CPU generator, bit for bit: `torch.manual_seed(seed)` reproduced draw for draw.
  case torch
  /// Position-addressed Philox4x32-10: each value depends only on (seed, parameter key, element index).
  case philox

  /// A fresh generator of this kind seeded with `seed` (`TorchGenerator(seed:)` or `PhiloxGenerator(seed:)`).
  public func make(seed: Int) -> any RandomGenerator {
    switch self {
    case .torch: TorchGenerator(seed: seed)
    case .philox: PhiloxGenerator(seed: seed)
    }
  }
}
