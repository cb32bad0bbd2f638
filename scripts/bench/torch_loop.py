#!/usr/bin/python3
"""The plain PyTorch loop `winnow bench train` compares Winnow's training loop with.

Same models, data and settings as `winnow train` (mlp 784-256-128-10 or cnn conv16-conv32-fc128-10 on
Fashion-MNIST standardised with the training split's mean and deviation; He-initialised weights; batch 128,
SGD with momentum 0.9, lr 0.05 on a per-batch cosine schedule), written the way a user would write it: the
whole training set in one tensor, a permutation per epoch, each batch gathered by index, then forward,
cross_entropy, backward, step -- nothing else.

With --channels-last (cnn) the model and the images use PyTorch's channels_last memory format, a
PyTorch user's own switch for CNNs on CPU, which Winnow's CNN uses inside; the bench reports it beside the
plain loop, not instead of it.
Prints `blas PATH` (the BLAS library PyTorch loaded: Debian's reference libblas makes matrix products
many times slower than OpenBLAS; install libopenblas0 for a fair baseline), one line per epoch,
`epoch E seconds S cpu C` (wall-clock and process CPU seconds), then `test_accuracy A`. Exits 3 with `torch unavailable: WHY` when torch cannot be
imported.
Run: /usr/bin/python3 scripts/bench/torch_loop.py --model mlp --epochs 3 --threads 1
"""
import argparse
import gzip
import math
import os
import struct
import time

import sys

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn
except Exception as e:  # ImportError, or a missing shared library underneath
    print(f"torch unavailable: {type(e).__name__}: {e}", flush=True)
    sys.exit(3)


def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(folder, stem):
    for name in (stem + ".gz", stem):
        p = os.path.join(folder, name)
        if os.path.exists(p):
            return p
    raise SystemExit(f"{folder}: missing {stem}")


def blas():
    """The BLAS library mapped into this process (after torch's import), or 'unknown'."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                base = os.path.basename(path)
                if base.startswith(("libblas", "libopenblas", "libmkl_rt", "libblis")):
                    return os.path.realpath(path)
    except OSError:
        pass
    return "unknown"


def model(name):
    if name == "mlp":
        body = [nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU()]
    elif name == "cnn":
        body = [nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU()]
    else:
        raise SystemExit(f"unknown model {name} (mlp or cnn)")
    net = nn.Sequential(*body, nn.Linear(128, 10))
    for m in net.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            gain = 1.0 if m is net[-1] else 2.0
            nn.init.normal_(m.weight, 0.0, math.sqrt(gain / (m.weight[0].numel())))
            nn.init.zeros_(m.bias)
    return net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="mlp")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None, help="first N training examples only")
    ap.add_argument("--channels-last", action="store_true",
                    help="cnn: model and images in channels_last memory format (as Winnow's CNN runs inside)")
    ap.add_argument("--data", default=os.environ.get("FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    print(f"blas {blas()}", flush=True)

    x = read_idx(find(a.data, "train-images-idx3-ubyte"))[:a.limit].astype(np.float64) / 255.0
    mean, sd = x.mean(), x.std()
    x = torch.from_numpy(((x - mean) / sd).astype(np.float32)).unsqueeze(1)
    y = torch.from_numpy(read_idx(find(a.data, "train-labels-idx1-ubyte"))[:a.limit].astype(np.int64))
    tx = torch.from_numpy(((read_idx(find(a.data, "t10k-images-idx3-ubyte")) / 255.0 - mean) / sd).astype(np.float32)).unsqueeze(1)
    ty = torch.from_numpy(read_idx(find(a.data, "t10k-labels-idx1-ubyte")).astype(np.int64))

    net = model(a.model)
    if a.channels_last:
        if a.model != "cnn":
            raise SystemExit("--channels-last is for the cnn")
        net = net.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=0.9)
    n = x.shape[0]
    for epoch in range(1, a.epochs + 1):
        net.train()
        t0 = time.perf_counter()
        c0 = time.process_time()
        perm = torch.randperm(n)
        for start in range(0, n, a.batch):
            for g in opt.param_groups:
                g["lr"] = a.lr * 0.5 * (1 + math.cos(math.pi * (epoch - 1 + start / n) / a.epochs))
            idx = perm[start:start + a.batch]
            loss = F.cross_entropy(net(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} seconds {time.perf_counter() - t0:.4f} cpu {time.process_time() - c0:.4f}", flush=True)
    net.eval()
    with torch.no_grad():
        acc = sum((net(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(ty), 1000))
    print(f"test_accuracy {acc / len(ty):.4f}", flush=True)


if __name__ == "__main__":
    main()
