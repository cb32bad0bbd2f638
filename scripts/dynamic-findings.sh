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

python3 "$here/scripts/dynamic-findings-table.py" "$results" "$epochs" "${LIMIT:-60000}" "$seeds"
