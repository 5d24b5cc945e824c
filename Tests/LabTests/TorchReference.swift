import Foundation
import TestSupport

/// `Tests/Fixtures/lab/torch_reference.json`, written by `Scripts/lab_torch_reference.py`: the lab's
/// experiments run in PyTorch on the same data, weights and batches.
struct TorchReference: Decodable {
  struct Rows: Decodable {
    var features: [[Double]]
    var targets: [Double]
  }

  struct DataChecks: Decodable {
    var digitsSplitPermutationHead: [Int]
    var digitsTrainLabelCounts: [Int]
    var digitsTestFirstLabels: [Int]
    var digitsTrainPixelSum: Double
    var spiralsTrainFirst: Rows
    var spiralsTestFirst: Rows
    var teacherTrainFirst: Rows
    var teacherTestFirst: Rows
  }

  struct Layer: Decodable {
    var layer: Int
    var linearOutputMean: Double?
    var linearOutputStd: Double?
    var activationMean: Double?
    var activationStd: Double?
    var deadFraction: Double?
    var outputGradStd: Double?
    var weightGradNorm: Double?
  }

  struct Signal: Decodable {
    var depth: Int, width: Int, activation: String, initCall: String, batch: Int, seed: Int
    var biasInit: String?
    var layers: [Layer]
    enum CodingKeys: String, CodingKey { case depth, width, activation, initCall = "init", batch, seed, biasInit, layers }
  }

  struct Epoch: Decodable {
    var epoch: Int
    var trainLoss: Double
    var testLoss: Double?
    var testAccuracy: Double?
  }

  struct Final: Decodable {
    var trainLoss: Double?
    var testAccuracy: Double?
    var testLoss: Double?
    var diverged: Bool
    var divergedAtStep: Int?
    var divergedAtEpoch: Int?
  }

  struct Train: Decodable {
    var dataset: String, depth: Int, width: Int, activation: String, initCall: String
    var optimizer: String, lr: Double, momentum: Double, weightDecay: Double, epochs: Int, batchSize: Int, seed: Int
    var epochRecords: [Epoch]
    var final: Final
    enum CodingKeys: String, CodingKey {
      case dataset, depth, width, activation, initCall = "init", optimizer, lr, momentum, weightDecay, epochs, batchSize, seed
      case epochRecords, final
    }
  }

  struct Compare: Decodable {
    var seconds: Double
    var training: [Train]
  }

  var torch: String
  var data: DataChecks
  var signal: [Signal]
  var acceptanceSignal: [Signal]
  var train: [Train]
  var compare: Compare?

  static let shared: TorchReference = {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return try decoder.decode(TorchReference.self, from: Data(contentsOf: Fixtures.url("lab/torch_reference.json")))
    } catch {
      fatalError("cannot read lab/torch_reference.json: \(error)")
    }
  }()
}

/// |a − b| ≤ tolerance·max(|b|, floor).
func close(_ a: Double, _ b: Double, relative tolerance: Double, floor: Double = 0) -> Bool {
  abs(a - b) <= tolerance * max(abs(b), floor)
}
