import TensorModule

/// Sets a 2-D tensor to the identity (`torch.nn.init.eye_`): 1 where row == column, else 0.
///
/// - Throws: ``InitError/unsupportedRank(function:expected:shape:)`` unless the tensor is 2-D.
public func eye(_ tensor: inout Tensor) throws {
  guard tensor.rank == 2 else { throw InitError.unsupportedRank(function: "eye_", expected: "2", shape: tensor.shape) }
  tensor.fill(0)
  let columns = tensor.shape[1]
  for i in 0..<min(tensor.shape[0], columns) { tensor[linear: i * columns + i] = 1 }
}

/// Sets a 3-, 4- or 5-D convolution weight to the Dirac delta (`torch.nn.init.dirac_`).
///
/// Preserves the identity of the inputs in convolutional layers: with `out_per_group = size(0)/groups`
/// and `k = min(out_per_group, size(1))`, sets `w[g·out_per_group + d, d, center…] = 1` for each group g
/// and d < k, where center is `size(i)/2` of each spatial dimension; every other element is 0.
/// - Throws: for another rank, for `groups < 1`, or when `groups` does not divide `size(0)`.
public func dirac(_ tensor: inout Tensor, groups: Int = 1) throws {
  let shape = tensor.shape
  guard (3...5).contains(shape.count) else {
    throw InitError.unsupportedRank(function: "dirac_", expected: "3, 4, or 5", shape: shape)
  }
  guard groups >= 1 else { throw InitError.invalidGroups(groups) }
  guard shape[0] % groups == 0 else { throw InitError.groupsDoNotDivide(size0: shape[0], groups: groups) }
  tensor.fill(0)
  let outPerGroup = shape[0] / groups
  let strides = tensor.strides
  let center = zip(shape.dropFirst(2), strides.dropFirst(2)).reduce(0) { $0 + ($1.0 / 2) * $1.1 }
  for g in 0..<groups {
    for d in 0..<min(outPerGroup, shape[1]) {
      tensor[linear: (g * outPerGroup + d) * strides[0] + d * strides[1] + center] = 1
    }
  }
}
