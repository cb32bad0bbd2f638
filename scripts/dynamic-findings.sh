#!/usr/bin/env bash
# Dynamic vs static data pruning vs full training on Fashion-MNIST (MLP 784-256-128-10, SGD, cosine).
# Every method trains EPOCHS epochs; at a budget F every epoch backpropagates floor(F*N) examples, so
# dynamic (a fresh choice per epoch) and static (one keep-list) methods match in examples backpropagated.
# Costs are measured, not assumed: "train s" is the seconds the loop spent training (refresh passes and
# planning included), "total s" the wall clock of every command a method needs (JVM start, setup,
# per-epoch test evaluation, and for static EL2N the 2-epoch proxy and the selection), "CPU s" the
# user+system CPU seconds of those commands (steadier than wall clock on a shared machine).
#
#   scripts/dynamic-findings.sh [OUT]     env: LIMIT (default: all 60000), EPOCHS (10), SEEDS ("0 1 2"),
#                                              THREADS (1), METHODS (default list below)
# Needs Fashion-MNIST (/usr/share/datasets/fashion-mnist or FASHION_MNIST_DIR), jq and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/target/dynamic-findings}"
epochs="${EPOCHS:-10}"
seeds="${SEEDS:-0 1 2}"
threads="${THREADS:-1}"
limit=()
[ -n "${LIMIT:-}" ] && limit=(--limit "$LIMIT")
methods="${METHODS:-full uniform:0.3 eps-greedy:0.3,0.2 ucb:0.3,1 static-random:0.3 static-el2n:0.3 uniform:0.5 eps-greedy:0.5,0.2 ucb:0.5,1 static-random:0.5 static-el2n:0.5 infobatch:0.5}"
mkdir -p "$out"
winnow="$here/winnow"
"$winnow" --version >/dev/null   # build once, outside the timings
base=(--data fashion-mnist --model mlp "${limit[@]}" --threads "$threads" --quiet --force)
common=("${base[@]}" --epochs "$epochs")
# timed FILE CMD...: runs CMD (stdout dropped), appends "elapsed user system" seconds to FILE
timed() { local f="$1"; shift; /usr/bin/time -f "%e %U %S" -a -o "$f" "$@" >/dev/null; }
results="$out/runs.jsonl"
: > "$results"

for seed in $seeds; do
  proxy_t="$out/proxy/s$seed.time"
  for m in $methods; do
    dir="$out/$(echo "$m" | tr ':,' '__')/s$seed"
    mkdir -p "$dir"
    t="$dir/time"
    : > "$t"
    case "$m" in
      static-*)
        kind="${m#static-}"; kind="${kind%%:*}"; keep="${m##*:}"
        if [ ! -s "$proxy_t" ] || [ ! -d "$out/proxy/s$seed/dynamics" ]; then
          # one 2-epoch proxy per seed; its cost is charged to every static method that uses it (EL2N)
          mkdir -p "$out/proxy"
          : > "$proxy_t"
          timed "$proxy_t" "$winnow" train "${base[@]}" --epochs 2 --checkpoints 2 --no-features --seed "$seed" \
            --out "$out/proxy/s$seed"
        fi
        if [ "$kind" = el2n ]; then
          cat "$proxy_t" >> "$t"
          timed "$t" "$winnow" select --dynamics "$out/proxy/s$seed/dynamics" --score el2n@2 --keep "$keep" \
            --strategy hard --seed "$seed" --force --out "$dir/keep.csv"
        else   # random needs only the ids: the proxy's store supplies them, uncharged
          timed "$t" "$winnow" select --dynamics "$out/proxy/s$seed/dynamics" --score random --keep "$keep" \
            --strategy random --seed "$seed" --force --out "$dir/keep.csv"
        fi
        timed "$t" "$winnow" train "${common[@]}" --seed "$seed" --no-record --keep-list "$dir/keep.csv" --out "$dir"
        ;;
      *)
        timed "$t" "$winnow" train "${common[@]}" --seed "$seed" --no-record --dynamic "$m" --out "$dir"
        ;;
    esac
    wall=$(awk '{s += $1} END {print s}' "$t")
    cpu=$(awk '{s += $2 + $3} END {print s}' "$t")
    jq -c --arg method "$m" --argjson seed "$seed" --argjson total "$wall" --argjson cpu "$cpu" \
      '{method: $method, seed: $seed, acc: .final_test_accuracy, backward: .total_examples_backward,
        forward_only: .total_examples_forward_only,
        train_s: (.phase_seconds.train + .phase_seconds.refresh + .phase_seconds.plan), total_s: $total, cpu_s: $cpu}' \
      "$dir/metrics.json" >> "$results"
    tail -n 1 "$results" >&2
  done
done

python3 - "$results" "$epochs" "${LIMIT:-60000}" "$seeds" <<'PY'
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
PY
