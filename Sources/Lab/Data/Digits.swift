import RandomModule

extension LabDataset {
  /// The number of digits samples, and of those in the training split.
  public static let digitsCount = 1797, digitsTrainCount = 1400

  /// The UCI handwritten digits (8×8 images, 10 classes, 1797 samples; scikit-learn's copy, CC BY 4.0 —
  /// see `Sources/Lab/Resources/DigitsData.swift` for attribution).
  ///
  /// Pixels are scaled from 0…16 to [0, 1] (divided by 16), nothing else. The split is
  /// `perm = torch.randperm(1797, generator=torch.Generator().manual_seed(splitSeed))`: samples
  /// `perm[:1400]` train, `perm[1400:]` test (397), each in permutation order.
  public static func digits(splitSeed: Int = 0) -> LabDataset {
    let (pixels, labels) = decodedDigits()
    let permutation = TorchGenerator(seed: splitSeed).randperm(digitsCount)
    let scaled = pixels.map { Float($0) / 16 }
    let (train, test) = split(
      rows: scaled, targets: labels.map(Double.init), featureCount: 64, permutation: permutation, trainCount: digitsTrainCount)
    return LabDataset(
      name: "digits",
      summary: "UCI handwritten digits (8×8 pixels, 10 classes; scikit-learn's copy, CC BY 4.0), pixels scaled to [0, 1]; "
        + "\(digitsTrainCount) training and \(digitsCount - digitsTrainCount) test samples (split seed \(splitSeed))",
      task: .classification, classCount: 10, classNames: (0...9).map(String.init), train: train, test: test)
  }

  /// The raw digits: 1797 × 64 pixel values in 0…16 (row-major) and the labels, in file order.
  public static func decodedDigits() -> (pixels: [UInt8], labels: [Int]) {
    var pixels = [UInt8](), labels = [Int]()
    pixels.reserveCapacity(digitsCount * 64)
    labels.reserveCapacity(digitsCount)
    for line in _digitsEncoded.utf8.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      precondition(line.count == 65, "corrupt digits line of \(line.count) characters")
      var characters = line.makeIterator()
      labels.append(Int(characters.next()! - UInt8(ascii: "0")))
      while let c = characters.next() {
        pixels.append(c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10)
      }
    }
    precondition(labels.count == digitsCount, "expected \(digitsCount) digits, decoded \(labels.count)")
    return (pixels, labels)
  }
}
