import Layers
import TensorModule

/// `nn.Conv2d` as a differentiable ``Layer``.
extension Conv2d: Layer {
  /// The 2-D cross-correlation of an `(N, C, H, W)` or `(C, H, W)` input (`nn.Conv2d.forward`), with the
  /// layer's stride, padding (explicit, `'same'`, `'valid'`; any `padding_mode`), dilation and groups.
  ///
  /// - Throws: ``TrainingError`` for a mismatched input (see ``Variable/conv2d(weight:bias:stride:padding:dilation:groups:paddingMode:)``).
  public func forward(_ input: Variable) throws -> Variable {
    let tape = input.tape
    return try input.conv2d(
      weight: tape.parameter(self, "weight"), bias: bias == nil ? nil : tape.parameter(self, "bias"), stride: stride,
      padding: padding, dilation: dilation, groups: groups, paddingMode: paddingMode)
  }
}

/// `nn.Conv1d` as a differentiable ``Layer``.
extension Conv1d: Layer {
  /// The 1-D cross-correlation of an `(N, C, L)` or `(C, L)` input (`nn.Conv1d.forward`), computed as a
  /// 2-D convolution over a height of 1.
  public func forward(_ input: Variable) throws -> Variable {
    let tape = input.tape, shape = input.shape
    guard shape.count == 2 || shape.count == 3 else {
      throw TrainingError.shapeMismatch(operation: "conv1d", shapes: [shape], reason: "expected a 2-D (unbatched) or 3-D (batched) input")
    }
    let w = tape.parameter(self, "weight")
    let pad: ConvPadding
    if case .explicit(let size) = padding { pad = .explicit(ConvSize([0, size.values[0]])) } else { pad = padding }
    let y = try input.reshaped(shape.dropLast() + [1, shape.last!]).conv2d(
      weight: w.reshaped([w.shape[0], w.shape[1], 1, w.shape[2]]), bias: bias == nil ? nil : tape.parameter(self, "bias"),
      stride: [1] + stride, padding: pad, dilation: [1] + dilation, groups: groups, paddingMode: paddingMode)
    return try y.reshaped(y.shape.enumerated().filter { $0.offset != y.shape.count - 2 }.map(\.element))
  }
}

extension Variable {
  /// The 2-D cross-correlation `F.conv2d(x, weight, bias, stride, padding, dilation, groups)` of an
  /// `(N, C, H, W)` or unbatched `(C, H, W)` input with a `(O, C/groups, kh, kw)` weight, by im2col and
  /// one GEMM per group (see `_Conv2dGeometry`). `padding` is explicit sizes, `.same` (total
  /// `dilation·(k − 1)`, the extra one on the bottom/right as PyTorch) or `.valid`; `paddingMode` pads
  /// with zeros or by reflecting, replicating or wrapping the input.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for mismatched channels or an
  ///   empty output, ``TrainingError/invalidArgument(name:value:reason:)`` for bad sizes.
  public func conv2d(
    weight: Variable, bias: Variable? = nil, stride: [Int] = [1, 1], padding: ConvPadding = 0, dilation: [Int] = [1, 1],
    groups: Int = 1, paddingMode: PaddingMode = .zeros
  ) throws -> Variable {
    let xShape = shape, wShape = weight.shape
    let batched = xShape.count == 4
    guard xShape.count == 3 || batched, wShape.count == 4, groups > 0, wShape[0] % groups == 0,
      xShape[batched ? 1 : 0] == wShape[1] * groups
    else {
      throw TrainingError.shapeMismatch(
        operation: "conv2d", shapes: [xShape, wShape],
        reason: "expected input (N, C, H, W) or (C, H, W) with C = weight.size(1)·groups (groups=\(groups))")
    }
    try checkSameTape(weight, "conv2d")
    if let bias {
      try checkSameTape(bias, "conv2d")
      guard bias.shape == [wShape[0]] else {
        throw TrainingError.shapeMismatch(operation: "conv2d", shapes: [wShape, bias.shape], reason: "bias must have shape [out_channels]")
      }
    }
    for p in [weight] + (bias.map { [$0] } ?? []) where p.dtype != dtype {
      throw TrainingError.dtypeMismatch(operation: "conv2d", expected: p.dtype, got: dtype)
    }
    var geo = _Conv2dGeometry()
    geo.batch = batched ? xShape[0] : 1
    (geo.inChannels, geo.height, geo.width) = (xShape[xShape.count - 3], xShape[xShape.count - 2], xShape[xShape.count - 1])
    (geo.outChannels, geo.kernelH, geo.kernelW, geo.groups, geo.mode) = (wShape[0], wShape[2], wShape[3], groups, paddingMode)
    guard stride.count == 2, dilation.count == 2, stride.allSatisfy({ $0 > 0 }), dilation.allSatisfy({ $0 > 0 }) else {
      throw TrainingError.invalidArgument(name: "stride/dilation", value: "\(stride)/\(dilation)", reason: "two positive values each")
    }
    (geo.strideH, geo.strideW, geo.dilationH, geo.dilationW) = (stride[0], stride[1], dilation[0], dilation[1])
    switch padding {
    case .valid: break
    case .same:
      guard stride == [1, 1] else { throw TrainingError.unsupported("padding='same' is not supported for strided convolutions") }
      let (th, tw) = (geo.dilationH * (geo.kernelH - 1), geo.dilationW * (geo.kernelW - 1))
      (geo.padTop, geo.padBottom, geo.padLeft, geo.padRight) = (th / 2, th - th / 2, tw / 2, tw - tw / 2)
    case .explicit(let size):
      let v = size.values.count == 1 ? [size.values[0], size.values[0]] : size.values
      guard v.count == 2, v.allSatisfy({ $0 >= 0 }) else {
        throw TrainingError.invalidArgument(name: "padding", value: "\(size.values)", reason: "one or two non-negative values")
      }
      (geo.padTop, geo.padBottom, geo.padLeft, geo.padRight) = (v[0], v[0], v[1], v[1])
    }
    guard geo.outH > 0, geo.outW > 0 else {
      throw TrainingError.shapeMismatch(operation: "conv2d", shapes: [xShape, wShape], reason: "Calculated output size is too small")
    }
    let outShape = (batched ? [geo.batch] : []) + [geo.outChannels, geo.outH, geo.outW]
    let needX = tape.requiresGradient(self), needW = tape.requiresGradient(weight)
    let needB = bias.map { tape.requiresGradient($0) } ?? false
    let g = geo
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value), w = T._scalars(weight.value)
      let (og, k, n, spatial) = (g.groupOutChannels, g.patch, g.columns, g.outH * g.outW)
      let cols = (0..<g.groups).map { g.im2col(x, group: $0) }
      let wg = (0..<g.groups).map { Array(w[($0 * og * k)..<(($0 + 1) * og * k)]) }
      let b = bias.map { T._scalars($0.value) }
      var y = [T](repeating: 0, count: outShape.reduce(1, *))
      for group in 0..<g.groups {
        let yg = _matmul(wg[group], cols[group], m: og, n: n, k: k)
        for o in 0..<og {
          let channel = group * og + o, shift = b?[channel] ?? 0
          for batch in 0..<g.batch {
            let src = o * n + batch * spatial, dst = (batch * g.outChannels + channel) * spatial
            for s in 0..<spatial { y[dst + s] = yg[src + s] + shift }
          }
        }
      }
      let inputs = [self, weight] + (bias.map { [$0] } ?? [])
      return tape.record(T._tensor(outShape, y), inputs: inputs) { gradient in
        let dy = T._scalars(gradient)
        var dx = [T](repeating: 0, count: needX ? x.count : 0), dw: [T] = [], db = [Double](repeating: 0, count: g.outChannels)
        for group in 0..<g.groups {
          let dyg: [T] = _makeArray(og * n) { out in
            for o in 0..<og {
              for batch in 0..<g.batch {
                let src = (batch * g.outChannels + group * og + o) * spatial, dst = o * n + batch * spatial
                for s in 0..<spatial { out[dst + s] = dy[src + s] }
              }
            }
          }
          if needB { for o in 0..<og { for s in 0..<n { db[group * og + o] += Double(dyg[o * n + s]) } } }
          if needW { dw += _matmul(dyg, cols[group], m: og, n: k, k: n, transposeB: true) }
          if needX { g.col2im(_matmul(wg[group], dyg, m: k, n: n, k: og, transposeA: true), group: group, into: &dx) }
        }
        let grads: [Tensor?] = [needX ? T._tensor(xShape, dx) : nil, needW ? T._tensor(wShape, dw) : nil]
        return bias == nil ? grads : grads + [needB ? T._tensor([g.outChannels], db.map { T($0) }) : nil]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}
