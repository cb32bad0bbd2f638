#!/usr/bin/env bash
# CAT where it was born (README "Translation"): pruning Multi30k de→en judged by test BLEU.
# Two runs, one PyTorch thread each, at the lowest priority:
#  1. full data: the attentional GRU (E128, H128) on all 29,000 pairs, 2 epochs, test BLEU after each epoch;
#  2. the study: the first 3,000 pairs, E64 H128, 4 epochs; cat@2 from a 2-epoch proxy against random,
#     longest-first, the external quality score and dynamic uniform sampling, at 50 % and 70 % kept, with
#     full training and full:shorter; seeds 0 and 1 in parallel processes (same folder; results.jsonl lines
#     are appended), then one more call that finds every run done and writes report.md.
#   scripts/translation-study.sh [OUT] [MULTI30K_DIR]   (defaults: studies/translation, ../shared/datasets/multi30k)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-studies/translation}"
d="${2:-$here/../shared/datasets/multi30k}"
mkdir -p "$out"
"$here/winnow" --version > /dev/null   # builds once, before the parallel calls
test="test=$d/test_2016_flickr.de,$d/test_2016_flickr.en"
nice -n 19 "$here/winnow" translate train --data "pairs:$d/train.de,$d/train.en,$test,min-count=3,max-len=40" \
  --embedding 128 --hidden 128 --epochs 2 --lr 0.002 --eval-every 1 --out "$out/full-data.hyp" --force \
  > "$out/full-data.txt" 2> "$out/full-data.log" &
study=(translate study --data "pairs:$d/train.de,$d/train.en,$test,min-count=2,max-len=30,limit=3000"
  --embedding 64 --hidden 128 --epochs 4 --proxy-epochs 2 --lr 0.002 --keep 0.5,0.7
  --methods random,longest,external,cat@2:hard,dynamic:uniform:keep --out "$out/study")
nice -n 19 "$here/winnow" "${study[@]}" --seeds 0 > "$out/study-seed0.log" 2>&1 &
nice -n 19 "$here/winnow" "${study[@]}" --seeds 1 > "$out/study-seed1.log" 2>&1 &
wait
"$here/winnow" "${study[@]}" --seeds 0,1
