import Foundation
import RandomModule
import TensorModule

/// Efficient softmax over many classes by frequency clusters (`torch.nn.AdaptiveLogSoftmaxWithLoss`).
///
/// Children: `head = Linear(in_features, cutoffs[0] + n_clusters, bias=head_bias)`, then `tail`, a
/// ``ModuleList`` of `Sequential(Linear(in, h_i, bias=False), Linear(h_i, osz_i, bias=False))` with
/// `h_i = in_features // div_value^(i+1)` and `osz_i` the cluster's class count. Default init: each
/// Linear's own (kaiming_uniform_(a=√5) weight), drawn in that order.
public final class AdaptiveLogSoftmaxWithLoss: Module {
  /// `nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, div_value=4.0, head_bias=False)`.
  ///
  /// - Throws: ``LayerError`` with PyTorch's message for empty, unsorted, repeated or out-of-range cutoffs.
  public init(
    _ inFeatures: Int, _ nClasses: Int, cutoffs: [Int], divValue: Double = 4, headBias: Bool = false, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    guard !cutoffs.isEmpty else { throw LayerError("AdaptiveLogSoftmaxWithLoss", "cutoffs should be a sequence of length larger than 0") }
    guard cutoffs == cutoffs.sorted(), Set(cutoffs).count == cutoffs.count, cutoffs.allSatisfy({ $0 > 0 && $0 <= nClasses - 1 }) else {
      throw LayerError(
        "AdaptiveLogSoftmaxWithLoss",
        "cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1")
    }
    super.init()
    let bounds = cutoffs + [nClasses]
    registerModule("head", try Linear(inFeatures, cutoffs[0] + cutoffs.count, bias: headBias, dtype: dtype, generator: generator))
    var tail: [Module] = []
    for i in 0..<cutoffs.count {
      let hidden = Int(pythonFloorDivide(Double(inFeatures), pow(divValue, Double(i + 1))))
      tail.append(Sequential(
        try Linear(inFeatures, hidden, bias: false, dtype: dtype, generator: generator),
        try Linear(hidden, bounds[i + 1] - bounds[i], bias: false, dtype: dtype, generator: generator)))
    }
    registerModule("tail", ModuleList(tail))
  }
}

/// Python's float `a // b` (`float_floor_div`: via `fmod`, so it can differ from `floor(a / b)`).
func pythonFloorDivide(_ a: Double, _ b: Double) -> Double {
  let mod = fmod(a, b)
  var quotient = (a - mod) / b
  if mod != 0 && (b < 0) != (mod < 0) { quotient -= 1 }
  let floored = quotient.rounded(.down)
  return quotient - floored > 0.5 ? floored + 1 : floored
}
