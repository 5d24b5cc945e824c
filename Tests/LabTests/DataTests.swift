import Foundation
import Lab
import RandomModule
import Testing

@Suite struct DigitsTests {
  @Test func decodesEverySample() {
    let (pixels, labels) = LabDataset.decodedDigits()
    #expect(labels.count == 1797)
    #expect(pixels.count == 1797 * 64)
    #expect(pixels.allSatisfy { $0 <= 16 })
    // scikit-learn's load_digits(): class counts and the sum of every pixel.
    var counts = [Int](repeating: 0, count: 10)
    for l in labels { counts[l] += 1 }
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    #expect(pixels.reduce(0) { $0 + Int($1) } == 561_718)
    #expect(Array(pixels[0..<8]) == [0, 0, 5, 13, 9, 1, 0, 0])
  }

  @Test func splitIsTorchRandperm() {
    let reference = TorchReference.shared.data
    let permutation = TorchGenerator(seed: 0).randperm(1797)
    #expect(Array(permutation.prefix(32)) == reference.digitsSplitPermutationHead)
    let digits = LabDataset.digits()
    #expect(digits.train.count == 1400 && digits.test.count == 397)
    var counts = [Int](repeating: 0, count: 10)
    for t in digits.train.targets { counts[Int(t)] += 1 }
    #expect(counts == reference.digitsTrainLabelCounts)
    #expect(digits.test.targets.prefix(16).map { Int($0) } == reference.digitsTestFirstLabels)
    let sum = digits.train.features.doubles.reduce(0, +)
    #expect(abs(sum - reference.digitsTrainPixelSum) < 1e-6 * reference.digitsTrainPixelSum)
    #expect(digits.featureCount == 64 && digits.classCount == 10)
    #expect(digits.train.features.doubles.allSatisfy { (0...1).contains($0) })
  }
}

@Suite struct SyntheticDataTests {
  func expectRows(_ split: LabDataset.Split, _ rows: TorchReference.Rows, tolerance: Double) {
    let d = split.features.shape[1], x = split.features.doubles
    for (r, expected) in rows.features.enumerated() {
      for c in 0..<d { #expect(abs(x[r * d + c] - expected[c]) <= tolerance * max(1, abs(expected[c])), "row \(r) column \(c)") }
      #expect(abs(split.targets[r] - rows.targets[r]) <= tolerance * max(1, abs(rows.targets[r])), "target \(r)")
    }
  }

  @Test func spiralsRejectAnEmptyClass() {
    #expect(throws: LabError.self) { try LabDataset.spirals(perClass: 0) }
  }

  @Test func spiralsMatchPyTorch() throws {
    let spirals = try LabDataset.spirals()
    #expect(spirals.train.count == 800 && spirals.test.count == 200 && spirals.featureCount == 2)
    expectRows(spirals.train, TorchReference.shared.data.spiralsTrainFirst, tolerance: 1e-6)
    expectRows(spirals.test, TorchReference.shared.data.spiralsTestFirst, tolerance: 1e-6)
  }

  @Test func teacherMatchesPyTorch() throws {
    let teacher = try LabDataset.teacherStudent()
    #expect(teacher.task == .regression && teacher.outputCount == 1)
    #expect(teacher.train.count == 1600 && teacher.test.count == 400)
    expectRows(teacher.train, TorchReference.shared.data.teacherTrainFirst, tolerance: 1e-5)
    expectRows(teacher.test, TorchReference.shared.data.teacherTestFirst, tolerance: 1e-5)
    let mean = teacher.train.targets.reduce(0, +) / 1600
    #expect(abs(mean) < 1e-9)
  }

  @Test func namedDatasets() throws {
    #expect(try LabDataset.named("digits").name == "digits")
    #expect(throws: LabError.unknownDataset("mnist")) { try LabDataset.named("mnist") }
  }
}
