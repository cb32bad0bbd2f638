#!/usr/bin/env python3
"""The markdown table of scripts/dynamic-findings.sh from its runs.jsonl: mean ± sd over seeds per method.

    dynamic-findings-table.py RUNS.jsonl EPOCHS LIMIT "SEEDS"
"""
import json, statistics as st, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
epochs, limit, seeds = sys.argv[2], sys.argv[3], sys.argv[4].split()
order = []
for r in rows:
    if r["method"] not in order:
        order.append(r["method"])
def ms(xs):
    return (st.mean(xs), st.stdev(xs) if len(xs) > 1 else 0.0)
full = [r for r in rows if r["method"] == "full"]
fa = st.mean(r["acc"] for r in full) if full else None
ft = st.mean(r["total_s"] for r in full) if full else None
ftr = st.mean(r["train_s"] for r in full) if full else None
print(f"Fashion-MNIST, MLP 784-256-128-10, {limit} training examples, {epochs} epochs, seeds {' '.join(seeds)}, 1 PyTorch thread")
print()
fc = st.mean(r["cpu_s"] for r in full) if full else None
print("| method | test acc % (mean ± sd) | Δ vs full (pt) | examples backprop | forward-only | train s | Δ train | total s | Δ total | CPU s | Δ CPU |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for m in order:
    rs = [r for r in rows if r["method"] == m]
    a, asd = ms([100 * r["acc"] for r in rs])
    b = st.mean(r["backward"] for r in rs)
    fo = st.mean(r["forward_only"] for r in rs)
    tr = st.mean(r["train_s"] for r in rs)
    tt = st.mean(r["total_s"] for r in rs)
    d = f"{a - 100 * fa:+.2f}" if fa is not None else "n/a"
    dtr = f"{100 * (tr / ftr - 1):+.0f}%" if ftr else "n/a"
    dtt = f"{100 * (tt / ft - 1):+.0f}%" if ft else "n/a"
    cp = st.mean(r["cpu_s"] for r in rs)
    dcp = f"{100 * (cp / fc - 1):+.0f}%" if fc else "n/a"
    print(f"| {m} | {a:.2f} ± {asd:.2f} | {d} | {b:,.0f} | {fo:,.0f} | {tr:.1f} | {dtr} | {tt:.1f} | {dtt} | {cp:.1f} | {dcp} |")
