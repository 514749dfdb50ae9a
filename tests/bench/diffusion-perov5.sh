#!/usr/bin/env bash
# Benchmark: the periodic diffusion generator on Perov-5, the protocol of issue 7 ("Done when").
# Prints every figure:
#   1. a seeded random 80 % / 20 % split of ../shared/datasets/perov_5/val.csv (CvaeBench split,
#      written to a temporary directory outside the repository, removed at the end);
#   2. `invdes train --generator diffusion` on the 80 % (property heat_ref) under /usr/bin/time:
#      wall-clock time, seconds per epoch, peak RSS, load average before and after (the 2 cores
#      are shared with other work, so timings are noisy);
#   3. `invdes sample` of N unconditional structures at S steps, timed (seconds per 1,000);
#   4. `invdes evaluate --dataset perov_5` of the samples against the held-out 20 %: structure
#      and composition validity, density EMD, number-of-elements EMD (and the rest it reports).
# Usage: tests/bench/diffusion-perov5.sh [EPOCHS] [N] [STEPS] [SEED] [THREADS] [HIDDEN]
#   defaults: 60 epochs, 1000 samples, 100 steps, seed 2026, 2 threads, 128 hidden units.
#   TRAIN_ARGS="..." adds options to `invdes train` (e.g. "--type-loss epsilon --layers 4").
#
# Measured 2026-11-27 (seed 2026, 2 threads, 128 hidden, machine shared, load 5-17), 1,000
# unconditional samples against the 757 held-out crystals; issue 7 targets 99.5 / 98 / 0.12 / 0.05:
#   epochs  s/epoch  steps  s/1000 samples  struct %  comp %  density EMD  #elements EMD
#   60      5.7      100    259             54.3      69.1    2.08         0.62
#   150     4.7      50     51              96.6      82.6    1.49         0.43
#   150     4.7      100    86              98.4      83.7    1.34         0.37
#   150     4.7      200    269 (load 10)   98.4      85.5    1.44         0.34
#   300     3.1      100    105             99.4      85.8    1.52         0.45
# Geometry is nearly there; the composition distribution is not (too many 2-element and too few
# 4-element cells, conditional sampling shows the same bias), see issue 7.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets/perov_5/val.csv"
epochs="${1:-60}"
n="${2:-1000}"
steps="${3:-100}"
seed="${4:-2026}"
threads="${5:-2}"
hidden="${6:-128}"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
# KEEP_DIR=DIR keeps the split, model and samples there (outside the repository) for inspection
if [ -n "${KEEP_DIR:-}" ]; then
  work="$KEEP_DIR"
  mkdir -p "$work"
  rm -rf "$work/model"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

echo "== split (seed $seed)"
java -Dai.djl.offline=true -cp "$cp" org.invdes.tests.bench.CvaeBench split "$data" "$seed" 0.8 \
  "$work/train.csv" "$work/holdout.csv"

echo "== training: invdes train --generator diffusion --epochs $epochs --hidden $hidden" \
  "--seed $seed --threads $threads ${TRAIN_ARGS:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$root/invdes" train --generator diffusion --data "$work/train.csv" \
  --properties heat_ref --out "$work/model" --epochs "$epochs" --hidden "$hidden" \
  --seed "$seed" --threads "$threads" ${TRAIN_ARGS:-} > "$work/train.json" 2> "$work/train.err" \
  || { cat "$work/train.err" >&2; exit 1; }
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/train.json"
"${PYTHON:-/usr/bin/python3}" -c 'import json,sys; j=json.load(open(sys.argv[1]));
print("training: %.1f s per epoch over %d epochs" % (j["trainingSeconds"] / j["epochsRun"],
      j["epochsRun"]))' "$work/train.json"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|Percent of CPU" "$work/train.err" \
  | sed 's/^[[:space:]]*/training: /'
"${PYTHON:-/usr/bin/python3}" -c 'import json,sys; m=json.load(open(sys.argv[1]))["metrics"]
for k in ("train", "validation"):
    if k in m: print("best epoch %d, %s loss: %s" % (m["bestEpoch"], k,
        ", ".join("%s %.4f" % (t, m[k][t]) for t in ("total", "lattice", "coordinates", "types"))))
' "$work/model/manifest.json"

echo "== sampling: invdes sample --n $n --steps $steps --seed 1"
start=$(date +%s.%N)
"$root/invdes" sample --model "$work/model" --n "$n" --steps "$steps" --seed 1 --quiet \
  --out "$work/samples.csv" > "$work/sample.json" 2> "$work/sample.err" \
  || { cat "$work/sample.err" >&2; exit 1; }
end=$(date +%s.%N)
cat "$work/sample.json"
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "sampling: %.1f s for %d structures" \
  " = %.1f s per 1,000 (including JVM start and model load)\n", e - s, n, (e - s) * 1000 / n }'

echo "== evaluation: invdes evaluate --dataset perov_5 against the held-out 20 %"
"$root/invdes" evaluate --generated "$work/samples.csv" --reference "$work/holdout.csv" \
  --train "$work/train.csv" --dataset perov_5 2> "$work/evaluate.err" \
  || { cat "$work/evaluate.err" >&2; exit 1; }
