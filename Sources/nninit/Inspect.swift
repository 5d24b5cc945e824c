import ArgumentParser
import Foundation
import NNInit

/// `nninit inspect FILE`: what a `.safetensors` or `.npy` file holds — name, dtype, shape and the
/// values' count, mean, min and max, every tensor decoded (so a damaged file is reported, not trusted).
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the tensors of a .safetensors or .npy file with their dtype, shape and value range.",
    discussion: "Example: nninit inspect model.safetensors")

  @Argument(help: "A .safetensors or .npy file.")
  var file: String

  func run() throws {
    guard !file.isEmpty else { throw CLIError("FILE: the path is empty") }
    let url = URL(fileURLWithPath: file)
    let isNPY = url.pathExtension.lowercased() == "npy"
    var rows: [String] = []
    if isNPY {
      let tensor = try reporting(file) { try NPY.read(contentsOf: url) }
      rows.append(row("-", tensor))
    } else {
      let contents = try reporting(file) { try SafeTensors.read(contentsOf: url) }
      for entry in contents.entries {
        rows.append(row(entry.name, try reporting(file) { try contents.tensor(named: entry.name) }, stored: entry.dtype.rawValue))
      }
      if !contents.metadata.isEmpty {
        rows.append("metadata: " + contents.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
      }
    }
    print(rows.joined(separator: "\n"))
  }

  private func row(_ name: String, _ tensor: Tensor, stored: String? = nil) -> String {
    let shape = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
    var text = "\(name)  \(stored ?? tensor.dtype.rawValue)  \(shape)  count \(tensor.count)"
    var sum = 0.0, low = Double.infinity, high = -Double.infinity
    for index in 0..<tensor.count {  // element by element: no second copy of a large tensor
      let value = tensor[linear: index]
      sum += value
      low = Swift.min(low, value)
      high = Swift.max(high, value)
    }
    if tensor.count > 0 {
      text += String(format: "  mean %.6g  min %.6g  max %.6g", sum / Double(tensor.count), low, high)
    }
    return text
  }
}
