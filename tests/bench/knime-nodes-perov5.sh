#!/usr/bin/env bash
# Benchmark: the KNIME node chain of the "Inverse design of perovskites" example workflow on
# Perov-5, driven through the node test harness (org.invdes.knime.bench.NodeChainBench, in the
# test sources of plugin-nodes): Crystal Structure Reader on ../shared/datasets/perov_5/val.csv,
# a seeded split (training rows / held-out rows), Crystal Generator Learner (heat_ref), the
# generator port saved and loaded, Conditional Crystal Sampler (unconditional, and 1,000 at a
# heat_ref target), Crystal Stability Filter against the training phases, Generation Metrics
# against the held-out rows (perov_5 thresholds and CDVAE's published values). Prints each
# node's wall-clock time and every figure. Other work shares the 2 cores: timings are noisy.
# Usage: tests/bench/knime-nodes-perov5.sh [TRAIN_ROWS HELDOUT_ROWS EPOCHS SAMPLES TARGET THREADS SEED
#        [GENERATOR [STEPS [SURROGATE]]]]
#        (defaults 1000 500 30 1000 0.6 2 2026 cvae 0 -). GENERATOR diffusion trains the
#        diffusion generator (STEPS: the sampler's diffusion steps, 0 = the generator's 200);
#        SURROGATE is a folder from `invdes train-surrogate --property heat_ref` that the filter
#        uses with "the surrogate decides" (a diffusion generator predicts no heat_ref, so give
#        one with it, or its samples all fail the hull check).
#
# Measured 2026-11-27 (1000 training / 500 held-out rows, 30 epochs, 500 unconditional samples,
# target heat_ref=0.6, 2 threads, seed 2026; machine shared, load 8-11), with a surrogate from
# `invdes train-surrogate --data perov_5/val.csv --property heat_ref --epochs 10 --seed 2026`
# (validation MAE 0.136 eV/atom; it saw the held-out rows, so its hull figures are optimistic):
#   generator  steps  learner  sampler 500 / 1000 guided  filter kept  struct %  comp %  unreadable
#   cvae       -      30.3 s   0.9 s / 1.5 s              0 of 1000    94.4      94.0    0
#   diffusion  50     40.9 s   27.3 s / 101.8 s           10 of 1000   43.0      83.0    18 of 500
# "unreadable": samples whose CIF text does not read back (two atoms on one position). The
# surrogate decided every hull check (the CVAE's own heat_ref guesses were overridden).
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
  "${1:-1000}" "${2:-500}" "${3:-30}" "${4:-1000}" "${5:-0.6}" "${6:-2}" "${7:-2026}" \
  "${8:-cvae}" "${9:-0}" "${10:--}"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
