import TensorModule
import Testing

@Suite struct TensorTests {
  @Test(arguments: DType.allCases) func zerosHaveShapeCountAndDType(dtype: DType) throws {
    let t = try Tensor(zeros: [2, 3, 4], dtype: dtype)
    #expect(t.shape == [2, 3, 4])
    #expect(t.count == 24)
    #expect(t.rank == 3)
    #expect(t.dtype == dtype)
    #expect(t.doubles == Array(repeating: 0, count: 24))
  }

  @Test func zeroDimensionalTensorHasOneElement() throws {
    let t = try Tensor(zeros: [], dtype: .int64)
    #expect(t.count == 1)
    #expect(t.strides == [])
  }

  @Test func rowMajorStrides() {
    #expect(Tensor.contiguousStrides([2, 3, 4]) == [12, 4, 1])
    #expect(Tensor.contiguousStrides([5]) == [1])
  }

  @Test func negativeDimensionIsRejectedWithPyTorchsMessage() {
    #expect(throws: TensorError.negativeDimension(shape: [3, -1])) { try Tensor(zeros: [3, -1]) }
    #expect("\(TensorError.negativeDimension(shape: [3, -1]))" == "Trying to create tensor with negative dimension -1: [3, -1]")
  }

  @Test func countMismatchIsRejected() {
    #expect(throws: TensorError.countMismatch(shape: [2, 2], count: 3)) { try Tensor(shape: [2, 2], scalars: [Float](repeating: 0, count: 3)) }
  }

  @Test func reshapeKeepsElementsAndChecksCount() throws {
    let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Float])
    let r = try t.reshaped([3, 2])
    #expect(r.shape == [3, 2])
    #expect(r.doubles == [1, 2, 3, 4, 5, 6])
    #expect(throws: TensorError.invalidReshape(from: [2, 3], to: [4, 2])) { try t.reshaped([4, 2]) }
  }

  @Test func fillScaleAndLinearSubscript() throws {
    var t = try Tensor(zeros: [4], dtype: .float64)
    t.fill(0.5)
    t.scale(by: 4)
    t[linear: 2] = -1
    #expect(t.doubles == [2, 2, -1, 2])
  }

  @Test func conversionRoundsToNearest() throws {
    let t = try Tensor(shape: [2], scalars: [0.1, 1e40] as [Double])
    let f = t.converted(to: .float32)
    #expect(f.floats == [Float(0.1), .infinity])
  }

  @Test func mutationDoesNotCopyOrLeakIntoCopies() throws {
    var a = try Tensor(zeros: [3])
    let b = a
    a.withMutableFloat32 { $0[0] = 7 }
    #expect(a.doubles == [7, 0, 0])
    #expect(b.doubles == [0, 0, 0])
  }
}
