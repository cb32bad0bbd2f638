#!/bin/bash
# Label issues against planted noise: for each study folder given (made with winnow study --label-noise F),
# audits every seed's proxy store with both probability sources, scores it with aum and el2n@3, then prints
# AUROC, precision and recall per finder (scripts/label-issues-eval.py). Outputs go to STUDY/label-issues/.
#   scripts/label-issues-eval.sh studies/quality-noise0.05 studies/quality-noise10 studies/quality-noise0.2
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
W=${WINNOW:-"$here/winnow"}
pairs=()
for study in "$@"; do
  out="$study/label-issues"
  mkdir -p "$out"
  for store in "$study"/proxy/seed-*/; do
    store="${store%/}"
    s="${store##*/seed-}"
    for p in presentations first-epoch; do
      [ -d "$out/seed-$s-$p" ] || $W audit --dynamics "$store" --probabilities "$p" --out "$out/seed-$s-$p" >/dev/null
    done
    [ -f "$out/seed-$s-aum.csv" ] || $W score --dynamics "$store" --score aum --out "$out/seed-$s-aum.csv" >/dev/null
    [ -f "$out/seed-$s-el2n.csv" ] || $W score --dynamics "$store" --score el2n@3 --out "$out/seed-$s-el2n.csv" >/dev/null
  done
  pairs+=("$study" "$out")
done
/usr/bin/python3 "$here/scripts/label-issues-eval.py" "${pairs[@]}"
