#!/usr/bin/env bash
# Benchmark: `invdes filter` throughput on 10,000 candidates with a reference set and a
# surrogate, every check on (geometric validity, covalent distances, charge balance, the
# surrogate's predicted energy, energy above the hull of the reference with the prediction for
# candidates that have no energy, duplicates within the set and novelty against the reference by
# structure matching). Prints candidates/s end to end and the seconds of each stage (the
# structure matcher is the duplicates + novelty stages).
#   1. a seeded 80/20 split of ../shared/datasets/perov_5/val.csv; the 80 % is the reference;
#   2. a small surrogate trained on it (20 epochs; its accuracy is not the point here, see
#      surrogate-perov5.sh), or MODEL=DIR, a surrogate already trained on that split;
#   3. 10,000 candidates: the held-out 20 % cycled (each real crystal about 13 times), every atom
#      moved by Gaussian noise of SIGMA Å (default 0.05) per axis, properties dropped, as
#      candidates from `invdes sample` come; so most are duplicates of one another;
#   4. `invdes filter --timings --ehull-max EHULL_MAX` (default 0.1 eV/atom; most Perov-5
#      crystals lie above the hull of the others, so few candidates reach the matcher: set
#      EHULL_MAX=100 to send every candidate to it) on THREADS threads (default: all processors), under
#      /usr/bin/time -v (CPU seconds are steadier than wall-clock time on a shared machine).
# Usage: tests/bench/filter-throughput.sh [SEED] [THREADS] [N] [SIGMA]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets/perov_5/val.csv"
seed="${1:-2026}"
threads="${2:-$(nproc)}"
n="${3:-10000}"
sigma="${4:-0.05}"
ehull="${EHULL_MAX:-0.1}"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cp"
cp -r "$root/cli/target/lib" "$work/cp/lib"
cp -r "$root/tests/target/classes" "$work/cp/classes"
cp="$work/cp/classes:$work/cp/lib/*"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE
java_run() { java -Dai.djl.offline=true -cp "$cp" "$@"; }

java_run org.invdes.tests.bench.CvaeBench split "$data" "$seed" 0.8 "$work/train.csv" \
  "$work/holdout.csv"
if [ -n "${MODEL:-}" ]; then
  cp -r "$MODEL" "$work/model"
  echo "surrogate: $MODEL"
else
  java_run org.invdes.cli.Main train-surrogate --data "$work/train.csv" --property heat_ref \
    --out "$work/model" --seed "$seed" --threads 1 --epochs 20 --quiet > "$work/train.json"
  echo "surrogate: $(tr -d '\n ' < "$work/train.json")"
fi
java_run org.invdes.tests.bench.SurrogateBench candidates "$work/holdout.csv" "$n" "$seed" \
  "$sigma" "$work/candidates.csv"

echo "== invdes filter --threads $threads --ehull-max $ehull (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(date +%s.%N)
/usr/bin/time -v java -Dai.djl.offline=true -cp "$cp" org.invdes.cli.Main filter \
  --in "$work/candidates.csv" --reference "$work/train.csv" --surrogate "$work/model" \
  --out "$work/kept.csv" \
  --rejected "$work/rejected.csv" --threads "$threads" --ehull-max "$ehull" --timings \
  2> "$work/filter.err" \
  || { cat "$work/filter.err" >&2; exit 1; }
end=$(date +%s.%N)
tr '\r' '\n' < "$work/filter.err" | grep -E "^invdes: (kept|timings|warning)"
grep -E "Elapsed \(wall clock\)|User time|System time|Percent of CPU|Maximum resident" \
  "$work/filter.err" | sed 's/^[[:space:]]*/filter: /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$n" -v s="$start" -v e="$end" \
  'BEGIN { printf "end to end (JVM start included): %d in %.2f s = %.0f candidates/s\n", n, e - s, n / (e - s) }'
tr '\r' '\n' < "$work/filter.err" | awk -v n="$n" '/^invdes: timings/ {
  gsub(",", ""); t = $5 + $7 + $9 + $11 + $13;
  printf "in the filter (read..write): %.2f s = %.0f candidates/s\n", t, n / t;
  printf "structure matcher (duplicates + novelty): %.2f s = %.0f %% of it; checks %.2f s\n",
    $9 + $11, 100 * ($9 + $11) / t, $7 }'
