#!/usr/bin/env python3
"""Generates the interop fixtures under Tests/Fixtures/interop/ (generated files: do not edit them).

Writes small .safetensors files with the real `safetensors.torch.save_file`, .npy files with the real
`numpy.save`, and `python_fixtures.json` listing what each file must decode to as exact bit patterns
(hex strings of the stored integers: u16 for F16/BF16, u32 for F32, u64 for F64, two's-complement u64
for I64), plus PyTorch's own float32/float64 -> float16/bfloat16 roundings for edge cases.

Run from the package root (deterministic; re-running rewrites identical files):
    /work/venv/bin/python Scripts/make_interop_fixtures.py
"""

import json
import os
import struct

import numpy as np
import torch
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "interop")

BITS_VIEW = {  # torch dtype -> (integer dtype to view the storage as, mask for two's complement)
    torch.float16: (torch.int16, 0xFFFF),
    torch.bfloat16: (torch.int16, 0xFFFF),
    torch.float32: (torch.int32, 0xFFFFFFFF),
    torch.float64: (torch.int64, 0xFFFFFFFFFFFFFFFF),
    torch.int64: (torch.int64, 0xFFFFFFFFFFFFFFFF),
}
ST_NAME = {torch.float16: "F16", torch.bfloat16: "BF16", torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}


def bits(t: torch.Tensor) -> list:
    view, mask = BITS_VIEW[t.dtype]
    return [hex(int(v) & mask) for v in t.contiguous().view(view).flatten().tolist()]


def describe(t: torch.Tensor) -> dict:
    return {"dtype": ST_NAME[t.dtype], "shape": list(t.shape), "bits": bits(t)}


def header_order(path: str) -> list:
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    return [k for k in header if k != "__metadata__"]


def f32(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float32)


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    expected = {"safetensors": {}, "npy": {}, "conversions": {}}

    # 1. Native dtypes, 0-d and zero-size tensors, one metadata key (so the file is byte-reproducible).
    native = {
        "layer.weight": torch.randn(2, 3),
        "layer.bias": f32([0.0, -0.0, float("inf"), -float("inf"), 1e-45, 3.4028234663852886e38]),
        "scale": torch.tensor(0.5, dtype=torch.float32),
        "double": torch.tensor([1.0 / 3.0, -2.5e-310, 1e300], dtype=torch.float64),
        "num_batches_tracked": torch.tensor(7, dtype=torch.int64),
        "ids": torch.tensor([[0, -1], [2**63 - 1, -(2**63)]], dtype=torch.int64),
        "empty": torch.zeros(0, 3, dtype=torch.int64),
    }
    name = "python_f32_f64_i64.safetensors"
    save_file(native, os.path.join(OUT, name), metadata={"format": "pt"})
    expected["safetensors"][name] = {
        "metadata": {"format": "pt"},
        "order": header_order(os.path.join(OUT, name)),
        "tensors": {k: describe(v) for k, v in native.items()},
    }

    # 2. F16 and BF16 tensors as PyTorch rounds them from float32.
    halves_source = f32([1.0, -2.0, 65504.0, 65520.0, 2.0**-24, 0.1, 1.0 / 3.0, -0.0])
    half = {
        "half": halves_source.to(torch.float16).reshape(2, 4),
        "bhalf": halves_source.to(torch.bfloat16).reshape(4, 2),
        "half_scalar": torch.tensor(-1.5, dtype=torch.float16),
        "bhalf_empty": torch.zeros(0, dtype=torch.bfloat16),
    }
    name = "python_f16_bf16.safetensors"
    save_file(half, os.path.join(OUT, name))
    expected["safetensors"][name] = {
        "metadata": {},
        "order": header_order(os.path.join(OUT, name)),
        "tensors": {k: describe(v) for k, v in half.items()},
    }

    # 3. PyTorch's roundings for edge cases (ties, subnormals, overflow, NaN) and random values.
    edge = [1.0, -2.0, 65504.0, 65519.99609375, 65520.0, 65536.0, 1e6, 3.4028234663852886e38,
            float("inf"), -float("inf"), float("nan"), -0.0, 0.0,
            2.0**-24, 2.0**-25, 1.5 * 2.0**-25, 2.0**-26, 2.0**-14, 2.0**-14 - 2.0**-24, 1e-40, 1e-45,
            1 + 2.0**-11, 1 + 3 * 2.0**-11, 1 + 2.0**-8, 1 + 3 * 2.0**-8, 1 + 2.0**-8 + 2.0**-20,
            0.1, 1.0 / 3.0, -3.14159]
    source = torch.cat([f32(edge), torch.randn(64) * 100, torch.randn(32) * 1e-5])
    expected["conversions"]["float32"] = bits(source)
    expected["conversions"]["f16"] = bits(source.to(torch.float16))
    expected["conversions"]["bf16"] = bits(source.to(torch.bfloat16))
    wide = torch.tensor([1 + 2.0**-11 + 2.0**-40, 1 + 2.0**-8 + 2.0**-40, 1e-300, 65519.999, 0.1], dtype=torch.float64)
    expected["conversions"]["float64"] = bits(wide)
    expected["conversions"]["f16_from_f64"] = bits(wide.to(torch.float16))
    expected["conversions"]["bf16_from_f64"] = bits(wide.to(torch.bfloat16))

    # 4. .npy files written by numpy.save, including a Fortran-order array.
    arrays = {
        "python_f32.npy": np.arange(12, dtype="<f4").reshape(3, 4) / 7,
        "python_f64.npy": np.array([0.1, -0.0, np.inf, 1e-310, 2.0**60], dtype="<f8"),
        "python_i64_scalar.npy": np.array(-42, dtype="<i8"),
        "python_f32_empty.npy": np.zeros((0, 3), dtype="<f4"),
        "python_i64_fortran.npy": np.asfortranarray(np.arange(24, dtype="<i8").reshape(2, 3, 4)),
    }
    for name, array in arrays.items():
        np.save(os.path.join(OUT, name), array)
        t = torch.from_numpy(np.ascontiguousarray(array))
        expected["npy"][name] = {"descr": array.dtype.str, "fortran_order": bool(np.isfortran(array)),
                                 "shape": list(array.shape), "bits": bits(t)}

    with open(os.path.join(OUT, "python_fixtures.json"), "w") as f:
        json.dump({"_generated": "by Scripts/make_interop_fixtures.py; do not edit",
                   "versions": {"torch": torch.__version__.split("+")[0], "numpy": np.__version__,
                                "safetensors": __import__("safetensors").__version__},
                   **expected}, f, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
