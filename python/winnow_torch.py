"""Winnow for PyTorch users: record a dynamics store from your own training loop, and train on a keep-list.

NumPy and torch only; copy this file next to your script or put its folder on PYTHONPATH.

    rec = Recorder("runs/proxy", labels=train_set.targets, num_classes=10)
    for epoch in range(epochs):
        for x, y, idx in loader:                   # the dataset also returns each example's position
            out = model(x)
            loss = F.cross_entropy(out, y)
            ...
            rec.record(idx, out)                   # the presentation observation (free)
        rec.end_epoch()
        rec.checkpoint(model, eval_loader)         # optional: an eval-mode pass, dataset order
    rec.close()                                    # only now does runs/proxy exist

    sampler = KeepListSampler("keep.csv", len(train_set))   # from `winnow select`
    loader = DataLoader(train_set, batch_size=128, sampler=sampler)
    loss = (F.cross_entropy(out, y, reduction="none") * sampler.weights[idx]).mean()

The store is Winnow's dynamics store, format v1: manifest.json, labels.npy, ids.npy and one float32 [T, N]
.npy file per signal, written memory-mapped into a hidden folder beside out_dir as training goes, and
moved into place by close(). A crash (or an exception inside ``with Recorder(...)``) leaves no store.
Signals, with logits z, p = softmax(z) and true class y, exactly as Winnow defines them: loss = -log p_y,
p_true = p_y, logit_margin = z_y - max_{k!=y} z_k, correct = [argmax z = y], el2n = ||p - onehot(y)||,
entropy = -sum p log p, p_max, top2_margin = p_(1) - p_(2), and with ``grad_norm=True`` grad_norm =
el2n * sqrt(||h||^2 + 1), h the input of the last linear layer (Paul et al. 2021).
"""
import csv
import json
import math
import os
import shutil
import tempfile

import numpy as np
import torch

__all__ = ["Recorder", "KeepListSampler", "signals", "SIGNALS"]

SIGNALS = ("loss", "p_true", "logit_margin", "correct", "el2n", "grad_norm", "entropy", "p_max", "top2_margin")
_HEADER = 256  # bytes reserved for each signal file's NPY header, patched with the final shape at close()


def signals(logits, labels, h_squared_norm=None):
    """Every signal of each row of ``logits`` [B, C] with true classes ``labels`` [B], as float32 arrays.

    Computed in float64 from the float32 logits, as Winnow's Java code does, then rounded to float32.
    grad_norm is NaN where ``h_squared_norm`` (||h||^2 per row) is not given.
    """
    z = np.asarray(logits, dtype=np.float32).astype(np.float64)
    y = np.asarray(labels, dtype=np.int64)
    b, c = z.shape
    rows = np.arange(b)
    zmax = z.max(axis=1)
    log_sum = np.log(np.exp(z - zmax[:, None]).sum(axis=1)) + zmax
    logp = z - log_sum[:, None]
    p = np.exp(logp)
    zy = z[rows, y]
    others = z.copy()
    others[rows, y] = -np.inf
    onehot = np.zeros_like(p)
    onehot[rows, y] = 1.0
    el2n = np.sqrt(((p - onehot) ** 2).sum(axis=1))
    top = -np.sort(-p, axis=1)
    second = top[:, 1] if c > 1 else np.zeros(b)
    h2 = np.full(b, np.nan) if h_squared_norm is None else np.asarray(h_squared_norm, dtype=np.float64)
    out = {
        "loss": log_sum - zy,
        "p_true": np.exp(zy - log_sum),
        "logit_margin": zy - others.max(axis=1),
        "correct": (z.argmax(axis=1) == y).astype(np.float64),
        "el2n": el2n,
        "grad_norm": el2n * np.sqrt(h2 + 1.0),
        "entropy": -np.where(p > 0, p * logp, 0.0).sum(axis=1),
        "p_max": top[:, 0],
        "top2_margin": top[:, 0] - second,
    }
    return {k: v.astype(np.float32) for k, v in out.items()}


def _numpy(a, what):
    if isinstance(a, torch.Tensor):
        return a.detach().cpu().numpy()
    try:
        return np.asarray(a)
    except Exception as e:
        raise TypeError(f"{what} must be a tensor or an array, got {type(a).__name__}") from e


def _npy_header(dtype, shape):
    dims = f"{shape[0]}," if len(shape) == 1 else ", ".join(str(d) for d in shape)
    text = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (dtype, dims)
    body = _HEADER - 10
    if len(text) + 1 > body:
        raise ValueError(f"shape {shape} is too long for an NPY header")
    return b"\x93NUMPY\x01\x00" + body.to_bytes(2, "little") + (text.ljust(body - 1) + "\n").encode("ascii")


class Recorder:
    """Records the training dynamics of one run into a Winnow dynamics store at ``out_dir``.

    ``labels``: the class of each of the N examples (dataset order); ``num_classes``: C. ``ids``: optional
    example ids (int64 [N], default 0..N-1) for ids.npy. ``grad_norm=True`` records grad_norm, and then every
    ``record`` needs ``features=`` (the input h of the last linear layer) and ``checkpoint``'s model must
    return ``(logits, h)``. ``force=True`` replaces an existing store at close().

    Use it as a context manager, or call close() at the end: until then nothing exists at ``out_dir``.
    """

    def __init__(self, out_dir, labels, num_classes, *, ids=None, grad_norm=False, force=False):
        self.out_dir = os.path.abspath(os.fspath(out_dir))
        if os.path.exists(self.out_dir) and not force:
            raise FileExistsError(f"{self.out_dir}: already exists (pass force=True to replace it)")
        c = int(num_classes)
        if c < 1:
            raise ValueError(f"num_classes must be at least 1, got {num_classes}")
        y = _numpy(labels, "labels")
        if y.ndim != 1 or y.size == 0 or not np.issubdtype(y.dtype, np.integer):
            raise ValueError(f"labels must be a non-empty 1-D integer array, got {y.dtype} of shape {y.shape}")
        bad = np.flatnonzero((y < 0) | (y >= c))
        if bad.size:
            raise ValueError(f"label {y[bad[0]]} of example {bad[0]} is outside [0, {c})")
        n = y.size
        if ids is not None:
            ids = _numpy(ids, "ids").astype(np.int64)
            if ids.shape != (n,):
                raise ValueError(f"ids has shape {ids.shape}, expected ({n},) like the labels")
            if np.unique(ids).size != n:
                raise ValueError("ids must be distinct")
        self.labels = y.astype(np.int64)
        self.num_classes = c
        self.force = force
        self.signals = SIGNALS if grad_norm else tuple(s for s in SIGNALS if s != "grad_norm")
        self._grad_norm = grad_norm
        self._observations = []
        self._rows = None          # the memory-mapped rows of the open observation, by signal
        self._seen = None
        self._epoch = 0            # epochs ended so far
        self._closed = False
        parent = os.path.dirname(self.out_dir)
        os.makedirs(parent, exist_ok=True)
        self._tmp = tempfile.mkdtemp(prefix="." + os.path.basename(self.out_dir) + ".", dir=parent)
        try:
            np.save(os.path.join(self._tmp, "labels.npy"), self.labels.astype(np.int32))
            if ids is not None:
                np.save(os.path.join(self._tmp, "ids.npy"), ids)
            for s in self.signals:
                with open(self._file(s), "wb") as f:
                    f.write(_npy_header("<f4", (0, n)))
        except BaseException:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise

    @property
    def num_examples(self):
        return self.labels.size

    def _file(self, signal):
        return os.path.join(self._tmp, signal + ".npy")

    def _check_open(self):
        if self._closed:
            raise RuntimeError("this Recorder is closed")

    def _open_row(self):
        """Appends one row of N NaN to every signal file and maps it."""
        n = self.num_examples
        t = len(self._observations)
        offset = _HEADER + t * n * 4
        rows = {}
        for s in self.signals:
            with open(self._file(s), "r+b") as f:
                f.truncate(offset + n * 4)
            rows[s] = np.memmap(self._file(s), dtype="<f4", mode="r+", offset=offset, shape=(n,))
            rows[s][:] = np.nan
        self._seen = np.zeros(n, dtype=bool)
        return rows

    def _close_row(self, run, epoch, kind):
        for r in self._rows.values():
            r.flush()
        self._rows = None
        self._seen = None
        self._observations.append({"run": run, "epoch": epoch, "kind": kind})

    def _discard_row(self):
        """Drops the open observation: the signal files shrink back to the observations before it."""
        self._rows = None
        self._seen = None
        size = _HEADER + len(self._observations) * self.num_examples * 4
        for s in self.signals:
            with open(self._file(s), "r+b") as f:
                f.truncate(size)

    def _h2(self, features, b, where):
        if not self._grad_norm:
            if features is not None:
                raise ValueError(f"{where}: features given, but this Recorder was made without grad_norm=True")
            return None
        if features is None:
            raise ValueError(f"{where}: grad_norm=True needs the features h of the last layer's input")
        h = _numpy(features, "features").astype(np.float64)
        if h.ndim != 2 or h.shape[0] != b:
            raise ValueError(f"{where}: features have shape {h.shape}, expected [{b}, D]")
        return (h * h).sum(axis=1)

    def _check_batch(self, ids, logits, where):
        idx = _numpy(ids, "ids")
        z = _numpy(logits, "logits")
        if idx.ndim != 1 or not (np.issubdtype(idx.dtype, np.integer) or idx.size == 0):
            raise ValueError(f"{where}: ids must be a 1-D integer array, got {idx.dtype} of shape {idx.shape}")
        idx = idx.astype(np.int64)
        if z.ndim != 2 or z.shape != (idx.size, self.num_classes):
            raise ValueError(f"{where}: logits have shape {tuple(z.shape)}, expected "
                             f"[{idx.size}, {self.num_classes}] (one row of {self.num_classes} class logits per id)")
        n = self.num_examples
        out = np.flatnonzero((idx < 0) | (idx >= n))
        if out.size:
            raise ValueError(f"{where}: id {idx[out[0]]} is outside [0, {n}) (ids are positions in the dataset)")
        z = z.astype(np.float32)
        if not np.isfinite(z).all():
            raise ValueError(f"{where}: the logits hold NaN or infinite values (did training diverge?)")
        return idx, z

    def _write(self, idx, z, h2, where):
        unique, counts = np.unique(idx, return_counts=True)
        if unique.size != idx.size:
            raise ValueError(f"{where}: id {unique[counts > 1][0]} appears twice in this batch")
        again = idx[self._seen[idx]]
        if again.size:
            raise ValueError(f"{where}: id {again[0]} was already recorded in this observation")
        values = signals(z, self.labels[idx], h2)
        self._seen[idx] = True
        for s in self.signals:
            self._rows[s][idx] = values[s]

    def record(self, ids, logits, features=None):
        """The presentation observation of one training batch: ``ids`` [B] are the examples' positions in
        the dataset (0..N-1), ``logits`` [B, C] what the model computed for them while training on them;
        ``features`` [B, D] the input of its last linear layer (with ``grad_norm=True``)."""
        self._check_open()
        where = f"record (epoch {self._epoch + 1})"
        idx, z = self._check_batch(ids, logits, where)
        h2 = self._h2(features, idx.size, where)
        if self._rows is None:
            self._rows = self._open_row()
        self._write(idx, z, h2, where)

    def end_epoch(self):
        """Ends the epoch: its presentations become one observation (examples not presented stay NaN)."""
        self._check_open()
        self._epoch += 1
        if self._rows is None:
            self._rows = self._open_row()
        self._close_row(0, self._epoch, "presentation")

    def checkpoint(self, model, loader):
        """The checkpoint observation of the epoch just ended: ``model`` in eval mode, without gradients, over
        ``loader``, which must give the whole training set in dataset order (``shuffle=False``) as batches
        whose first element is the input. With ``grad_norm=True`` the model returns ``(logits, h)``."""
        self._check_open()
        where = f"checkpoint (epoch {self._epoch})"
        if self._rows is not None:
            raise RuntimeError(f"{where}: the epoch's presentations are still open; call end_epoch() first")
        n = self.num_examples
        was_training = model.training
        model.eval()
        self._rows = self._open_row()
        try:
            start = 0
            with torch.no_grad():
                for batch in loader:
                    x = batch[0] if isinstance(batch, (tuple, list)) else batch
                    out = model(x)
                    logits, h = (out[0], out[1]) if isinstance(out, (tuple, list)) else (out, None)
                    b = logits.shape[0]
                    if start + b > n:
                        raise ValueError(f"{where}: the loader gives more than the {n} examples of the labels")
                    idx, z = self._check_batch(np.arange(start, start + b), logits, where)
                    self._write(idx, z, self._h2(h, b, where), where)
                    start += b
            if start != n:
                raise ValueError(f"{where}: the loader gave {start} examples, the labels have {n} "
                                 "(pass the whole training set, shuffle=False)")
        except BaseException:
            self._discard_row()
            raise
        finally:
            model.train(was_training)
        self._close_row(0, self._epoch, "checkpoint")

    def close(self):
        """Ends an epoch left open by ``record``, writes the manifest and moves the store into place."""
        self._check_open()
        if self._rows is not None:
            self.end_epoch()
        if not self._observations:
            self._abort()
            raise ValueError(f"{self.out_dir}: nothing was recorded (no epoch ended)")
        t = len(self._observations)
        for s in self.signals:
            with open(self._file(s), "r+b") as f:
                f.write(_npy_header("<f4", (t, self.num_examples)))
        manifest = {
            "format": "winnow-dynamics", "version": 1, "examples": int(self.num_examples),
            "classes": self.num_classes, "observations": self._observations, "signals": list(self.signals),
            "provenance": {"source": "winnow_torch.Recorder", "torch": torch.__version__, "numpy": np.__version__},
        }
        with open(os.path.join(self._tmp, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=2)
        try:
            if os.path.exists(self.out_dir):
                if not self.force:
                    raise FileExistsError(f"{self.out_dir}: already exists (pass force=True to replace it)")
                shutil.rmtree(self.out_dir)
            os.replace(self._tmp, self.out_dir)
        except BaseException:
            self._abort()
            raise
        self._closed = True
        return self.out_dir

    def _abort(self):
        self._rows = None
        self._closed = True
        shutil.rmtree(self._tmp, ignore_errors=True)

    def abort(self):
        """Abandons the recording: nothing is left behind."""
        if not self._closed:
            self._abort()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            if not self._closed:
                self.close()
        else:
            self.abort()
        return False


class KeepListSampler(torch.utils.data.Sampler):
    """Samples the examples of a keep-list (``id,weight`` CSV from ``winnow select``, or a single ``id``
    column), in a fresh seeded order each epoch (``shuffle=False``: ascending positions).

    ``dataset_ids``: the number of examples N (ids are positions 0..N-1), or the id of each dataset
    position. ``weights`` is a float32 tensor [N]: each kept example's loss weight, 0 for the others, so the
    weighted loss is ``(loss_per_example * sampler.weights[idx]).mean()``.
    """

    def __init__(self, keep_csv, dataset_ids, *, shuffle=True, seed=0):
        if isinstance(dataset_ids, (int, np.integer)):
            ids = np.arange(int(dataset_ids), dtype=np.int64)
        else:
            ids = _numpy(dataset_ids, "dataset_ids").astype(np.int64)
        position = {int(v): i for i, v in enumerate(ids)}
        if len(position) != ids.size:
            raise ValueError("dataset_ids must be distinct")
        kept, w = _read_keep_list(os.fspath(keep_csv))
        missing = [k for k in kept if k not in position]
        if missing:
            raise ValueError(f"{keep_csv}: id {missing[0]} is not in the dataset "
                             f"({len(missing)} of {len(kept)} kept ids are not)")
        self.positions = torch.tensor([position[k] for k in kept], dtype=torch.int64)
        self.weights = torch.zeros(ids.size, dtype=torch.float32)
        self.weights[self.positions] = torch.tensor(w, dtype=torch.float32)
        self.shuffle = shuffle
        self.seed = seed
        self.epoch = 0

    def set_epoch(self, epoch):
        """Fixes the epoch whose order the next iteration gives (else each iteration takes the next epoch)."""
        self.epoch = epoch

    def __iter__(self):
        if self.shuffle:
            g = torch.Generator()
            g.manual_seed(self.seed * 1_000_003 + self.epoch)
            order = self.positions[torch.randperm(len(self.positions), generator=g)]
        else:
            order = self.positions
        self.epoch += 1
        return iter(order.tolist())

    def __len__(self):
        return len(self.positions)


def _read_keep_list(path):
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such keep-list")
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows, [])]
        if "id" not in header:
            raise ValueError(f"{path}: the header has no 'id' column (expected id,weight)")
        ic = header.index("id")
        wc = header.index("weight") if "weight" in header else None
        ids, weights, seen = [], [], set()
        for line, row in enumerate(rows, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            try:
                k = int(row[ic])
                w = 1.0 if wc is None else float(row[wc])
            except (ValueError, IndexError):
                raise ValueError(f"{path}:{line}: expected an integer id and a number weight, got {row}") from None
            if k in seen:
                raise ValueError(f"{path}:{line}: id {k} appears twice")
            if not (w >= 0 and math.isfinite(w)):
                raise ValueError(f"{path}:{line}: weight {row[wc]} is not finite and >= 0")
            seen.add(k)
            ids.append(k)
            weights.append(w)
    if not ids:
        raise ValueError(f"{path}: the keep-list is empty")
    return ids, weights
