import Layers
import TensorModule

/// `nn.Sequential` as a differentiable ``Layer`` (every child must be one).
extension Sequential: Layer {
  /// Each module's output feeds the next, in order (`nn.Sequential.forward`).
  ///
  /// - Throws: ``TrainingError/notDifferentiable(module:)`` for a child that is not a ``Layer``.
  public func forward(_ input: Variable) throws -> Variable {
    var x = input
    for module in layers { x = try module.callAsLayer(x) }
    return x
  }
}

/// `nn.Identity` as a ``Layer``.
extension Identity: Layer {
  /// The input, unchanged (`nn.Identity`).
  public func forward(_ input: Variable) throws -> Variable { input }
}

/// `nn.Flatten` as a differentiable ``Layer``.
extension Flatten: Layer {
  /// The input with dimensions `start_dim…end_dim` merged into one (`nn.Flatten`, `torch.flatten`).
  ///
  /// - Throws: ``TrainingError/dimensionOutOfRange(dim:rank:)`` for a dimension outside the input's rank,
  ///   ``TrainingError/invalidArgument(name:value:reason:)`` if `start_dim` comes after `end_dim`.
  public func forward(_ input: Variable) throws -> Variable {
    let shape = input.shape
    if shape.isEmpty { return try input.reshaped([1]) }
    let start = try _wrapDimension(startDim, rank: shape.count), end = try _wrapDimension(endDim, rank: shape.count)
    guard start <= end else {
      throw TrainingError.invalidArgument(name: "flatten dims", value: "start_dim=\(startDim), end_dim=\(endDim)", reason: "flatten() has invalid args: start_dim cannot come after end_dim")
    }
    let merged = shape[start...end].reduce(1, *)
    return try input.reshaped(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
  }
}

/// `nn.Dropout` as a ``Layer`` (active only while ``Tape/isTraining``).
extension Dropout: Layer {
  /// In training (``Tape/isTraining``): each element is zeroed with probability `p` and the others scaled
  /// by `1/(1 − p)` (`nn.Dropout`; all zeros when p = 1). In evaluation: the input unchanged.
  ///
  /// The mask is drawn from ``Tape/generator`` as U[0, 1) values `u`, keeping the element when
  /// `u < 1 − p` (a Bernoulli(1 − p) draw). The draws are not PyTorch's: only the distribution matches.
  public func forward(_ input: Variable) throws -> Variable {
    guard input.tape.isTraining, p.value > 0 else { return input }
    return try input.dropout(p: p.value)
  }
}

extension Variable {
  /// Dropout with probability `p`, always applied (`F.dropout(x, p, training=True)`; see `Dropout` for
  /// the mode-aware layer).
  ///
  /// - Throws: ``TrainingError/invalidArgument(name:value:reason:)`` if `p` is outside [0, 1].
  public func dropout(p: Double) throws -> Variable {
    guard (0...1).contains(p) else {
      throw TrainingError.invalidArgument(name: "dropout probability", value: "\(p)", reason: "has to be between 0 and 1")
    }
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let count = value.count
      var uniform = [Float](repeating: 0, count: count)
      uniform.withUnsafeMutableBufferPointer { tape.generator.fillUniform($0, from: 0, to: 1) }
      let keep = Float(1 - p), scale = p >= 1 ? T(0) : T(1) / T(1 - p)  // PyTorch: bernoulli_(1 - p).div_(1 - p)
      let noise: [T] = _makeArray(count) { n in for i in 0..<count { n[i] = uniform[i] < keep ? scale : 0 } }
      let x = T._scalars(value)
      let y = _makeTensor(shape, T.self) { out in for i in 0..<count { out[i] = x[i] * noise[i] } }
      return tape.record(y, inputs: [self]) { g in
        let gs = T._scalars(g)
        return [_makeTensor(g.shape, T.self) { out in for i in 0..<count { out[i] = gs[i] * noise[i] } }]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}
