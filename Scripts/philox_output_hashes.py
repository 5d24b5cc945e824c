#!/usr/bin/env python3
"""SHA-256 of every `nninit init --generator philox` output for the fixture models, to compare builds.

Usage:
  Scripts/philox_output_hashes.py NNINIT_BINARY > hashes.txt        # record
  Scripts/philox_output_hashes.py NNINIT_BINARY --compare hashes.txt  # check (exit 1 on any difference)

Models: every case of Tests/Fixtures/torch/vectorized/models.json (its spec and dtype, seed 0), plus a
few runs with --weight-init/--bias-init and --shard-*. A run that fails is recorded as `error <message>`,
so an error that changes is a difference too. Every unsharded case also runs with --generator torch. Standard library only.
"""
import hashlib, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

EXTRA = [
    ("reinit-mlp", "Linear(10, 5), ReLU(), Linear(5, 1)", "float32",
     ["--weight-init", "kaiming_uniform_(nonlinearity='relu')", "--bias-init", "zeros_()"]),
    ("reinit-conv", "Conv2d(3, 16, 3), BatchNorm2d(16), Linear(16, 8)", "float64",
     ["--weight-init", "xavier_normal_(gain=5/3)", "--bias-init", "trunc_normal_(std=0.02)"]),
    ("reinit-conv-ok", "Conv2d(3, 16, 3), Linear(16, 8)", "float64",
     ["--weight-init", "xavier_normal_(gain=5/3)", "--bias-init", "trunc_normal_(std=0.02)"]),
    ("reinit-sparse", "Linear(40, 30), Linear(30, 20)", "float32",
     ["--weight-init", "sparse_(0.3, std=0.1)", "--bias-init", "normal_(1, 2)"]),
    ("reinit-eye", "Linear(7, 5), Linear(5, 9)", "float32", ["--weight-init", "eye_()", "--bias-init", "ones_()"]),
    ("reinit-dirac", "Conv2d(4, 8, 3), Conv3d(8, 8, (1, 3, 2), groups=2)", "float64",
     ["--weight-init", "dirac_(groups=2)", "--bias-init", "constant_(0.25)"]),
    ("reinit-kaiming-normal", "Linear(20, 10), Conv1d(10, 4, 5)", "float32",
     ["--weight-init", "kaiming_normal_(mode='fan_out', nonlinearity='leaky_relu', a=0.2)"]),
    ("reinit-orth", "Linear(64, 32), Embedding(10, 4, padding_idx=2)", "float32",
     ["--weight-init", "orthogonal_(gain=2)", "--bias-init", "uniform_(-0.1, 0.1)"]),
    ("shard-d0", "Linear(33, 17), Conv1d(4, 6, 3), LayerNorm([5])", "float32",
     ["--shard-dim", "0", "--shard-index", "1", "--shard-count", "3"]),
    ("shard-d1", "Linear(33, 17), Embedding(7, 5, padding_idx=0), LSTM(4, 3)", "float64",
     ["--shard-dim", "1", "--shard-index", "2", "--shard-count", "4", "--weight-init", "normal_(std=0.5)"]),
]


def cases():
    with open(os.path.join(ROOT, "Tests/Fixtures/torch/vectorized/models.json")) as f:
        for c in json.load(f)["cases"]:
            yield c["id"], c["spec"], c["dtype"], []
    yield from EXTRA


def run(binary, generator, spec, dtype, extra, directory):
    out = os.path.join(directory, "out.safetensors")
    if os.path.exists(out):
        os.remove(out)
    args = [binary, "init", "--model", spec, "--seed", "0", "--generator", generator, "--dtype", dtype,
            "--output", out] + extra
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        return "error " + (p.stderr.strip().splitlines() or ["?"])[-1]
    with open(out, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    binary = sys.argv[1]
    lines = []
    with tempfile.TemporaryDirectory() as d:
        for name, spec, dtype, extra in cases():
            lines.append(f"{name}\t{run(binary, 'philox', spec, dtype, extra, d)}")
            if "--shard-dim" not in extra:  # the torch path too: the eager executor must keep PyTorch's draws
                lines.append(f"{name}/torch\t{run(binary, 'torch', spec, dtype, extra, d)}")
    if len(sys.argv) == 4 and sys.argv[2] == "--compare":
        with open(sys.argv[3]) as f:
            before = dict(l.rstrip("\n").split("\t", 1) for l in f if l.strip())
        after = dict(l.split("\t", 1) for l in lines)
        diff = [k for k in before if before[k] != after.get(k)] + [k for k in after if k not in before]
        for k in diff:
            print(f"DIFFERENT {k}: {before.get(k)} -> {after.get(k)}")
        print(f"{len(after) - len(diff)} of {len(after)} outputs identical")
        sys.exit(1 if diff else 0)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
