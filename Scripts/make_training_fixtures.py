#!/usr/bin/env python3
"""Generates the training fixtures under Tests/Fixtures/training/ (generated files: do not edit them).

PyTorch is the oracle for NNInit's Training module. For several small float32 networks this records,
with fixed inputs, targets and weights:
  - the forward output and the loss,
  - every parameter's gradient after loss.backward(),
  - every parameter after 3 steps (zero_grad, forward, backward, step) of each optimizer configuration,
    and the loss at each of those steps;
and, for every activation and loss on its own, outputs and input gradients for a fixed upstream gradient.

Files:
  <network>.safetensors   input, target, param.<key>, output, loss, grad.<key>, <optimizer>.<key>,
                          <optimizer>.losses (safetensors.torch.save_file)
  activations.safetensors x, g, and y.<name> / dx.<name> for each activation
  losses.safetensors      inputs, targets, and value.<case> / dx.<case> for each loss case
  networks.json           per network: loss, parameter keys (named_parameters order), optimizer configs;
                          the activation and loss cases; the torch version

Run from the package root (deterministic; re-running rewrites identical files):
    /work/venv/bin/python Scripts/make_training_fixtures.py
"""

import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "training")
torch.set_num_threads(1)


class Residual(nn.Module):
    """A user-defined module: h = x + fc2(tanh(fc1(x))), y = head(h)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 4)
        self.fc2 = nn.Linear(4, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(x + self.fc2(torch.tanh(self.fc1(x))))


def networks():
    """(name, model, input, target, loss name); each model built right after torch.manual_seed(i)."""
    specs = []

    torch.manual_seed(1)
    mlp = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 8), nn.GELU(), nn.Linear(8, 4))
    specs.append(("mlp", mlp, torch.randn(5, 6), torch.tensor([0, 3, 1, 2, 3]), "cross_entropy"))

    torch.manual_seed(2)
    conv = nn.Sequential(nn.Conv2d(2, 3, 3, stride=2, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(27, 4))
    specs.append(("conv", conv, torch.randn(2, 2, 5, 5), torch.tensor([1, 3]), "cross_entropy"))

    torch.manual_seed(3)
    conv_same = nn.Sequential(
        nn.Conv2d(2, 4, 3, padding="same", dilation=2, groups=2), nn.Tanh(),
        nn.Conv2d(4, 2, (2, 3), padding=1, padding_mode="reflect"), nn.Flatten(), nn.Linear(2 * 6 * 4, 3))
    specs.append(("conv_same", conv_same, torch.randn(2, 2, 5, 4), torch.tensor([2, 0]), "cross_entropy"))

    torch.manual_seed(4)
    conv1d = nn.Sequential(nn.Conv1d(3, 4, 3, stride=2, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(16, 2))
    specs.append(("conv1d", conv1d, torch.randn(3, 3, 7), torch.randn(3, 2), "mse"))

    torch.manual_seed(5)
    layernorm = nn.Sequential(nn.Linear(5, 6), nn.LayerNorm(6), nn.SiLU(), nn.Linear(6, 3))
    specs.append(("layernorm", layernorm, torch.randn(4, 5), torch.randn(4, 3), "mse"))

    torch.manual_seed(6)
    specs.append(("residual", Residual(), torch.randn(3, 4), torch.randn(3, 2), "mse"))

    torch.manual_seed(7)
    zoo = nn.Sequential(
        nn.Linear(4, 6), nn.LeakyReLU(0.2), nn.Linear(6, 6), nn.ELU(alpha=0.5), nn.Linear(6, 6), nn.SELU(),
        nn.Linear(6, 6), nn.Softplus(beta=2, threshold=1), nn.Linear(6, 6), nn.Sigmoid(), nn.Linear(6, 6),
        nn.GELU(approximate="tanh"), nn.Linear(6, 5), nn.Softmax(dim=1))
    specs.append(("zoo", zoo, 2 * torch.randn(4, 4), torch.rand(4, 5), "mse"))
    return specs


OPTIMIZERS = {
    "sgd": ("SGD", dict(lr=0.1, momentum=0.9, weight_decay=1e-4, nesterov=False)),
    "sgd_nesterov": ("SGD", dict(lr=0.1, momentum=0.9, weight_decay=1e-4, nesterov=True)),
    "sgd_dampening": ("SGD", dict(lr=0.05, momentum=0.5, dampening=0.3)),
    "adam": ("Adam", dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4)),
    "adam_amsgrad": ("Adam", dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, amsgrad=True)),
}


def loss_fn(name):
    return nn.CrossEntropyLoss() if name == "cross_entropy" else nn.MSELoss()


def network_fixture(name, model, x, target, loss_name):
    tensors = {"input": x, "target": target}
    initial = {k: v.detach().clone() for k, v in model.state_dict().items()}
    for k, v in initial.items():
        tensors["param." + k] = v
    out = model(x)
    loss = loss_fn(loss_name)(out, target)
    loss.backward()
    tensors["output"] = out.detach()
    tensors["loss"] = loss.detach().reshape(1)
    for k, p in model.named_parameters():
        tensors["grad." + k] = p.grad.detach().clone()
    for opt_name, (cls, kwargs) in OPTIMIZERS.items():
        model.load_state_dict(initial)
        opt = getattr(torch.optim, cls)(model.parameters(), **kwargs)
        losses = []
        for _ in range(3):
            opt.zero_grad()
            step_loss = loss_fn(loss_name)(model(x), target)
            step_loss.backward()
            opt.step()
            losses.append(step_loss.item())
        tensors[opt_name + ".losses"] = torch.tensor(losses)
        for k, p in model.named_parameters():
            tensors[opt_name + "." + k] = p.detach().clone()
    save_file({k: v.contiguous() for k, v in tensors.items()}, os.path.join(OUT, name + ".safetensors"))
    return {"loss": loss_name, "parameters": [k for k, _ in model.named_parameters()]}


ACTIVATIONS = {
    "relu": nn.ReLU(), "leaky_relu_0.2": nn.LeakyReLU(0.2), "elu": nn.ELU(), "elu_0.5": nn.ELU(alpha=0.5),
    "selu": nn.SELU(), "gelu": nn.GELU(), "gelu_tanh": nn.GELU(approximate="tanh"), "silu": nn.SiLU(),
    "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid(), "softplus": nn.Softplus(), "softplus_2_5": nn.Softplus(beta=2, threshold=5),
    "softmax_1": nn.Softmax(dim=1), "softmax_0": nn.Softmax(dim=0), "log_softmax_1": nn.LogSoftmax(dim=1),
    "log_softmax_-1": nn.LogSoftmax(dim=-1), "log_softmax_0": nn.LogSoftmax(dim=0), "identity": nn.Identity(),
}


def activation_fixture():
    torch.manual_seed(10)
    x = torch.cat([torch.linspace(-30, 30, 61), torch.tensor([-1e-3, 0.0, 1e-3, 2.5, -2.5]), 3 * torch.randn(34)]).reshape(10, 10)
    g = torch.randn(10, 10)
    tensors = {"x": x, "g": g}
    for name, act in ACTIVATIONS.items():
        xr = x.clone().requires_grad_()
        y = act(xr)
        y.backward(g)
        tensors["y." + name] = y.detach()
        tensors["dx." + name] = xr.grad.detach()
    save_file(tensors, os.path.join(OUT, "activations.safetensors"))
    return list(ACTIVATIONS)


def loss_fixture():
    torch.manual_seed(11)
    logits = 3 * torch.randn(6, 5)
    labels = torch.tensor([0, 4, -100, 2, 2, 1])
    logits3 = torch.randn(2, 3, 4)
    labels3 = torch.tensor([[0, 1, 2, 1], [2, 2, 0, -100]])
    pred, goal = torch.randn(3, 4), torch.randn(3, 4)
    tensors = {"logits": logits, "labels": labels, "logits3": logits3, "labels3": labels3, "pred": pred, "goal": goal}
    cases = {}
    for reduction in ["mean", "sum", "none"]:
        for name, (inp, tgt, fn) in {
            "ce": (logits, labels, nn.CrossEntropyLoss(reduction=reduction)),
            "ce3": (logits3, labels3, nn.CrossEntropyLoss(reduction=reduction)),
            "mse": (pred, goal, nn.MSELoss(reduction=reduction)),
        }.items():
            key = f"{name}_{reduction}"
            xr = inp.clone().requires_grad_()
            value = fn(xr, tgt)
            torch.manual_seed(12)
            upstream = torch.randn(value.shape) if reduction == "none" else torch.tensor(1.0)
            value.backward(upstream)
            tensors["value." + key] = value.detach().reshape(-1)
            tensors["upstream." + key] = upstream.reshape(-1)
            tensors["dx." + key] = xr.grad.detach()
            cases[key] = {"loss": name, "reduction": reduction}
    save_file(tensors, os.path.join(OUT, "losses.safetensors"))
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    index = {"torch_version": torch.__version__, "networks": {}, "optimizers": {}}
    for spec in networks():
        index["networks"][spec[0]] = network_fixture(*spec)
    for name, (cls, kwargs) in OPTIMIZERS.items():
        index["optimizers"][name] = {"class": cls, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}}
    index["activations"] = activation_fixture()
    index["losses"] = loss_fixture()
    with open(os.path.join(OUT, "networks.json"), "w") as f:
        json.dump(index, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
