import ArgumentParser
import Foundation
import NNInit

/// Where the model comes from: `--model SPEC` or `--model-file FILE` (what `print(model)` printed).
struct ModelSource {
  var spec: String?
  var file: String?
  /// `--parameter KEY=SHAPE:CALL` options, added after construction in order.
  var parameters: [String] = []

  /// The option to name in errors.
  var option: String { file != nil ? "--model-file" : "--model" }

  /// Builds the model with `builder`; a `--model` text of several lines is read as print text too.
  func build(_ builder: ModelBuilder) throws -> Module {
    let model = try buildModel(builder)
    for text in parameters {
      try reporting("--parameter '\(text)'") { try builder.addParameter(text, to: model) }
    }
    return model
  }

  private func buildModel(_ builder: ModelBuilder) throws -> Module {
    if spec != nil && file != nil { throw CLIError("--model and --model-file exclude each other; give one") }
    if let file {
      let data = try readRegularFile(file, option: "--model-file")
      guard let text = String(data: data, encoding: .utf8) else { throw CLIError("--model-file: \(file) is not UTF-8 text") }
      return try reporting("--model-file") { try builder.build(modelText: text) }
    }
    let spec = spec ?? ""
    return try reporting("--model") { spec.contains("\n") ? try builder.build(modelText: spec) : try builder.build(spec) }
  }
}

/// The bytes of the regular file at `path` (never a device, FIFO or directory).
func readRegularFile(_ path: String, option: String) throws -> Data {
  let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
  guard let type else { throw CLIError("\(option): cannot read \(path): no such file") }
  guard type == .typeRegular else { throw CLIError("\(option): cannot read \(path): not a regular file") }
  do {
    return try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    throw CLIError("\(option): cannot read \(path): \(error.localizedDescription)")
  }
}
