// The init lab: what initialization does to a network, measured and explained.
//
// Three experiments, each a library call with a Codable configuration and result; the `nninit lab`
// commands are thin over them:
//
// - ``runSignalExperiment(_:)`` — an MLP of L square Linear layers on N(0, 1) inputs: per layer the
//   mean and std of each Linear output, of each activation, the dead/saturated fraction, and after
//   back-propagating `sum(y ⊙ g)`, g ~ N(0, 1), the std of ∂L/∂(Linear output) and ‖∂L/∂W‖. Beside it
//   the mean-field prediction (``SignalTheory``).
// - ``runTrainingExperiment(_:on:progress:)`` — an MLP trained on a ``LabDataset`` (digits, two spirals,
//   teacher–student regression or a CSV file): per-epoch train loss and test accuracy, with divergence
//   (NaN/Inf) detected, reported with its step, and the run stopped.
// - ``runComparison(_:on:progress:)`` — the grid of both over inits × activations × depths, written by
//   ``LabReport`` as `report.html` (self-contained, inline SVG), `report.md` and `results.json`.
//
// Everything draws from explicit generators, so a run is a pure function of its configuration, and
// `Scripts/lab_torch_reference.py` repeats it in PyTorch (same data split, same weights, same batches).
