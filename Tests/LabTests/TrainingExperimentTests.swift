import Foundation
import Lab
import Testing

@Suite struct TrainingExperimentTests {
  static let digits = LabDataset.digits()

  func dataset(_ name: String) throws -> LabDataset {
    name == "digits" ? TrainingExperimentTests.digits : try LabDataset.named(name)
  }

  /// Short runs on digits, spirals and teacher–student: the same weights and batches as PyTorch, so the
  /// per-epoch losses agree to float rounding accumulated over the steps.
  @Test(arguments: TorchReference.shared.train.indices) func matchesPyTorch(_ index: Int) throws {
    let reference = TorchReference.shared.train[index]
    let config = TrainConfig(
      depth: reference.depth, width: reference.width, activation: try LabActivation(parsing: reference.activation),
      initialization: try LabInit(parsing: reference.initCall), optimizer: LabOptimizer(rawValue: reference.optimizer)!,
      learningRate: reference.lr, momentum: reference.momentum, weightDecay: reference.weightDecay, epochs: reference.epochs,
      batchSize: reference.batchSize, seed: reference.seed)
    let r = try runTrainingExperiment(config, on: try dataset(reference.dataset))
    #expect(r.final.diverged == reference.final.diverged)
    #expect(r.final.divergedAtStep == reference.final.divergedAtStep)
    #expect(r.epochs.count == reference.epochRecords.count)
    for (ours, theirs) in zip(r.epochs, reference.epochRecords) {
      #expect(close(ours.trainLoss, theirs.trainLoss, relative: 1e-4), "epoch \(ours.epoch) train loss \(ours.trainLoss) vs \(theirs.trainLoss)")
      if let loss = theirs.testLoss { #expect(close(ours.testLoss, loss, relative: 1e-4), "epoch \(ours.epoch) test loss") }
      if let accuracy = theirs.testAccuracy {
        #expect(abs(ours.testAccuracy! - accuracy) <= 2.0 / 397 + 1e-12, "epoch \(ours.epoch) accuracy \(ours.testAccuracy!) vs \(accuracy)")
      } else {
        #expect(ours.testAccuracy == nil)
      }
    }
  }

  /// A learning rate far too large: the loss grows ×1e11 per step until it overflows; the run stops at
  /// that step (the same step as PyTorch's, see `matchesPyTorch`) and says so.
  @Test func divergenceIsDetectedAndStops() throws {
    let config = TrainConfig(
      depth: 5, width: 32, activation: .relu, initialization: try LabInit(parsing: "kaiming_uniform_(nonlinearity='relu')"),
      learningRate: 2, epochs: 3)
    let r = try runTrainingExperiment(config, on: TrainingExperimentTests.digits)
    #expect(r.final.diverged)
    #expect(r.final.divergedAtStep == 7 && r.final.divergedAtEpoch == 1)
    #expect(r.final.divergence == "loss is infinite" || r.final.divergence == "loss is NaN")
    #expect(r.epochs.isEmpty)
    #expect(r.lastFiniteLoss.map { $0 > 1e10 } == true)
    #expect(LabText.outcome(r).hasPrefix("diverged at step 7 (epoch 1)"))
  }

  /// constant_(0.5), zero biases, ReLU, depth 20: every unit of a layer is identical and the signal grows
  /// ×64 per layer. In exact arithmetic the gradient below the output layer is zero (the softmax sums to
  /// 1), so whether the run overflows depends on rounding residues amplified by 64¹⁸; either way it
  /// must not learn: it diverges or stays at chance.
  @Test func constantInitDoesNotLearn() throws {
    let config = TrainConfig(depth: 20, width: 128, activation: .relu, initialization: LabInit.tutorialDefaults[3], epochs: 2)
    let r = try runTrainingExperiment(config, on: TrainingExperimentTests.digits)
    #expect(r.final.diverged || (r.final.testAccuracy ?? 1) < 0.2)
  }

  @Test func progressIsReportedPerStep() throws {
    var steps: [Int] = []
    let config = TrainConfig(depth: 2, width: 8, activation: .tanh, initialization: .pytorchDefault, epochs: 2, batchSize: 400)
    let r = try runTrainingExperiment(config, on: try LabDataset.named("spirals")) { steps.append($0.step) }
    #expect(r.stepsPerEpoch == 2)
    #expect(steps == [1, 2, 3, 4])
  }

  struct BadConfig: Sendable, CustomTestStringConvertible {
    var config: TrainConfig
    var message: String
    var testDescription: String { message }
  }

  static let badConfigs: [BadConfig] = [
    BadConfig(config: TrainConfig(depth: 0, initialization: .pytorchDefault), message: "depth must be at least 1, got 0"),
    BadConfig(config: TrainConfig(initialization: .pytorchDefault, learningRate: 0), message: "learning rate must be > 0, got 0"),
    BadConfig(config: TrainConfig(initialization: .pytorchDefault, learningRate: -0.1), message: "learning rate must be > 0, got -0.1"),
    BadConfig(config: TrainConfig(initialization: .pytorchDefault, epochs: 0), message: "epochs must be at least 1, got 0"),
    BadConfig(config: TrainConfig(initialization: .pytorchDefault, batchSize: 0), message: "batch size must be at least 1, got 0"),
    BadConfig(config: TrainConfig(initialization: .pytorchDefault, momentum: 1.5), message: "momentum must be in [0, 1), got 1.5"),
  ]

  @Test(arguments: badConfigs) func rejectsBadConfigurations(_ c: BadConfig) {
    #expect(throws: LabError.invalidConfiguration(c.message)) { try runTrainingExperiment(c.config, on: TrainingExperimentTests.digits) }
  }

  @Test func jsonHasTheIssueShape() throws {
    let config = TrainConfig(depth: 2, width: 8, activation: .relu, initialization: .pytorchDefault, epochs: 1, batchSize: 200)
    let r = try runTrainingExperiment(config, on: try LabDataset.teacherStudent(samples: 100))
    let json = try JSONSerialization.jsonObject(with: Data(LabJSON.encode(r).utf8)) as! [String: Any]
    let epochs = json["epochs"] as! [[String: Any]]
    #expect(epochs[0]["epoch"] as? Int == 1)
    #expect(epochs[0]["train_loss"] is Double)
    #expect(epochs[0]["test_accuracy"] is NSNull)  // regression: present, null
    let final = json["final"] as! [String: Any]
    #expect(final["diverged"] as? Bool == false)
    #expect(final.keys.contains("train_loss") && final.keys.contains("test_accuracy"))
  }
}
