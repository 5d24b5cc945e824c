import Foundation
import NNInit

/// An `--output` that receives tensors: where, and in which format.
///
/// The format follows the extension — `.safetensors` or `.npy` — and any other name is an error naming
/// both. A stream without an extension (`-` for standard output, a FIFO, a character device) gets
/// safetensors. Creating one installs ``OutputSignals`` so an interrupted write leaves no file.
struct OutputPath {
  enum Format: String {
    case safetensors, npy
  }

  /// The file (or stream) to write.
  let url: URL
  let format: Format
  /// The text as given, for messages.
  let text: String

  /// Checks `text` given to `option`.
  ///
  /// - Throws: ``CLIError`` for an empty path, a directory, or an extension other than the two.
  init(_ text: String, option: String = "--output") throws {
    self.text = text
    guard !text.isEmpty else {
      throw CLIError("\(option): the path is empty; give a file such as model.safetensors (or - for standard output)")
    }
    url = text == "-" ? URL(fileURLWithPath: "/dev/stdout") : URL(fileURLWithPath: text)
    let destination = try reporting(option) { try OutputDestination(path: text) }
    switch (text as NSString).pathExtension.lowercased() {
    case "safetensors": format = .safetensors
    case "npy": format = .npy
    case _ where destination.isStream && (text as NSString).pathExtension.isEmpty: format = .safetensors
    default:
      throw CLIError(
        "\(option): '\(text)' names neither a .safetensors nor a .npy file; the format follows the extension "
          + "(use - to write safetensors to standard output)")
    }
    OutputSignals.install()
  }
}
