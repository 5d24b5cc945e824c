import TensorModule

/// Sets a 2-D tensor to the identity (`torch.nn.init.eye_`): 1 where row == column, else 0.
///
/// - Throws: ``InitError/unsupportedRank(function:expected:shape:)`` unless the tensor is 2-D.
public func eye(_ tensor: inout Tensor) throws {
  try Initializer.eye.apply(to: &tensor)
}

/// Sets a 3-, 4- or 5-D convolution weight to the Dirac delta (`torch.nn.init.dirac_`).
///
/// Preserves the identity of the inputs in convolutional layers: with `out_per_group = size(0)/groups`
/// and `k = min(out_per_group, size(1))`, sets `w[g·out_per_group + d, d, center…] = 1` for each group g
/// and d < k, where center is `size(i)/2` of each spatial dimension; every other element is 0.
/// - Throws: for another rank, for `groups < 1`, or when `groups` does not divide `size(0)`.
public func dirac(_ tensor: inout Tensor, groups: Int = 1) throws {
  try Initializer.dirac(groups: groups).apply(to: &tensor)
}
