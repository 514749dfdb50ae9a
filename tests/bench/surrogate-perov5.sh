#!/usr/bin/env bash
# Benchmark: the formation-energy surrogate (invdes train-surrogate, a CGCNN-style crystal-graph
# network) on a dataset's energy column. Prints every figure:
#   1. a seeded random 80 % / 20 % split of the dataset (written to a temporary directory
#      outside the repository, removed at the end);
#   2. `invdes train-surrogate` on the 80 % under /usr/bin/time -v: wall-clock time to early
#      stop and peak RSS, with the load average before and after (the 2 cores are shared with
#      other work, so timings are noisy);
#   3. org.invdes.tests.bench.SurrogateBench evaluate: MAE, RMSE and R^2 on the held-out 20 %,
#      against the spread of the data (standard deviation, and the MAE of always predicting the
#      training mean).
# Usage: tests/bench/surrogate-perov5.sh [SEED] [THREADS] [-- extra train-surrogate options]
#   DATA=path PROPERTY=name override the dataset (default ../shared/datasets/perov_5/val.csv,
#   heat_ref); tests/bench/surrogate-mp20.sh runs MP-20.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${DATA:-$root/../shared/datasets/perov_5/val.csv}"
property="${PROPERTY:-heat_ref}"
seed="${1:-2026}"
threads="${2:-1}"
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a private copy of the class path: a rebuild in the checkout cannot change a running benchmark
mkdir -p "$work/cp"
cp -r "$root/cli/target/lib" "$work/cp/lib"
cp -r "$root/tests/target/classes" "$work/cp/classes"
cp="$work/cp/classes:$work/cp/lib/*"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE
java_run() { java -Dai.djl.offline=true -cp "$cp" "$@"; }

echo "== data: $data ($property), split seed $seed"
java_run org.invdes.tests.bench.CvaeBench split "$data" "$seed" 0.8 "$work/train.csv" \
  "$work/holdout.csv"

echo "== training: invdes train-surrogate --property $property --seed $seed --threads $threads $*"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v java -Dai.djl.offline=true -cp "$cp" org.invdes.cli.Main train-surrogate --data "$work/train.csv" \
  --property "$property" --out "$work/model" --seed "$seed" --threads "$threads" --quiet "$@" \
  > "$work/train.json" 2> "$work/train.err" || { cat "$work/train.err" >&2; exit 1; }
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/train.json"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|Percent of CPU" "$work/train.err" \
  | sed 's/^[[:space:]]*/training: /'
grep "warning" "$work/train.err" || true

echo "== held-out evaluation"
java_run org.invdes.tests.bench.SurrogateBench evaluate "$work/model" "$work/train.csv" \
  "$work/holdout.csv" "$property"
