"""NNInit's `nninit bench` side by side with PyTorch (and numpy) on this machine, in one run.

Runs `nninit bench --json --threads N`, then the same operations in PyTorch with
`torch.set_num_threads(N)` (numpy as an extra reference where it has the operation), checks that the
parity generator's tensors equal PyTorch's bit for bit, and prints a Markdown table with the ratios
and the machine it was measured on. See Docs/Benchmarks.md.

  swift build -c release && /work/venv/bin/python Scripts/bench_torch.py --threads 2

Every case: one warm-up run, then the best of --repetitions runs on a preallocated tensor. The
DEFAULT-capability rows (`*.scalar`) run PyTorch in a subprocess with ATEN_CPU_CAPABILITY=default;
model.1b runs in a subprocess too, so its peak RSS is its own.
"""
import argparse, json, os, platform, resource, subprocess, sys, tempfile, time

import numpy as np
import torch

MODEL_LAYERS, MODEL_WIDTH = 16, 8192


def best_seconds(fn, repetitions):
    fn()
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def torch_cases(repetitions):
    """name, shape → seconds, for the PyTorch counterpart of each `nninit bench` case."""
    results = {}
    gen = torch.Generator().manual_seed(0)
    for n in (4096, 1024):
        t = torch.empty(n, n)
        ops = {
            "fill.constant": lambda: torch.nn.init.constant_(t, 0.5),
            "philox.uniform": lambda: t.uniform_(-1, 1, generator=gen),
            "philox.normal": lambda: t.normal_(generator=gen),
            "philox.kaiming_uniform": lambda: torch.nn.init.kaiming_uniform_(t, generator=gen),
            "philox.trunc_normal": lambda: torch.nn.init.trunc_normal_(t, std=0.02, generator=gen),
            "torch.uniform": lambda: t.uniform_(-1, 1, generator=gen),
            "torch.normal": lambda: t.normal_(generator=gen),
        }
        for name, op in ops.items():
            results[(name, (n, n))] = best_seconds(op, repetitions)
    t64 = torch.empty(4096, 4096, dtype=torch.float64)
    results[("torch.uniform.f64", (4096, 4096))] = best_seconds(lambda: t64.uniform_(-1, 1, generator=gen), repetitions)
    results[("torch.normal.f64", (4096, 4096))] = best_seconds(lambda: t64.normal_(generator=gen), repetitions)
    for n in (1024, 4096):
        o = torch.empty(n, n)
        results[(f"orthogonal.{n}", (n, n))] = best_seconds(
            lambda: torch.nn.init.orthogonal_(o, generator=torch.Generator().manual_seed(0)), repetitions)
    return results


def numpy_cases(repetitions):
    """The numpy references: in-place fill, `Generator.random` and `standard_normal` into a float32 array."""
    results, rng = {}, np.random.default_rng(0)
    for n in (4096, 1024):
        a = np.empty((n, n), dtype=np.float32)
        results[("fill.constant", (n, n))] = best_seconds(lambda: a.fill(0.5), repetitions)  # np.full without the allocation
        uniform = best_seconds(lambda: rng.random(out=a, dtype=np.float32), repetitions)
        normal = best_seconds(lambda: rng.standard_normal(out=a, dtype=np.float32), repetitions)
        for name in ("philox.uniform", "torch.uniform"):
            results[(name, (n, n))] = uniform
        for name in ("philox.normal", "torch.normal"):
            results[(name, (n, n))] = normal
    return results


SCALAR_CHILD = """
import json, sys, time, torch
torch.set_num_threads(int(sys.argv[1])); repetitions = int(sys.argv[2])
assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", torch.backends.cpu.get_cpu_capability()
def best(fn):
    fn(); b = float("inf")
    for _ in range(repetitions):
        s = time.perf_counter(); fn(); b = min(b, time.perf_counter() - s)
    return b
t, g = torch.empty(4096, 4096), torch.Generator().manual_seed(0)
print(json.dumps({"torch.uniform.scalar": best(lambda: t.uniform_(-1, 1, generator=g)),
                  "torch.normal.scalar": best(lambda: t.normal_(generator=g))}))
"""

MODEL_CHILD = """
import json, os, resource, sys, time, torch
from safetensors.torch import save_file
torch.set_num_threads(int(sys.argv[1]))
start = time.perf_counter()
torch.manual_seed(0)
model = torch.nn.Sequential(*[torch.nn.Linear(%d, %d) for _ in range(%d)])
save_file(model.state_dict(), sys.argv[2])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "parameters": sum(p.numel() for p in model.parameters())}))
""" % (MODEL_WIDTH, MODEL_WIDTH, MODEL_LAYERS)


def child(code, *args, env=None):
    run = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "child failed")
    return json.loads(run.stdout.strip().splitlines()[-1])


def scalar_cases(threads, repetitions):
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
    return {(name, (4096, 4096)): s for name, s in child(SCALAR_CHILD, threads, repetitions, env=env).items()}


def nninit_bench(binary, threads, repetitions, quick):
    command = [binary, "bench", "--json", "--threads", str(threads), "--repetitions", str(repetitions)] + (["--quick"] if quick else [])
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{run.stderr}")
    return json.loads(run.stdout)


DEFAULT_CHILD = """
import sys, torch
from safetensors.torch import save_file
assert torch.backends.cpu.get_cpu_capability() == "DEFAULT"
torch.manual_seed(0); u = torch.empty(4096, 4096).uniform_(-1, 1)
torch.manual_seed(0); n = torch.empty(4096, 4096).normal_()
save_file({"torch.uniform.scalar": u, "torch.normal.scalar": n}, sys.argv[1])
print("{}")
"""


def identical_bits(binary, tmp):
    """The parity generator's 4096×4096 tensors (`nninit fill --seed 0`) against PyTorch's after
    `torch.manual_seed(0)`, bit for bit: {case name: bool}. The `*.scalar` ones against PyTorch
    run with ATEN_CPU_CAPABILITY=default."""
    from safetensors.torch import load_file
    checks = {
        "torch.uniform": ("uniform_(-1, 1)", "float32", "vectorized"),
        "torch.normal": ("normal_()", "float32", "vectorized"),
        "torch.uniform.f64": ("uniform_(-1, 1)", "float64", "vectorized"),
        "torch.normal.f64": ("normal_()", "float64", "vectorized"),
        "torch.uniform.scalar": ("uniform_(-1, 1)", "float32", "scalar"),
        "torch.normal.scalar": ("normal_()", "float32", "scalar"),
    }
    default_path = os.path.join(tmp, "default.safetensors")
    child(DEFAULT_CHILD, default_path, env=dict(os.environ, ATEN_CPU_CAPABILITY="default"))
    default_tensors = load_file(default_path)
    verdicts = {}
    for name, (call, dtype, kernels) in checks.items():
        path = os.path.join(tmp, name + ".safetensors")
        subprocess.run([binary, "fill", call, "--shape", "4096,4096", "--seed", "0", "--dtype", dtype,
                        "--torch-kernels", kernels, "--output", path], check=True, capture_output=True)
        if kernels == "scalar":
            expected = default_tensors[name]
        else:
            torch.manual_seed(0)
            t = torch.empty(4096, 4096, dtype=getattr(torch, dtype))
            expected = t.uniform_(-1, 1) if call.startswith("uniform_") else t.normal_()
        got = load_file(path)["tensor"]
        bits = torch.int32 if dtype == "float32" else torch.int64
        verdicts[name] = bool(torch.equal(got.view(bits), expected.view(bits)))
        os.remove(path)
    os.remove(default_path)
    return verdicts


def machine(threads):
    model = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}; torch {torch.__version__} "
            f"(CPU capability {torch.backends.cpu.get_cpu_capability()}), numpy {np.__version__}; "
            f"{threads} threads; load average {load}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nninit", nargs="?", default=".build/release/nninit", help="the nninit binary (a release build)")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1, help="run both sides this many times, keep each case's best (noisy machines)")
    parser.add_argument("--quick", action="store_true", help="skip model.1b")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    ours, theirs, numpy_ref, model_row = {}, {}, {}, None
    for _ in range(args.rounds):
        for row in nninit_bench(args.nninit, args.threads, args.repetitions, quick=True):
            key = (row["name"], tuple(row["shape"]))
            ours[key] = min(ours.get(key, float("inf")), row["seconds"])
        for source, target in ((torch_cases(args.repetitions), theirs), (scalar_cases(args.threads, args.repetitions), theirs),
                               (numpy_cases(args.repetitions), numpy_ref)):
            for key, seconds in source.items():
                target[key] = min(target.get(key, float("inf")), seconds)
    with tempfile.TemporaryDirectory() as tmp:
        same = identical_bits(args.nninit, tmp)
        if not args.quick:
            model_row = nninit_bench_model(args, tmp)

    print(f"Machine: {machine(args.threads)}\n")
    print("| case | shape | NNInit M elem/s | PyTorch M elem/s | NNInit / PyTorch | numpy M elem/s | bits = PyTorch |")
    print("|---|---|---:|---:|---:|---:|:---:|")
    for (name, shape), seconds in ours.items():
        count = np.prod(shape)
        mine = count / seconds / 1e6
        torch_s = theirs.get((name, shape))
        reference = f"{count / torch_s / 1e6:.0f}" if torch_s else "–"
        ratio = f"{torch_s / seconds:.2f}×" if torch_s else "–"
        np_s = numpy_ref.get((name, shape))
        np_text = f"{count / np_s / 1e6:.0f}" if np_s else "–"
        bits = ("yes" if same[name] else "NO") if name in same and shape == (4096, 4096) else ""
        shape_text = "×".join(map(str, shape))
        if name.startswith("orthogonal"):
            print(f"| {name} (ms) | {shape_text} | {seconds * 1e3:.1f} ms | {torch_s * 1e3:.1f} ms | {ratio} | – | |")
        else:
            print(f"| {name} | {shape_text} | {mine:.0f} | {reference} | {ratio} | {np_text} | {bits} |")
    if model_row:
        ours_model, torch_model = model_row
        print(f"| model.1b (16 × Linear(8192, 8192), {ours_model['parameters']:,} parameters → safetensors) | | "
              f"{ours_model['seconds']:.1f} s, peak RSS {ours_model['peak_rss_bytes'] / 2**30:.2f} GiB | "
              f"{torch_model['seconds']:.1f} s, peak RSS {torch_model['peak_rss_bytes'] / 2**30:.2f} GiB | "
              f"{torch_model['seconds'] / ours_model['seconds']:.2f}× | – | |")
    print("\nRatios are PyTorch's time over NNInit's (higher is faster); orthogonal.* in milliseconds per call. "
          "philox.* rows compare with PyTorch's own generator doing the same operation (different values, same distribution).")


def nninit_bench_model(args, tmp):
    """model.1b for both: NNInit through `nninit bench` (its own child process), PyTorch in a subprocess."""
    row = next(r for r in nninit_bench_model_rows(args) if r["name"] == "model.1b")
    ours = {"seconds": row["seconds"], "peak_rss_bytes": row["peak_rss_bytes"], "parameters": row["shape"][0]}
    path = os.path.join(tmp, "torch-model.safetensors")
    theirs = child(MODEL_CHILD, args.threads, path)
    os.remove(path)
    return ours, theirs


def nninit_bench_model_rows(args):
    command = [args.nninit, "bench", "--json", "--threads", str(args.threads), "--filter", "model.1b"]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{run.stderr}")
    return json.loads(run.stdout)


if __name__ == "__main__":
    main()
