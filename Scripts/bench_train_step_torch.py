"""PyTorch's twin of NNInit's `train.step` benchmark (`nninit bench --filter train.step`).

One SGD step (lr 0.01, momentum 0.9) of an MLP of 20 Linear(256, 256) layers with ReLU between them,
batch 256, CrossEntropyLoss, float32; median of 20 steps after 3 warm-up steps.
Usage: python Scripts/bench_train_step_torch.py [threads]
"""
import statistics, sys, time
import torch, torch.nn as nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(*[m for i in range(20) for m in ([nn.ReLU()] if i else []) + [nn.Linear(256, 256)]])
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
x, y = torch.randn(256, 256), torch.arange(256) % 256
times = []
for step in range(23):
    start = time.perf_counter()
    opt.zero_grad(); loss = nn.CrossEntropyLoss()(model(x), y); loss.backward(); opt.step()
    if step >= 3:
        times.append(time.perf_counter() - start)
print(f"torch train.step threads={threads}: median {statistics.median(times) * 1e3:.2f} ms, min {min(times) * 1e3:.2f} ms")
