#!/usr/bin/env python3
"""PyTorch reference for the init lab (`nninit lab`): the same data, networks, inits and batches.

Runs the lab's signal and training experiments in PyTorch and writes
Tests/Fixtures/lab/torch_reference.json, which Tests/LabTests compare against:

    venv/bin/python Scripts/lab_torch_reference.py            # small configurations + acceptance signals
    venv/bin/python Scripts/lab_torch_reference.py --compare  # also the default `nninit lab` grid (minutes)

Everything mirrors the Swift side (Sources/Lab):
- digits: Sources/Lab/Resources/DigitsData.swift decoded, pixels / 16, split by
  torch.randperm(1797, generator=torch.Generator().manual_seed(0)): first 1400 train, rest test;
- the MLP: torch.manual_seed(seed); nn.Sequential(Linear, act, ..., Linear) (PyTorch's default init draws),
  then for every Linear in order: weight init, then bias init (zeros_ unless `default`);
- signal: x = torch.randn(B, W) and g = torch.randn(B, W) after the model, (y * g).sum().backward();
  statistics over all elements, population std, in float64;
- training: batch order torch.randperm(n_train, generator=torch.Generator().manual_seed(seed + 1)) per epoch,
  CrossEntropyLoss / MSELoss, a loss or gradient that is not finite stops the run before the step.
"""
import argparse
import json
import math
import platform
import time
from pathlib import Path

import torch
import torch.nn as nn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "lab" / "torch_reference.json"
ACTIVATIONS = {"relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
DEFAULT_INITS = ["uniform_(-0.1, 0.1)", "xavier_uniform_()", "kaiming_uniform_(nonlinearity='relu')", "constant_(0.5)", "default"]


# ---------------------------------------------------------------- data

def decoded_digits():
    text = (ROOT / "Sources" / "Lab" / "Resources" / "DigitsData.swift").read_text()
    body = text.split('let _digitsEncoded = """\n', 1)[1].split('"""', 1)[0]
    lines = [l for l in body.split("\n") if l]
    labels = torch.tensor([int(l[0]) for l in lines])
    pixels = torch.tensor([[int(c, 17) for c in l[1:]] for l in lines], dtype=torch.float32)
    return pixels, labels


class Dataset:
    def __init__(self, name, classification, outputs, xtr, ytr, xte, yte):
        self.name, self.classification, self.outputs = name, classification, outputs
        self.xtr, self.ytr, self.xte, self.yte = xtr, ytr, xte, yte


def digits(split_seed=0):
    pixels, labels = decoded_digits()
    perm = torch.randperm(1797, generator=torch.Generator().manual_seed(split_seed))
    x = pixels / 16
    tr, te = perm[:1400], perm[1400:]
    return Dataset("digits", True, 10, x[tr], labels[tr], x[te], labels[te]), perm


def spirals(per_class=500, seed=0):
    n = 2 * per_class
    g = torch.Generator().manual_seed(seed)
    t = torch.empty(n, dtype=torch.float64).uniform_(0, 1, generator=g)
    e = torch.empty(n, 2, dtype=torch.float64).normal_(0, 1, generator=g)
    label = torch.arange(n) // per_class
    theta = 4 * math.pi * t + math.pi * label.double()
    x = torch.stack([2 * t * torch.cos(theta) + 0.05 * e[:, 0], 2 * t * torch.sin(theta) + 0.05 * e[:, 1]], 1).float()
    perm = torch.randperm(n, generator=g)
    k = n * 4 // 5
    return Dataset("spirals", True, 2, x[perm[:k]], label[perm[:k]], x[perm[k:]], label[perm[k:]])


def teacher(samples=2000, seed=0):
    torch.manual_seed(seed)
    net = mlp(16, 32, 1, 3, "tanh", "kaiming_normal_(nonlinearity='tanh')", "default", seed=None)
    x = torch.randn(samples, 16)
    with torch.no_grad():
        y = net(x).double().squeeze(1)
    perm = torch.randperm(samples)
    k = samples * 4 // 5
    ytr, yte = y[perm[:k]], y[perm[k:]]
    mean, std = ytr.mean(), ytr.std(unbiased=False)
    return Dataset("teacher", False, 1, x[perm[:k]], ((ytr - mean) / std).float(), x[perm[k:]], ((yte - mean) / std).float())


# ---------------------------------------------------------------- networks

def call_init(call, tensor):
    """Runs a CALL such as "kaiming_uniform_(nonlinearity='relu')" on tensor."""
    name, args = call.split("(", 1)
    eval(f"nn.init.{name}(tensor, {args}", {"nn": nn, "tensor": tensor, "math": math})


def mlp(inputs, width, outputs, depth, activation, weight_init, bias_init=None, seed=0):
    """The lab MLP, as NNInit builds it (seed=None: keep the current default generator state)."""
    if seed is not None:
        torch.manual_seed(seed)
    layers = []
    for i in range(depth):
        layers.append(nn.Linear(inputs if i == 0 else width, outputs if i == depth - 1 else width))
        if i < depth - 1:
            layers.append(ACTIVATIONS[activation]())
    model = nn.Sequential(*layers)
    if bias_init is None:
        bias_init = "default" if weight_init == "default" else "zeros_()"
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Linear):
                if weight_init != "default":
                    call_init(weight_init, m.weight)
                if bias_init != "default":
                    call_init(bias_init, m.bias)
    return model


def inactive(activation, z, a):
    if activation == "relu":
        return (a == 0).double().mean().item()
    if activation == "leaky_relu":
        return (z < 0).double().mean().item()
    if activation == "tanh":
        return (a.abs() > 0.99).double().mean().item()
    return ((a < 0.01) | (a > 0.99)).double().mean().item()


def finite(x):
    return x if math.isfinite(x) else None


# ---------------------------------------------------------------- experiments

def signal(depth, width, activation, init, batch=256, seed=0, bias_init=None):
    model = mlp(width, width, width, depth, activation, init, bias_init, seed)
    outputs = []
    def hook(mod, inp, out):
        out.retain_grad()
        outputs.append((mod, inp[0], out))

    for m in model:
        m.register_forward_hook(hook)
    x = torch.randn(batch, width)
    y = model(x)
    g = torch.randn(batch, width)
    (y * g).sum().backward()
    layers = []
    linears = [(i, o) for i, o in enumerate(outputs) if isinstance(o[0], nn.Linear)]
    for k, (i, (mod, _, z)) in enumerate(linears):
        zd = z.detach().double()
        rec = {"layer": k + 1, "linear_output_mean": finite(zd.mean().item()), "linear_output_std": finite(zd.std(unbiased=False).item()),
               "output_grad_std": finite(z.grad.double().std(unbiased=False).item()),
               "weight_grad_norm": finite(mod.weight.grad.double().norm().item())}
        if k < len(linears) - 1:
            a = outputs[i + 1][2].detach()
            rec["activation_mean"] = finite(a.double().mean().item())
            rec["activation_std"] = finite(a.double().std(unbiased=False).item())
            rec["dead_fraction"] = inactive(activation, z.detach(), a)
        layers.append(rec)
    return {"depth": depth, "width": width, "activation": activation, "init": init, "bias_init": bias_init,
            "batch": batch, "seed": seed, "layers": layers}


def evaluate(model, ds):
    model.eval()
    with torch.no_grad():
        out = model(ds.xte)
        if ds.classification:
            loss = nn.functional.cross_entropy(out, ds.yte).item()
            ok = torch.isfinite(out).all(1) & (out.argmax(1) == ds.yte)
            acc = ok.double().mean().item()
        else:
            loss = nn.functional.mse_loss(out, ds.yte.unsqueeze(1)).item()
            acc = None
    model.train()
    return loss, acc


def train(ds, depth, width, activation, init, optimizer="sgd", lr=0.01, momentum=0.9, weight_decay=0.0, epochs=20,
          batch_size=32, seed=0, bias_init=None):
    model = mlp(ds.xtr.shape[1], width, ds.outputs, depth, activation, init, bias_init, seed)
    if optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    criterion = nn.CrossEntropyLoss() if ds.classification else nn.MSELoss()
    shuffle = torch.Generator().manual_seed(seed + 1)
    n = ds.xtr.shape[0]
    step, epochs_out, diverged, step_losses = 0, [], None, []
    for epoch in range(1, epochs + 1):
        perm = torch.randperm(n, generator=shuffle)
        total = 0.0
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            step += 1
            out = model(ds.xtr[idx])
            target = ds.ytr[idx] if ds.classification else ds.ytr[idx].unsqueeze(1)
            loss = criterion(out, target)
            if not torch.isfinite(loss):
                diverged = {"step": step, "epoch": epoch, "what": "loss"}
                break
            opt.zero_grad()
            loss.backward()
            if not all(torch.isfinite(p.grad).all() for p in model.parameters()):
                diverged = {"step": step, "epoch": epoch, "what": "gradient"}
                break
            opt.step()
            total += loss.item() * len(idx)
            if len(step_losses) < 50:
                step_losses.append(loss.item())
        if diverged:
            break
        test_loss, acc = evaluate(model, ds)
        epochs_out.append({"epoch": epoch, "train_loss": total / n, "test_loss": finite(test_loss), "test_accuracy": acc})
    test_loss, acc = evaluate(model, ds)
    return {"dataset": ds.name, "depth": depth, "width": width, "activation": activation, "init": init, "bias_init": bias_init,
            "optimizer": optimizer, "lr": lr, "momentum": momentum, "weight_decay": weight_decay, "epochs": epochs,
            "batch_size": batch_size, "seed": seed, "epoch_records": epochs_out, "first_step_losses": step_losses,
            "final": {"train_loss": epochs_out[-1]["train_loss"] if epochs_out else None, "test_accuracy": acc,
                      "test_loss": finite(test_loss), "diverged": diverged is not None,
                      "diverged_at_step": diverged["step"] if diverged else None,
                      "diverged_at_epoch": diverged["epoch"] if diverged else None,
                      "divergence": diverged["what"] if diverged else None}}


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", action="store_true", help="also run the default `nninit lab` grid")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    previous = json.loads(OUT.read_text()) if OUT.exists() else {}

    d, perm = digits()
    sp, te = spirals(), teacher()
    data = {
        "digits_split_permutation_head": perm[:32].tolist(),
        "digits_train_label_counts": torch.bincount(d.ytr, minlength=10).tolist(),
        "digits_test_first_labels": d.yte[:16].tolist(),
        "digits_train_pixel_sum": d.xtr.double().sum().item(),
        "spirals_train_first": d_rows(sp.xtr[:5], sp.ytr[:5]),
        "spirals_test_first": d_rows(sp.xte[:5], sp.yte[:5]),
        "teacher_train_first": d_rows(te.xtr[:3], te.ytr[:3]),
        "teacher_test_first": d_rows(te.xte[:3], te.yte[:3]),
    }
    small = []
    for activation, init in [("relu", "kaiming_normal_(nonlinearity='relu')"), ("relu", "xavier_normal_()"), ("relu", "default"),
                             ("relu", "uniform_(-0.1, 0.1)"), ("relu", "constant_(0.5)"), ("tanh", "xavier_normal_()"),
                             ("tanh", "default"), ("sigmoid", "xavier_uniform_()"), ("leaky_relu", "kaiming_uniform_(a=0.01)")]:
        small.append(signal(5, 32, activation, init, batch=64, seed=3))
    acceptance = [signal(20, 256, a, i) for a, i in [
        ("relu", "kaiming_normal_(nonlinearity='relu')"), ("relu", "xavier_normal_()"), ("tanh", "xavier_normal_()"),
        ("sigmoid", "xavier_normal_()"), ("tanh", "kaiming_normal_(nonlinearity='tanh')")]]
    short = [
        train(d, 3, 32, "relu", "kaiming_uniform_(nonlinearity='relu')", epochs=2),
        train(d, 4, 32, "tanh", "xavier_uniform_()", optimizer="adam", lr=0.001, epochs=2, seed=5),
        train(d, 3, 32, "relu", "default", epochs=1, batch_size=50),
        train(sp, 3, 16, "tanh", "xavier_normal_()", epochs=2, lr=0.05),
        train(te, 3, 16, "tanh", "xavier_normal_()", optimizer="adam", lr=0.003, epochs=2),
        train(d, 5, 32, "relu", "kaiming_uniform_(nonlinearity='relu')", lr=2.0, epochs=1),  # diverges: loss ×1e11 per step
    ]
    result = {
        "generated_by": "Scripts/lab_torch_reference.py — generated, do not edit",
        "torch": torch.__version__, "python": platform.python_version(), "machine": platform.machine(),
        "threads": torch.get_num_threads(),
        "data": data, "signal": small, "acceptance_signal": acceptance, "train": short,
        "compare": previous.get("compare"),
    }
    if args.compare:
        start = time.time()
        runs = []
        for activation in ["relu", "tanh"]:
            for depth in [5, 20]:
                for init in DEFAULT_INITS:
                    r = train(d, depth, 128, activation, init)
                    print(activation, depth, init, r["final"], flush=True)
                    runs.append(r)
        signals = [signal(depth, 128, activation, init)
                   for activation in ["relu", "tanh"] for depth in [5, 20] for init in DEFAULT_INITS]
        result["compare"] = {"seconds": time.time() - start, "training": runs,
                             "signal": [{k: s[k] for k in ("depth", "activation", "init")} |
                                        {"last_linear_output_std": s["layers"][-1]["linear_output_std"]} for s in signals]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    print("wrote", OUT.relative_to(ROOT))


def d_rows(x, y):
    return {"features": x.tolist(), "targets": y.tolist()}


if __name__ == "__main__":
    main()
