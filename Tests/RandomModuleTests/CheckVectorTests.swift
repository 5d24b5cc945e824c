import RandomModule
import TensorModule
import Testing

/// The check vectors of `../shared/docs/PYTORCH-NOTES.md` §6 (torch 2.15, AVX-512 and DEFAULT builds),
/// re-measured by `Scripts/make_torch_fixtures.py`; these few are spelled out here as a smoke test.
@Suite struct CheckVectorTests {
  @Test func mt19937SeedZero() {
    var engine = MT19937(seed: 0)
    #expect((0..<5).map { _ in engine.next32() } == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760, 2_588_848_963])
  }

  @Test func randFloat32() throws {
    var t = try Tensor(zeros: [8])
    try t.uniform_(generator: TorchGenerator(seed: 42))
    #expect(t.floats?.prefix(4).map(\.bitPattern) == [0x3f61dc66, 0x3f6a3db3, 0x3ec406b8, 0x3f75950e])
  }

  @Test func randFloat64() throws {
    var t = try Tensor(zeros: [4], dtype: .float64)
    try t.uniform_(generator: TorchGenerator(seed: 42))
    #expect(t.doubles == [0.05815448596142969, 0.06291016742457756, 0.12358607277440903, 0.05258016436107704])
  }

  @Test(arguments: TorchGenerator.Flavor.allCases) func randnScalarPath(flavor: TorchGenerator.Flavor) throws {
    var t = try Tensor(zeros: [8])
    try t.normal_(generator: TorchGenerator(seed: 42, flavor: flavor))
    #expect(t.floats?.prefix(2).map(\.bitPattern) == [0x3eac62ae, 0x3e03e69d])
  }

  @Test func randnBlockPathVectorized() throws {
    var t = try Tensor(zeros: [16])
    try t.normal_(generator: TorchGenerator(seed: 42, flavor: .vectorized))
    #expect(t.floats?.prefix(4).map(\.bitPattern) == [0x3ff6a529, 0x3fbe5f53, 0x3f669567, 0xc006c0db])
  }

  /// libm `logf`/`sinf`/`cosf`: x86-64 with `ATEN_CPU_CAPABILITY=default` and the aarch64 wheel give these
  /// bits (`Tests/Fixtures/torch/{scalar,aarch64}/functions.json`, sequence s011).
  @Test(arguments: [TorchGenerator.Flavor.scalar, .arm64]) func randnBlockPathLibM(flavor: TorchGenerator.Flavor) throws {
    var t = try Tensor(zeros: [16])
    try t.normal_(generator: TorchGenerator(seed: 42, flavor: flavor))
    #expect(t.floats?.prefix(4).map(\.bitPattern) == [0x3ff6a527, 0x3fbe5f54, 0x3f669567, 0xc006c0dd])
  }

  @Test func defaultSeedGenerator() throws {
    var t = try Tensor(zeros: [4])
    try t.uniform_(generator: TorchGenerator())
    #expect(t.floats?.first?.bitPattern == 0x3e88daec)
  }

  @Test func randpermSeedZero() {
    #expect(TorchGenerator(seed: 0).randperm(10) == [4, 1, 7, 5, 3, 9, 0, 8, 6, 2])
  }
}
