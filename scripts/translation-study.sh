#!/usr/bin/env bash
# CAT where it was born (README "Translation"): pruning Multi30k de→en judged by test BLEU, on all 29,000
# training pairs (min-count 3, max-len 40; attentional GRU E128 H128; Adam 0.002; one PyTorch thread per
# process; seeds 0 and 1 in two parallel processes on the same folder, then one more call that finds every
# run done and writes report.md). Seed 0 took 43 CPU minutes here, runs and proxy.
#  1. "$OUT/study": 2 epochs for every run; cat@2 from a 2-epoch proxy against random, longest-first, the
#     external quality score and dynamic uniform sampling, at 50 % and 70 % kept, with full training and
#     full:shorter (all pairs for as many steps as the pruned runs take).
#  2. "$OUT/equal-steps": 4 epochs for every run, 50 % kept, cat@2:hard, random and external. A pruned run
#     now takes as many steps as 2 epochs of full data (its full:shorter), and full trains 4 epochs. The
#     proxies of 1 are reused (same seed, data and proxy settings) and charged again.
#   scripts/translation-study.sh [OUT] [MULTI30K_DIR]   (defaults: studies/translation, ../shared/datasets/multi30k)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-studies/translation}"
d="${2:-$here/../shared/datasets/multi30k}"
mkdir -p "$out"
"$here/winnow" --version > /dev/null   # builds once, before the parallel calls
data="pairs:$d/train.de,$d/train.en,test=$d/test_2016_flickr.de,$d/test_2016_flickr.en,min-count=3,max-len=40"
model=(--embedding 128 --hidden 128 --proxy-epochs 2 --lr 0.002)

both_seeds() {   # runs a study with seeds 0 and 1 in parallel, then writes its report
  local dir="$1"; shift
  nice -n 19 "$here/winnow" translate study --data "$data" "${model[@]}" "$@" --out "$dir" --seeds 0 > "$dir.seed0.log" 2>&1 &
  nice -n 19 "$here/winnow" translate study --data "$data" "${model[@]}" "$@" --out "$dir" --seeds 1 > "$dir.seed1.log" 2>&1 &
  wait
  "$here/winnow" translate study --data "$data" "${model[@]}" "$@" --out "$dir" --seeds 0,1
}

both_seeds "$out/study" --epochs 2 --keep 0.5,0.7 --methods random,longest,external,cat@2:hard,dynamic:uniform:keep
for s in 0 1; do
  mkdir -p "$out/equal-steps/seed-$s"
  cp -r "$out/study/seed-$s/proxy-store" "$out/study/seed-$s/proxy-cost.json" "$out/equal-steps/seed-$s/"
done
both_seeds "$out/equal-steps" --epochs 4 --keep 0.5 --methods cat@2:hard,random,external
