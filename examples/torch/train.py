"""Winnow inside an ordinary PyTorch training loop (NumPy + torch only).

    PYTHONPATH=python python3 examples/torch/train.py runs/torch-proxy               # record a store
    PYTHONPATH=python python3 examples/torch/train.py runs/torch-pruned --keep-list runs/torch-keep.csv

Fashion-MNIST (the first 3,000 training images; FASHION_MNIST_DIR or /usr/share/datasets/fashion-mnist), an
MLP 784-128-10, 3 epochs. Without --keep-list it records every example's dynamics with winnow_torch.Recorder
(presentations while training, a checkpoint pass after each epoch) and prints the store's path last; with
--keep-list it trains on the kept examples through KeepListSampler, each loss times its weight.
"""
import argparse
import contextlib
import gzip
import os

import numpy as np
import torch
import torch.nn.functional as F

from winnow_torch import KeepListSampler, Recorder

TRAIN, TEST, EPOCHS, BATCH = 3000, 1000, 3, 64


def idx(path, n):
    with gzip.open(path) as f:
        data = f.read()
    rank = data[3]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank)[: n * (784 if rank == 3 else 1)]


class Indexed(torch.utils.data.Dataset):
    """(image, label, position): the position is what the recorder and the keep-list need."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i], i


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--keep-list")
    args = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(int(os.environ.get("WINNOW_THREADS", "2")))
    root = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
    x = torch.tensor(idx(f"{root}/train-images-idx3-ubyte.gz", TRAIN).reshape(TRAIN, 784) / 255.0, dtype=torch.float32)
    y = torch.tensor(idx(f"{root}/train-labels-idx1-ubyte.gz", TRAIN), dtype=torch.int64)
    tx = torch.tensor(idx(f"{root}/t10k-images-idx3-ubyte.gz", TEST).reshape(TEST, 784) / 255.0, dtype=torch.float32)
    ty = torch.tensor(idx(f"{root}/t10k-labels-idx1-ubyte.gz", TEST), dtype=torch.int64)
    train = Indexed(x, y)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

    sampler = KeepListSampler(args.keep_list, TRAIN) if args.keep_list else None
    loader = torch.utils.data.DataLoader(train, batch_size=BATCH, shuffle=sampler is None, sampler=sampler)
    eval_loader = torch.utils.data.DataLoader(train, batch_size=512, shuffle=False)
    recording = contextlib.nullcontext() if sampler else Recorder(args.out, labels=y, num_classes=10, force=True)
    with recording as rec:                        # an exception inside leaves no store behind
        for epoch in range(EPOCHS):
            for xb, yb, pos in loader:
                out = model(xb)
                losses = F.cross_entropy(out, yb, reduction="none")
                loss = (losses * sampler.weights[pos]).mean() if sampler else losses.mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
                if rec:
                    rec.record(pos, out)          # the presentation observation: free
            if rec:
                rec.end_epoch()
                rec.checkpoint(model, eval_loader)  # an eval-mode pass over the training set
    with torch.no_grad():
        acc = (model(tx).argmax(1) == ty).float().mean().item()
    print(f"{len(sampler) if sampler else TRAIN} examples: test accuracy {acc:.3f}")
    if rec:
        print(rec.out_dir)                        # the store exists from here on


if __name__ == "__main__":
    main()
