#!/usr/bin/env bash
# Benchmark: the KNIME node chain of the "Inverse design of perovskites" example workflow on
# Perov-5, driven through the node test harness (org.invdes.knime.bench.NodeChainBench, in the
# test sources of plugin-nodes): Crystal Structure Reader on ../shared/datasets/perov_5/val.csv,
# a seeded split (training rows / held-out rows), Crystal Generator Learner (heat_ref), the
# generator port saved and loaded, Conditional Crystal Sampler (unconditional, and 1,000 at a
# heat_ref target), Crystal Stability Filter against the training phases, Generation Metrics
# against the held-out rows (perov_5 thresholds and CDVAE's published values). Prints each
# node's wall-clock time and every figure. Other work shares the 2 cores: timings are noisy.
# Usage: tests/bench/knime-nodes-perov5.sh [TRAIN_ROWS HELDOUT_ROWS EPOCHS SAMPLES TARGET THREADS SEED]
#        (defaults 1000 500 30 1000 0.6 2 2026)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets/perov_5/val.csv"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -o -pl plugin-nodes -am package -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false >&2)
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
(cd "$root" && ./mvnw -q -B -o -pl plugin-nodes dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2)
# this checkout's modules first: ~/.m2 may hold another checkout's snapshots
cp="$root/plugin-nodes/target/test-classes:$root/plugin-nodes/target/classes"
cp="$cp:$root/core/target/classes:$root/knime-api/target/classes"
cp="$cp:$root/knime-testkit/target/classes:$(cat "$cpfile")"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dai.djl.offline=true -cp "$cp" org.invdes.knime.bench.NodeChainBench "$data" \
  "${1:-1000}" "${2:-500}" "${3:-30}" "${4:-1000}" "${5:-0.6}" "${6:-2}" "${7:-2026}"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
