#!/usr/bin/python3
"""Per-op timings of the bench models' training step in plain PyTorch: the counterpart of Winnow's
`OpBench` (winnow-bench), same ops, shapes and order, so that the two can be compared op by op.

Ops (batch 128, Fashion-MNIST shapes): conv1 = conv2d [128,1,28,28] * [16,1,3,3] pad 1, conv2 = conv2d
[128,16,14,14] * [32,16,3,3] pad 1, fc = linear [128,1568] -> 128, mlp1 = linear [128,784] -> 256, each
forward alone (`fwd`) and forward + backward of the sum (`fwdbwd`, weight and bias gradients; conv2 and fc
also the input's); `relu`, `maxpool` forward; `cnn-step` / `mlp-step` = one full SGD step of the bench models
(forward, cross_entropy, zero_grad, backward, momentum step).

Prints one line per op: `op NAME wall_ms W cpu_ms C faults F` (medians over rounds of the mean per call: wall
clock, this thread's CPU time, the process's minor page faults, which do not depend on the machine's load) and a
header line with the torch configuration. Run: /usr/bin/python3 scripts/bench/op_bench.py --threads 1 --rounds 5
Environment knobs worth trying: ONEDNN_VERBOSE=1 (oneDNN primitives, one line per call), WINNOW_OPS_MKLDNN=0
(torch.backends.mkldnn off).
"""
import argparse
import os
import resource
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn


def timed(fn, calls):
    fn()
    f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    w0, c0 = time.perf_counter(), time.thread_time()
    for _ in range(calls):
        fn()
    w, c = (time.perf_counter() - w0) * 1e3 / calls, (time.thread_time() - c0) * 1e3 / calls
    return w, c, (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0) / calls


def ops():
    g = torch.Generator().manual_seed(0)

    def r(*s, grad=False):
        t = torch.randn(*s, generator=g)
        return t.requires_grad_(grad)

    x1 = r(128, 1, 28, 28)
    w1, b1 = r(16, 1, 3, 3, grad=True), r(16, grad=True)
    x2 = r(128, 16, 14, 14, grad=True)
    w2, b2 = r(32, 16, 3, 3, grad=True), r(32, grad=True)
    xf = r(128, 1568, grad=True)
    wf, bf = r(128, 1568, grad=True), r(128, grad=True)
    xm = r(128, 784)
    wm, bm = r(256, 784, grad=True), r(256, grad=True)
    xr = r(128, 16, 28, 28)

    def fb(f):
        def run():
            f().sum().backward()
        return run

    def nograd(f):
        def run():
            with torch.no_grad():
                f()
        return run

    out = {
        "conv1 fwd": nograd(lambda: F.conv2d(x1, w1, b1, padding=1)),
        "conv1 fwdbwd": fb(lambda: F.conv2d(x1, w1, b1, padding=1)),
        "conv2 fwd": nograd(lambda: F.conv2d(x2, w2, b2, padding=1)),
        "conv2 fwdbwd": fb(lambda: F.conv2d(x2, w2, b2, padding=1)),
        "fc fwd": nograd(lambda: F.linear(xf, wf, bf)),
        "fc fwdbwd": fb(lambda: F.linear(xf, wf, bf)),
        "mlp1 fwd": nograd(lambda: F.linear(xm, wm, bm)),
        "mlp1 fwdbwd": fb(lambda: F.linear(xm, wm, bm)),
        "relu fwd": nograd(lambda: F.relu(xr)),
        "maxpool fwd": nograd(lambda: F.max_pool2d(xr, 2, 2)),
    }
    for name in ("cnn", "mlp"):
        if name == "cnn":
            net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                nn.Flatten(), nn.Linear(1568, 128), nn.ReLU(), nn.Linear(128, 10))
            x = x1
        else:
            net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                                nn.Linear(128, 10))
            x = x1
        y = torch.randint(0, 10, (128,), generator=g)
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

        def step(net=net, x=x, y=y, opt=opt):
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        out[name + "-step"] = step
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ms", type=float, default=300, help="about this many milliseconds per op and round")
    ap.add_argument("--only", default=None, help="comma-separated op names (prefix match)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    if os.environ.get("WINNOW_OPS_MKLDNN") == "0":
        torch.backends.mkldnn.enabled = False
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} mkldnn {torch.backends.mkldnn.enabled}"
          f" capability {torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else 'n/a'}",
          flush=True)
    table = ops()
    if a.only:
        keys = [k for k in table if any(k.replace(" ", ".").startswith(p) for p in a.only.split(","))]
    else:
        keys = list(table)
    calls = {}
    for k in keys:
        w = timed(table[k], 3)[0]
        calls[k] = max(3, int(a.ms / max(w, 0.01)))
    res = {k: ([], [], []) for k in keys}
    for _ in range(a.rounds):
        for k in keys:  # interleaved: every op once per round
            for i, v in enumerate(timed(table[k], calls[k])):
                res[k][i].append(v)
    for k in keys:
        print(f"op {k.replace(' ', '.')} wall_ms {statistics.median(res[k][0]):.3f} cpu_ms {statistics.median(res[k][1]):.3f}"
              f" faults {statistics.median(res[k][2]):.0f} calls {calls[k]}", flush=True)


if __name__ == "__main__":
    main()
