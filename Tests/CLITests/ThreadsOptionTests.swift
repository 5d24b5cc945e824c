import Foundation
import Synchronization
@_spi(Testing) import TensorModule
import TestSupport
import Testing

@testable import nninit

/// `--threads N` reaches the kernels on every command: each command is parsed and run in process (as
/// swift-argument-parser's own tests do) while ``Parallel/threadCountObserver`` records every thread
/// count the fills, the GEMM and the chunked loops read. The process-wide count is set to 1 first, so a
/// command that ignored `--threads` would be seen reading 1.
@Suite(.serialized) struct ThreadsOptionTests {
  static let threads = 5

  static var commands: [[String]] {
    [
      ["init", "--model", "Linear(512, 512)", "--output", "model.safetensors"],
      ["init", "--model", "Linear(512, 512)", "--generator", "philox", "--output", "model.safetensors"],
      ["init", "--model", "Linear(512, 512)", "--generator", "philox", "--shard-dim", "0", "--shard-index", "1",
       "--shard-count", "2", "--output", "shard.safetensors"],
      ["fill", "normal_()", "--shape", "512,512", "--output", "t.safetensors"],
      ["fill", "uniform_()", "--shape", "512,512", "--generator", "philox", "--output", "t.safetensors"],
      ["lab", "signal", "--depth", "2", "--width", "32", "--batch", "8", "--json"],
      ["lab", "train", "--dataset", "spirals", "--depth", "2", "--width", "8", "--epochs", "1", "--json"],
      ["lab", "compare", "--dataset", "spirals", "--activations", "relu", "--depths", "2", "--inits", "default",
       "--width", "8", "--epochs", "1", "--output", "report"],
    ]
  }

  @Test(arguments: commands) func threadsReachTheKernels(_ arguments: [String]) throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let resolved = arguments.map { $0.hasSuffix(".safetensors") || $0 == "report" ? directory.appendingPathComponent($0).path : $0 }
    let seen = Mutex<[Int]>([])
    try torchDefaultGeneratorLock.withLock { _ in
      Parallel.threadCount = 1
      try Parallel.$threadCountObserver.withValue({ count in seen.withLock { $0.append(count) } }) {
        var command = try NNInitCommand.parseAsRoot(resolved + ["--threads", "\(Self.threads)"])
        try command.run()
      }
    }
    let counts = seen.withLock { $0 }
    #expect(!counts.isEmpty, "no kernel read the thread count")
    #expect(counts.allSatisfy { $0 == Self.threads }, "thread counts read: \(Set(counts).sorted())")
  }

  @Test func benchUsesTheThreads() throws {
    let seen = Mutex<[Int]>([])
    Parallel.threadCount = 1
    try Parallel.$threadCountObserver.withValue({ count in seen.withLock { $0.append(count) } }) {
      var command = try NNInitCommand.parseAsRoot(
        ["bench", "--filter", "fill.constant", "--repetitions", "1", "--quick", "--json", "--threads", "\(Self.threads)"])
      try command.run()
    }
    let counts = seen.withLock { $0 }
    #expect(!counts.isEmpty && counts.allSatisfy { $0 == Self.threads }, "thread counts read: \(Set(counts).sorted())")
  }
}

/// `nninit --version` prints the library's version.
@Suite struct VersionTests {
  @Test func versionFlagPrintsTheVersion() throws {
    let result = try CommandRunner.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.2.0\n")
  }
}
