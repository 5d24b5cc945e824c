#!/usr/bin/env python3
"""Fuzz the `nninit` command line and its file readers with hostile input (issue 10).

Python standard library only. Every case is a separate run of the binary under limits (address space,
CPU time, file size, wall-clock timeout) in a fresh directory next to a set of special files (a
character device made with mknod when running as root, a FIFO with a reader, links to both, a
dangling link, a directory, an existing file). A case fails when the run

  - crashes: killed by a signal, or exits with a status >= 128 (no signal is sent by the harness, so
    the documented signal exits 129/130/143 count as crashes here too), or prints a Swift trap;
  - hangs: exceeds the timeout, unless the arguments ask for large work (a number >= 10 000: a
    dimension, width or layer count), which is counted as "slow, proportional to the work" instead;
  - fails without a clear error: a non-zero exit whose standard error is not one `Error: ...` line
    (notes and warnings aside; swift-argument-parser's usage errors, status 64, may add Help/Usage);
  - leaves a file: a `.*.tmp` file, or any new file after a failure;
  - changes a special file (type, device number, link target, or the existing file's bytes).

Cases are generated deterministically from --seed: case i uses its own random.Random(seed, i), so a
failure is reproduced with `--only i`. Kinds: mutated model SPECs (init/show), init CALLs and shapes
(fill), option sets, hostile .safetensors/.npy files (inspect) and CSV files (lab train).

Short deterministic run (CI, < 2 minutes):
    python3 Scripts/fuzz/fuzz_cli.py --binary .build/debug/nninit --seed 1 --cli-cases 250 --file-cases 150
Long run (the acceptance figures of issue 10):
    python3 Scripts/fuzz/fuzz_cli.py --binary .build/debug/nninit --seed 7 --cli-cases 10000 --file-cases 5000 --jobs 2
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# ----------------------------------------------------------------------------------------------- corpora

SPECS = [
    "Linear(10, 5)", "Linear(784, 256), ReLU(), Linear(256, 10)", "Conv2d(3, 16, 3, padding=1), ReLU(), Flatten()",
    "LSTM(8, 16, num_layers=2, bidirectional=True)", "GRU(4, 8)", "RNN(4, 8, nonlinearity='relu')",
    "MultiheadAttention(8, 2)", "Embedding(10, 4, padding_idx=2)", "BatchNorm1d(4)", "LayerNorm((4, 5))",
    "GroupNorm(2, 4)", "ConvTranspose2d(4, 2, 3, stride=2)", "Conv1d(4, 5, 3, groups=1, bias=False)",
    "Sequential(Linear(4, 4), Tanh(), Sequential(Linear(4, 2)))", "Bilinear(3, 4, 5)", "Dropout(0.1), GELU(approximate='tanh')",
    "Linear(16 * 4, 10), LeakyReLU(0.2)", "Conv3d(1, 2, (1, 2, 3))", "Linear(int(10), 5, dtype=torch.float64)",
]
CALLS = [
    "uniform_(-0.1, 0.1)", "normal_(std=0.02)", "trunc_normal_(std=0.02, a=-0.04, b=0.04)", "constant_(0.5)",
    "ones_()", "zeros_()", "eye_()", "dirac_()", "xavier_uniform_(gain=5/3)", "xavier_normal_()",
    "kaiming_uniform_(a=math.sqrt(5))", "kaiming_normal_(mode='fan_out', nonlinearity='relu')", "orthogonal_()",
    "sparse_(0.1)", "uniform()", "nn.init.normal_(mean=1)",
]
SHAPES = ["3,4", "5", "", "2,3,4", "4,4", "1,1,3,3", "0,3", "64,64"]
NUMBERS = ["0", "1", "-1", "2", "3", "-0", "2**31", "2**32", "2**63-1", "-2**63", "10**12", "100000", "4294967296",
           "1e308", "1e-308", "-1e308", "math.inf", "math.nan", "0.5", "True", "None", "'x'", "()", "(1,)", "[2, 2]",
           "9223372036854775807", "9223372036854775808", "0x7fffffffffffffff", "1_000_000", "int(1e300)", "20000", "8192"]
HOSTILE_CHARS = ["í", "\u200b", "\u00a0", "\uff08", "\uff09", "\u2018", "\u201d", "\u2212", "\u00d7", "\x00", "\x7f", "\t",
                 "\n", "\\", "'", '"', "(", ")", ",", "=", "*", "**", "//", "%", "@", "#", ";", "[", "]", "{", "}",
                 "\U0001F600", "\u0301", "\ufeff", "\ud7ff", "ﬁ", "Ⅻ", ".", "..", "nn.", "torch."]
KEYWORDS = ["dtype=torch.float16", "dtype='float16'", "dtype='bogus'", "dtype=torch.float64", "device='cuda'",
            "device='cpu'", "device=None", "bias=None", "bias=2", "generator=1", "generator=None", "padding='same'",
            "groups=0", "groups=-1", "num_layers=0", "proj_size=-1", "padding_idx=-100", "x=1", "inplace=True"]
SEEDS = ["0", "-1", "42", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
         "-9223372036854775809", "1e3", "x", "", "--", "0x10", " 7"]
INTS = ["0", "1", "2", "-1", "-5", "3", "100000", "9223372036854775807", "9223372036854775808", "x", "", "1.5", "--help"]


def mutate_text(rng, text, pieces):
    """One to three random edits: replace a number, insert a hostile piece, delete, duplicate, splice."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        choice = rng.random()
        if choice < 0.3:
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                j = i
                while j < len(text) and (text[j].isdigit() or text[j] in "._e"):
                    j += 1
                text = text[:i] + rng.choice(NUMBERS) + text[j:]
                continue
        if choice < 0.55:
            i = rng.randint(0, len(text))
            text = text[:i] + rng.choice(HOSTILE_CHARS) + text[i:]
        elif choice < 0.65 and text:
            i = rng.randint(0, len(text) - 1)
            text = text[:i] + text[i + rng.randint(1, 4):]
        elif choice < 0.75 and ")" in text:
            i = text.rfind(")")
            text = text[:i] + ", " + rng.choice(KEYWORDS) + text[i:]
        elif choice < 0.85:
            text = text + ", " + rng.choice(pieces)
        elif choice < 0.9:
            depth = rng.choice([5, 99, 100, 101, 150, 1000])
            text = "Sequential(" * depth + text + ")" * depth
        elif choice < 0.95 and text:
            i, j = sorted(rng.sample(range(len(text) + 1), 2))
            text = text[:i] + text[i:j] * rng.randint(2, 5) + text[j:]
        else:
            text = rng.choice(pieces)
    return text


# --------------------------------------------------------------------------------------- hostile files

def safetensors_bytes(entries, metadata=None, header_override=None, pad=True):
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    data = b""
    for name, dtype, shape, raw in entries:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = header_override if header_override is not None else json.dumps(header, separators=(",", ":"))
    blob = text.encode("utf-8", "surrogatepass")
    if pad:
        blob += b" " * ((8 - len(blob) % 8) % 8)
    return struct.pack("<Q", len(blob)) + blob + data


def npy_bytes(descr, shape, raw, fortran=False, version=1, header_override=None):
    text = header_override if header_override is not None else \
        "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, tuple(shape))
    body = text.encode("latin-1", "replace")
    prefix = 10 if version == 1 else 12
    total = prefix + len(body) + 1
    body += b" " * ((64 - total % 64) % 64) + b"\n"
    length = struct.pack("<H", len(body)) if version == 1 else struct.pack("<I", len(body))
    return b"\x93NUMPY" + bytes([version, 0]) + length + body + raw


def hostile_file(rng):
    """(name, bytes, command) for a mutated .safetensors, .npy or .csv file."""
    kind = rng.choice(["safetensors", "safetensors", "npy", "npy", "csv"])
    floats = struct.pack("<6f", *[rng.uniform(-1, 1) for _ in range(6)])
    if kind == "safetensors":
        entries = [("w", "F32", [2, 3], floats), ("b", "F64", [1], struct.pack("<d", 0.5)), ("i", "I64", [], struct.pack("<q", 7))]
        header_override = None
        op = rng.random()
        if op < 0.3:
            name, dtype, shape, raw = entries[0]
            shape = rng.choice([[-1], [2 ** 62, 4], [2 ** 32, 2 ** 32], [0], [], [1] * 200, ["3"], [3.0], [True], None, [2 ** 64]])
            entries[0] = (name, rng.choice([dtype, "F16", "BF16", "I32", "f32", "U8", 32, None]), shape, raw)
        elif op < 0.45:
            header_override = rng.choice([
                "[]", "\"x\"", "{", "{}", "{\"a\":5}", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{}}",
                "[" * 100000, "{\"a\":" * 5000, "{\"__metadata__\":{\"x\":5}}", "{\"__metadata__\":[]}",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551615,4]}}",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,1e400]}}",
                "{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", "\ufeff{}", "{} trailing",
            ])
        blob = bytearray(safetensors_bytes(entries, metadata=rng.choice([None, {"format": "pt"}, {"x": "\u00e9"}]),
                                           header_override=header_override, pad=rng.random() < 0.8))
        name = "f.safetensors"
    elif kind == "npy":
        descr = rng.choice(["<f4", "<f4", "<f8", "<i8", ">f4", "|u1", "<f2", "<c8", "O", "<U3", "f4", "x"])
        shape = rng.choice([[2, 3], [6], [], [0], [3, 2], [2 ** 62, 2], [-1], [2 ** 40, 2 ** 40], [1] * 64])
        header_override = None
        if rng.random() < 0.2:
            header_override = rng.choice([
                "{}", "{'descr': '<f4'}", "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1}",
                "{'descr': '<f4', 'fortran_order': 'no', 'shape': (6,)}", "{'descr': '<f4', 'fortran_order': False, 'shape': 6}",
                "(" * 10000, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }" + "\x00" * 10, "not a dict",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (-0x10,)}", "{'descr': '<f4', 'fortran_order': False, 'shape': (1e3,)}",
            ])
        blob = bytearray(npy_bytes(descr, shape, floats, fortran=rng.random() < 0.2, version=rng.choice([1, 1, 2, 3, 4]),
                                   header_override=header_override))
        name = "f.npy"
    else:
        rows = ["a,b,label"] + ["%s,%s,%d" % (rng.uniform(-1, 1), rng.uniform(-1, 1), rng.randint(0, 2)) for _ in range(20)]
        op = rng.random()
        if op < 0.3:
            rows[rng.randint(0, len(rows) - 1)] = rng.choice(["", ",,", "nan,inf,1", "1,2", "1,2,3,4", "x,y,z", "\"a,b\",1,2",
                                                             "1e400,1,1", "a,a,a", "\x00,1,1", "1;2;3", "-,-,-"])
        elif op < 0.4:
            rows = rows[:1]
        elif op < 0.5:
            rows = ["a" * 100000 + ",b"] + rows[1:]
        blob = bytearray(("\r\n" if rng.random() < 0.2 else "\n").join(rows).encode())
        name = "f.csv"
    # Byte-level damage on top.
    for _ in range(rng.choice([0, 0, 1, 2, 5])):
        op = rng.random()
        if not blob:
            break
        if op < 0.4:
            i = rng.randrange(len(blob))
            blob[i] = rng.randrange(256)
        elif op < 0.6:
            del blob[rng.randrange(len(blob)):]
        elif op < 0.75:
            blob += bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif op < 0.9 and len(blob) >= 8:
            struct.pack_into("<Q", blob, 0, rng.choice([0, 1, 7, 2 ** 63, 2 ** 64 - 1, 100_000_001, len(blob) * 2]))
        else:
            i = rng.randrange(len(blob))
            blob[i:i] = blob[i:i + rng.randint(1, 32)]
    if name == "f.csv":
        command = ["lab", "train", "--data", name, "--epochs", "1", "--depth", "1", "--width", "4", "--batch-size", "8"]
        if rng.random() < 0.3:
            command += ["--target", rng.choice(["a", "label", "missing", ""])]
        if rng.random() < 0.3:
            command += ["--task", rng.choice(["auto", "classification", "regression", "bogus"])]
    else:
        command = ["inspect", name]
    return name, bytes(blob), command


# ------------------------------------------------------------------------------------------ CLI cases

OUTPUTS = ["out.safetensors", "out.npy", "existing.safetensors", "special/null", "special/null-link.safetensors",
           "special/fifo", "special/dangling.safetensors", "special/dir", "missing/dir/out.safetensors", "", "-",
           "out.bin", "out", ".safetensors", "special"]


def pick(rng, options):
    return rng.choice(options)


def cli_case(rng):
    kind = rng.choice(["init", "init", "fill", "fill", "show", "options", "signal"])
    if kind == "init" or kind == "show":
        spec = mutate_text(rng, pick(rng, SPECS), SPECS) if rng.random() < 0.85 else pick(rng, SPECS)
        args = [kind, "--model", spec]
        if kind == "init":
            if rng.random() < 0.4:
                args += ["--weight-init", mutate_text(rng, pick(rng, CALLS), CALLS) if rng.random() < 0.5 else pick(rng, CALLS)]
            if rng.random() < 0.3:
                args += ["--bias-init", pick(rng, CALLS)]
            if rng.random() < 0.5:
                args += ["--generator", pick(rng, ["torch", "philox"])]
            if rng.random() < 0.7:
                args += ["--output", pick(rng, OUTPUTS)]
            if rng.random() < 0.2:
                args += ["--print"]
    elif kind == "fill":
        call = mutate_text(rng, pick(rng, CALLS), CALLS) if rng.random() < 0.6 else pick(rng, CALLS)
        shape = pick(rng, SHAPES)
        if rng.random() < 0.5:
            parts = shape.split(",") if shape else []
            parts.append(pick(rng, INTS + ["4096", "65536", "100000", "0"]))
            rng.shuffle(parts)
            shape = ",".join(parts)
        args = ["fill", call, "--shape", shape, "--output", pick(rng, OUTPUTS)]
        if rng.random() < 0.5:
            args += ["--generator", pick(rng, ["torch", "philox"])]
    elif kind == "signal":
        args = ["lab", "signal", "--depth", pick(rng, ["-1", "0", "1", "2", "x"]), "--width", pick(rng, INTS[:7] + ["8", "16"]),
                "--batch", pick(rng, ["-1", "0", "4", "16", "100000"]), "--activation", pick(rng, ["relu", "tanh", "bogus", ""])]
        if rng.random() < 0.5:
            args += ["--init", mutate_text(rng, pick(rng, CALLS), CALLS)]
    else:
        command = pick(rng, [["init", "--model", "Linear(4, 3)"], ["fill", "normal_()", "--shape", "3,3"], ["show", "--model", "GRU(2, 3)"]])
        args = list(command)
        for _ in range(rng.randint(1, 5)):
            option = pick(rng, ["--seed", "--threads", "--dtype", "--generator", "--torch-kernels", "--shard-dim", "--shard-index",
                                "--shard-count", "--output", "--shape", "--model", "--print", "--weight-init", "--bogus", "-"])
            if option == "--seed":
                args += ["--seed", pick(rng, SEEDS)]
            elif option in ("--threads", "--shard-dim", "--shard-index", "--shard-count"):
                args += [option, pick(rng, INTS)]
            elif option == "--dtype":
                args += ["--dtype", pick(rng, ["float32", "float64", "int64", "float16", "bogus"])]
            elif option == "--generator":
                args += ["--generator", pick(rng, ["torch", "philox", "bogus"])]
            elif option == "--torch-kernels":
                args += ["--torch-kernels", pick(rng, ["scalar", "vectorized", "avx"])]
            elif option == "--output":
                args += ["--output", pick(rng, OUTPUTS)]
            elif option == "--shape":
                args += ["--shape", pick(rng, SHAPES + INTS)]
            elif option == "--model":
                args += ["--model", pick(rng, SPECS)]
            elif option == "--weight-init":
                args += ["--weight-init", pick(rng, CALLS)]
            else:
                args.append(option)
    if rng.random() < 0.4 and args[0] != "lab":
        args += ["--seed", pick(rng, SEEDS) if rng.random() < 0.3 else pick(rng, ["0", "42", "-1", "18446744073709551615"])]
    return args


# --------------------------------------------------------------------------------------------- runner

class Specials:
    """The special files next to every case, and their fingerprint."""

    def __init__(self, root):
        self.root = os.path.join(root, "special")
        os.makedirs(self.root)
        self.device = None
        if os.geteuid() == 0:
            self.device = os.path.join(self.root, "null")
            os.mknod(self.device, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)  # a null device of our own
            os.symlink("null", os.path.join(self.root, "null-link.safetensors"))
        self.fifo = os.path.join(self.root, "fifo")
        os.mkfifo(self.fifo)
        os.symlink("nowhere/target.safetensors", os.path.join(self.root, "dangling.safetensors"))
        os.mkdir(os.path.join(self.root, "dir"))
        self.stop = False
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        while not self.stop:
            try:
                with open(self.fifo, "rb") as f:
                    while f.read(1 << 20):
                        pass
            except OSError:
                time.sleep(0.01)

    def fingerprint(self):
        result = {}
        for name in sorted(os.listdir(self.root)):
            path = os.path.join(self.root, name)
            info = os.lstat(path)
            entry = [stat.S_IFMT(info.st_mode), info.st_rdev]
            if stat.S_ISLNK(info.st_mode):
                entry.append(os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as f:
                    entry.append(f.read())
            result[name] = entry
        return result

    def close(self):
        self.stop = True
        try:  # wake the reader blocked in open()
            fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass


def limits(memory_mb, cpu_seconds, file_mb):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_mb << 20, file_mb << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.nice(10)
    return apply


USAGE_LINES = ("Help:", "Usage:", "  See ", "OVERVIEW", "")


def requests_large_work(args):
    """Whether the arguments ask for work that may rightly take longer than the timeout: a number of
    at least 10 000, or a power such as 2**32 (a dimension, width, layer count) — e.g. 100000×64×64
    elements into a null device."""
    text = " ".join(args)
    for base, exponent in re.findall(r"(\d+)\s*\*\*\s*(\d+)", text):  # 2**32 layers, Embedding(10, 2**31)
        if int(exponent) < 200 and int(base) ** int(exponent) >= 10000:
            return True
    if any(int(literal, 16) >= 10000 for literal in re.findall(r"0[xX]([0-9a-fA-F]+)", text)):
        return True
    number = ""
    for c in text + " ":
        if c.isdigit():
            number += c
            continue
        if number and int(number) >= 10000:
            return True
        number = ""
    return False


def judge(result, timed_out, before, after, created, stderr, args):
    problems = []
    status = result.returncode
    if timed_out or status == -signal.SIGXCPU:  # the wall-clock timeout, or the CPU-time limit set above
        return [] if requests_large_work(args) else ["hang"]
    if status < 0:
        problems.append("crash: signal %d" % -status)
    elif status >= 128:
        problems.append("crash: exit %d" % status)
    if "Fatal error" in stderr or "Stack dump" in stderr or "Illegal instruction" in stderr:
        problems.append("crash: trap message")
    if status != 0 and status < 128:
        lines = [line for line in stderr.split("\n") if line and not line.startswith(("note: ", "UserWarning: ", "FutureWarning: "))]
        if not lines or not lines[0].startswith("Error: "):
            problems.append("unclear error: %r" % stderr[:300])
        elif len(lines) > 1 and not (status == 64 and all(line.startswith(USAGE_LINES) or line.startswith("  ") for line in lines[1:])):
            problems.append("error of %d lines: %r" % (len(lines), stderr[:300]))
    leftovers = [name for name in created if name.startswith(".") and name.endswith(".tmp")]
    if leftovers:
        problems.append("leftover temporary file: %s" % leftovers)
    elif status != 0 and created:
        problems.append("file left after a failure: %s" % created)
    if before != after:
        changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
        problems.append("special file changed: %s" % changed)
    return problems


def run_case(binary, root, specials, index, seed, options, lock):
    rng = random.Random(seed * 1_000_003 + index)
    is_file = index >= options.cli_cases
    directory = os.path.join(root, "case-%d" % index)
    os.makedirs(directory)
    os.symlink(specials.root, os.path.join(directory, "special"))
    with open(os.path.join(directory, "existing.safetensors"), "wb") as f:
        f.write(safetensors_bytes([("x", "F32", [1], struct.pack("<f", 1.0))]))
    if is_file:
        name, blob, args = hostile_file(rng)
        with open(os.path.join(directory, name), "wb") as f:
            f.write(blob)
    else:
        args = cli_case(rng)
    args = [argument.replace("\x00", "") for argument in args]  # exec cannot pass NUL; a shell cannot either
    baseline = set(os.listdir(directory))
    with lock:
        before = specials.fingerprint()
    timed_out = False
    start = time.time()
    try:
        result = subprocess.run([binary] + args, cwd=directory, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, timeout=options.timeout,
                                preexec_fn=limits(options.memory_mb, options.timeout, options.file_mb))
    except subprocess.TimeoutExpired as expired:
        timed_out = True
        result = subprocess.CompletedProcess(args, -9, b"", expired.stderr or b"")  # subprocess killed it
    elapsed = time.time() - start
    stderr = result.stderr.decode("utf-8", "replace") if isinstance(result.stderr, bytes) else str(result.stderr)
    with lock:
        after = specials.fingerprint()
    created = sorted(set(os.listdir(directory)) - baseline)
    problems = judge(result, timed_out, before, after, created, stderr, args)
    record = {"index": index, "kind": "file" if is_file else "cli", "args": args, "status": result.returncode,
              "slow": (timed_out or result.returncode == -signal.SIGXCPU) and not problems,
              "seconds": round(elapsed, 3), "problems": problems, "stderr": stderr[:400]}
    if problems and options.keep:
        kept = os.path.join(options.keep, "case-%d" % index)
        shutil.copytree(directory, kept, symlinks=True, dirs_exist_ok=True)
    shutil.rmtree(directory, ignore_errors=True)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/nninit")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli-cases", type=int, default=250)
    parser.add_argument("--file-cases", type=int, default=150)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=20, help="seconds per run before it counts as a hang")
    parser.add_argument("--memory-mb", type=int, default=6144, help="address-space limit per run (RLIMIT_AS)")
    parser.add_argument("--file-mb", type=int, default=256, help="file-size limit per run (RLIMIT_FSIZE)")
    parser.add_argument("--only", type=int, action="append", help="run only these case indices")
    parser.add_argument("--keep", help="copy the directory of every failing case here")
    parser.add_argument("--report", help="write every case's record as JSON lines here")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        sys.exit("fuzz: no executable at %s (run swift build first)" % binary)
    root = tempfile.mkdtemp(prefix="nninit-fuzz-")
    specials = Specials(root)
    lock = threading.Lock()
    indices = options.only or range(options.cli_cases + options.file_cases)
    counts = {"cli": 0, "file": 0}
    slow = [0]
    failures = []
    started = time.time()
    report = open(options.report, "w") if options.report else None
    try:
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            for record in pool.map(lambda i: run_case(binary, root, specials, i, options.seed, options, lock), indices):
                counts[record["kind"]] += 1
                slow[0] += record["slow"]
                if report:
                    report.write(json.dumps(record) + "\n")
                if record["problems"]:
                    failures.append(record)
                    print("FAIL case %d: %s\n  nninit %s" % (record["index"], "; ".join(record["problems"]),
                                                            " ".join(repr(a) for a in record["args"])), flush=True)
                done = counts["cli"] + counts["file"]
                if done % 500 == 0:
                    print("... %d cases, %d failures, %.0f s" % (done, len(failures), time.time() - started), flush=True)
    finally:
        specials.close()
        if report:
            report.close()
        shutil.rmtree(root, ignore_errors=True)
    print("fuzz: %d runs slower than %d s on large requested work (not failures)" % (slow[0], options.timeout))
    print("fuzz: seed %d: %d CLI runs, %d hostile files, %d failures (crashes %d, hangs %d, unclear errors %d, "
          "leftovers %d, special files changed %d) in %.0f s" % (
              options.seed, counts["cli"], counts["file"], len(failures),
              sum(any(p.startswith("crash") for p in f["problems"]) for f in failures),
              sum("hang" in f["problems"] for f in failures),
              sum(any(p.startswith(("unclear", "error of")) for p in f["problems"]) for f in failures),
              sum(any(p.startswith(("leftover", "file left")) for p in f["problems"]) for f in failures),
              sum(any(p.startswith("special") for p in f["problems"]) for f in failures), time.time() - started))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
