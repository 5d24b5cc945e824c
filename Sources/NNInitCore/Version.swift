/// NNInit's version (semantic versioning); `nninit --version` prints it and releases are tagged with it.
public let nninitVersion = "0.2.0"
