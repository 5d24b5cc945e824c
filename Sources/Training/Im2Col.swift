import Layers

/// The geometry of a 2-D convolution over an NCHW batch, and the im2col/col2im copies that turn it into
/// one GEMM per group.
///
/// For group `g`, column matrix row `(c, i, j)` (input channel within the group, kernel row, kernel
/// column) and column `(n, oh, ow)` hold `x[n, g·Cg + c, oh·sh − pt + i·dh, ow·sw − pl + j·dw]`, or the
/// padding value. Then `Y_g = W_g·col_g`, `dW_g = dY_g·col_gᵀ`, `dcol_g = W_gᵀ·dY_g` (scattered back
/// by col2im).
struct _Conv2dGeometry {
  var batch = 1, inChannels = 1, height = 1, width = 1
  var outChannels = 1, kernelH = 1, kernelW = 1
  var strideH = 1, strideW = 1, dilationH = 1, dilationW = 1
  var padTop = 0, padBottom = 0, padLeft = 0, padRight = 0
  var groups = 1
  var mode: PaddingMode = .zeros

  var outH: Int { (height + padTop + padBottom - dilationH * (kernelH - 1) - 1) / strideH + 1 }
  var outW: Int { (width + padLeft + padRight - dilationW * (kernelW - 1) - 1) / strideW + 1 }
  /// Input channels per group.
  var groupChannels: Int { inChannels / groups }
  /// Output channels per group.
  var groupOutChannels: Int { outChannels / groups }
  /// Rows of a group's column matrix (`Cg·kh·kw`).
  var patch: Int { groupChannels * kernelH * kernelW }
  /// Columns of a column matrix (`N·OH·OW`).
  var columns: Int { batch * outH * outW }

  /// The input index along a dimension of `size` for padded position `p`, or −1 for a zero pad.
  @inline(__always)
  func source(_ p: Int, _ size: Int) -> Int {
    if p >= 0 && p < size { return p }
    switch mode {
    case .zeros: return -1
    case .reflect: return p < 0 ? -p : 2 * (size - 1) - p
    case .replicate: return p < 0 ? 0 : size - 1
    case .circular: return ((p % size) + size) % size
    }
  }

  /// Visits every (column-matrix index, input index or −1) pair of group `group`.
  @inline(__always)
  func forEachPair(group: Int, _ body: (Int, Int) -> Void) {
    let (oh, ow, n) = (outH, outW, columns)
    for c in 0..<groupChannels {
      let channel = group * groupChannels + c
      for i in 0..<kernelH {
        for j in 0..<kernelW {
          let row = ((c * kernelH + i) * kernelW + j) * n
          for b in 0..<batch {
            let plane = (b * inChannels + channel) * height * width
            for y in 0..<oh {
              let sy = source(y * strideH - padTop + i * dilationH, height)
              let dst = row + (b * oh + y) * ow
              for x in 0..<ow {
                let sx = sy < 0 ? -1 : source(x * strideW - padLeft + j * dilationW, width)
                body(dst + x, sx < 0 ? -1 : plane + sy * width + sx)
              }
            }
          }
        }
      }
    }
  }

  /// The column matrix of group `group` (`patch × columns`).
  func im2col<T: TrainingScalar>(_ x: [T], group: Int) -> [T] {
    _makeArray(patch * columns) { col in
      x.withUnsafeBufferPointer { x in forEachPair(group: group) { dst, src in col[dst] = src < 0 ? 0 : x[src] } }
    }
  }

  /// Adds a group's column-matrix gradient into the input gradient `dx` (the adjoint of ``im2col(_:group:)``).
  func col2im<T: TrainingScalar>(_ col: [T], group: Int, into dx: inout [T]) {
    dx.withUnsafeMutableBufferPointer { dx in
      col.withUnsafeBufferPointer { col in forEachPair(group: group) { src, dst in if dst >= 0 { dx[dst] += col[src] } } }
    }
  }
}
