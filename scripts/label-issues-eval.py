#!/usr/bin/python3
"""How well label-issue finders recover the labels a Winnow study flipped (its --label-noise mode).

For each study folder and seed: the proxy store (proxy/seed-S), the flipped ids (noise/seed-S.csv), the flagged
sets that `winnow audit` wrote (AUDIT/seed-S-presentations/label-issues.csv and AUDIT/seed-S-first-epoch/...),
and the scores `winnow score` wrote (AUDIT/seed-S-aum.csv, AUDIT/seed-S-el2n.csv). Prints, per finder:
AUROC of its ranking (confident learning: self-confidence p_given from the same probabilities it used, low =
issue; AUM and EL2N: the score, high = issue), and precision and recall of its flagged set. AUM and EL2N have no
count of their own: they flag their top m, m = confident learning's flagged count on the same seed (presentations).

    scripts/label-issues-eval.py STUDY AUDIT [STUDY AUDIT ...]
"""
import csv
import json
import sys
from pathlib import Path

import numpy as np


def auroc(score, positive):
    """Rank formula (Mann-Whitney), ties count 1/2; higher score = more likely positive."""
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    npos = positive.sum()
    nneg = len(positive) - npos
    return (r[positive].sum() - npos * (npos + 1) / 2) / (npos * nneg)


def self_confidence(store, epoch1):
    man = json.loads((store / "manifest.json").read_text())
    logits = np.load(store / "logits.npy", mmap_mode="r")
    labels = np.load(store / "labels.npy")
    rows = [t for t, o in enumerate(man["observations"])
            if o["kind"] == "presentation" and (not epoch1 or o["epoch"] == 1)]
    acc = np.zeros(len(labels))
    cnt = np.zeros(len(labels))
    for t in rows:
        z = np.asarray(logits[t], dtype=np.float64)
        ok = ~np.isnan(z[:, 0])
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        py = p[np.arange(len(labels)), labels]
        acc[ok] += py[ok]
        cnt[ok] += 1
    return acc / cnt


def read_ids(path, column="id"):
    with open(path) as f:
        return [int(r[column]) for r in csv.DictReader(f)]


def score_csv(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {int(r["id"]): float(r["score"]) for r in rows}


def main(args):
    for study, audit in zip(args[0::2], args[1::2]):
        study, audit = Path(study), Path(audit)
        spec = json.loads((study / "study.json").read_text())
        noise = spec.get("label-noise")
        results = {}
        for nf in sorted((study / "noise").glob("seed-*.csv")):
            seed = nf.stem.split("-")[1]
            store = study / "proxy" / f"seed-{seed}"
            ids = np.load(store / "ids.npy") if (store / "ids.npy").exists() else np.arange(
                len(np.load(store / "labels.npy")))
            flipped = set(read_ids(nf))
            pos = np.array([i in flipped for i in ids])
            m = None
            for name, epoch1 in (("presentations", False), ("first-epoch", True)):
                flagged = set(read_ids(audit / f"seed-{seed}-{name}" / "label-issues.csv"))
                if name == "presentations":
                    m = len(flagged)
                sc = self_confidence(store, epoch1)
                tp = len(flagged & flipped)
                results.setdefault("CL " + name, []).append(
                    (auroc(-sc, pos), tp / max(1, len(flagged)), tp / len(flipped), len(flagged)))
            for name, f in (("AUM", "aum"), ("EL2N@3", "el2n")):
                s = score_csv(audit / f"seed-{seed}-{f}.csv")
                v = np.array([s[int(i)] for i in ids])
                top = set(int(ids[k]) for k in np.argsort(-v, kind="mergesort")[:m])
                tp = len(top & flipped)
                results.setdefault(name + " (top m)", []).append((auroc(v, pos), tp / m, tp / len(flipped), m))
        print(f"{study.name}: label noise {noise}, {len(results['CL presentations'])} seeds, "
              f"{len(flipped)} flipped of {len(ids)} (last seed)")
        for name, rs in results.items():
            a = np.array(rs)
            print(f"  {name:22s} AUROC {a[:,0].mean():.3f} ± {a[:,0].std(ddof=1) if len(a) > 1 else 0:.3f}  "
                  f"precision {a[:,1].mean():.3f}  recall {a[:,2].mean():.3f}  flagged {a[:,3].mean():.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
