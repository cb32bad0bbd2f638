#!/usr/bin/env bash
# The headline benchmark (README "Results"): does pruning pay on a training-dominated job?
# MLP 256-128 on all 60,000 Fashion-MNIST images for 40 epochs (Adam 0.001, batch 128, one PyTorch thread),
# evaluated every 4 epochs; dynamic policies, static EL2N from a cheap proxy (logreg, 1 epoch, half the
# data), random, full training and full:shorter at 30 % and 50 %; seeds 0, 1, 2. About 25 minutes on 2 cores.
#   scripts/headline-benchmark.sh [OUT]        (default: studies/headline)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-studies/headline}"
"$here/winnow" study --data fashion-mnist --model mlp --epochs 40 --eval-every 4 \
  --proxy-model logreg --proxy-epochs 1 --proxy-limit 0.5 \
  --methods random,el2n@1:hard,el2n@1:calibrated,dynamic:uniform:keep,dynamic:eps-greedy:keep,0.2,dynamic:infobatch:0.5 \
  --keep 0.3,0.5 --seeds 0,1,2 --out "$out"
