import TensorModule
import Testing

@Suite struct MatmulTensorTests {
  @Test(arguments: DType.allCases.filter(\.isFloatingPoint)) func smallProductsAreExact(dtype: DType) throws {
    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Double]).converted(to: dtype)
    let b = try Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12] as [Double]).converted(to: dtype)
    let c = try Tensor.matmul(a, b)
    #expect(c.shape == [2, 2] && c.dtype == dtype)
    #expect(c.doubles == [58, 64, 139, 154])
    #expect(try Tensor.matmul(b, a, transposeA: true, transposeB: true).doubles == [58, 139, 64, 154])
    #expect(try Tensor.matmul(a, a, transposeB: true).doubles == [14, 32, 32, 77])
    #expect(try Tensor.matmul(a, a, transposeA: true).shape == [3, 3])
  }

  @Test func emptyDimensionsGiveZerosOrEmpty() throws {
    let a = try Tensor(zeros: [3, 0]), b = try Tensor(zeros: [0, 4])
    #expect(try Tensor.matmul(a, b).doubles == Array(repeating: 0, count: 12))
    #expect(try Tensor.matmul(b, try Tensor(zeros: [4, 2])).shape == [0, 2])
  }

  @Test func mismatchedOperandsThrow() throws {
    let a = try Tensor(zeros: [2, 3]), b = try Tensor(zeros: [2, 3])
    #expect(throws: TensorError.invalidReshape(from: [2, 3], to: [2, 3])) { try Tensor.matmul(a, b) }
    #expect(throws: TensorError.dtypeMismatch(expected: .float32, got: .float64)) {
      try Tensor.matmul(a, try Tensor(zeros: [3, 2], dtype: .float64))
    }
    #expect(throws: TensorError.dtypeMismatch(expected: .int64, got: .int64)) {
      try Tensor.matmul(try Tensor(zeros: [2, 3], dtype: .int64), try Tensor(zeros: [3, 2], dtype: .int64))
    }
  }
}
