extension Module {
  /// Gives this module the parameter and buffer values of `source`, a module of the same structure
  /// (same classes, children, names and shapes), as `copy.deepCopy` leaves a copy: equal values, no
  /// random numbers drawn. Storage is shared copy-on-write, so later changes stay separate.
  ///
  /// - Precondition: `source` has the same structure (programmer error otherwise).
  func copyState(from source: Module) {
    let mine = namedModules(), theirs = source.namedModules()
    precondition(mine.map(\.path) == theirs.map(\.path), "copyState: different structure")
    for ((_, target), (_, origin)) in zip(mine, theirs) {
      precondition(target.parameterSlots.map(\.name) == origin.parameterSlots.map(\.name), "copyState: different parameters")
      target.parameterSlots = origin.parameterSlots
      target.bufferSlots = origin.bufferSlots
    }
  }
}
