"""Two epochs of a small classifier recorded with winnow_torch.Recorder, and the same logits saved for
`winnow import`: OUT/store (the recorder's), OUT/logits.npy [T, N, C], OUT/features.npy [T, N, D],
OUT/labels.npy, OUT/obs.json, in the recorder's observation order. Epoch 2 trains on the even positions
only, so the odd ones are not presented (NaN). Usage: two_epochs.py OUT"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

from winnow_torch import Recorder

out = sys.argv[1]
torch.manual_seed(0)
n, d, c, hidden = 96, 6, 3, 8
x = torch.randn(n, d)
y = (x[:, 0] + 0.5 * x[:, 1] > 0).long() + (x[:, 2] > 1).long()


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Linear(d, hidden)
        self.head = torch.nn.Linear(hidden, c)

    def forward(self, inp):
        h = torch.relu(self.body(inp))
        return self.head(h), h


class Indexed(torch.utils.data.Dataset):
    def __len__(self):
        return n

    def __getitem__(self, i):
        return x[i], y[i], i


model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
eval_loader = torch.utils.data.DataLoader(Indexed(), batch_size=40, shuffle=False)
logits_rows, feature_rows, obs = [], [], []
with Recorder(os.path.join(out, "store"), labels=y, num_classes=c, grad_norm=True) as rec:
    for epoch in (1, 2):
        subset = list(range(n)) if epoch == 1 else list(range(0, n, 2))
        loader = torch.utils.data.DataLoader(torch.utils.data.Subset(Indexed(), subset), batch_size=16, shuffle=True)
        z_row = np.full((n, c), np.nan, dtype=np.float32)
        h_row = np.zeros((n, hidden), dtype=np.float32)
        for xb, yb, idx in loader:
            logits, h = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            rec.record(idx, logits, features=h)
            z_row[idx.numpy()] = logits.detach().numpy()
            h_row[idx.numpy()] = h.detach().numpy()
        rec.end_epoch()
        logits_rows.append(z_row)
        feature_rows.append(h_row)
        obs.append({"run": 0, "epoch": epoch, "kind": "presentation"})
        rec.checkpoint(model, eval_loader)
        model.eval()
        with torch.no_grad():
            z, h = model(x)
        model.train()
        logits_rows.append(z.numpy())
        feature_rows.append(h.numpy())
        obs.append({"run": 0, "epoch": epoch, "kind": "checkpoint"})
np.save(os.path.join(out, "logits.npy"), np.stack(logits_rows).astype(np.float32))
np.save(os.path.join(out, "features.npy"), np.stack(feature_rows).astype(np.float32))
np.save(os.path.join(out, "labels.npy"), y.numpy().astype(np.int64))
with open(os.path.join(out, "obs.json"), "w") as f:
    json.dump(obs, f)
print(os.path.join(out, "store"))
