#!/usr/bin/env bash
# Builds the example against the Winnow installed in the local Maven repository (mvn install at the
# repository root) and runs it: Fashion-MNIST (the first 3,000 training images), an MLP trained with DJL's
# own Trainer and EasyTrain.fit, recorded by Winnow's listener; then a keep-list, trained on through Winnow's
# sampler. The last line printed is the path of the dynamics store.
# Usage: examples/djl/run.sh [STORE_DIR]   (default: runs/djl-example at the repository root; replaced)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
store="$(realpath -m "${1:-$here/../../runs/djl-example}")"
cd "$here"
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
# native memory as ./winnow sets it (see dev.winnow.train.NativeMemory): freed blocks stay in the process, one arena
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
exec java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="${WINNOW_THREADS:-2}" -cp "target/classes:$(cat target/classpath.txt)" \
  dev.winnow.examples.djl.TrainWithWinnow "$store"
