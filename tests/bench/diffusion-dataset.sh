#!/usr/bin/env bash
# Benchmark: the periodic diffusion generator on any of the three benchmark datasets, the
# protocol of issue 7 ("train on 80 % of the dev split, evaluate against the other 20 %, 10,000
# samples"):
#   perov_5    ../shared/datasets/perov_5/val.csv              property heat_ref
#   carbon_24  ../shared/datasets/carbon_24/val.csv            property energy_per_atom
#   mp_20      ../shared/datasets/mp_20/biternary_val.csv.gz   property formation_energy_per_atom
# Steps: a seeded 80/20 split (CvaeBench split, outside the repository); `invdes train
# --generator diffusion` under /usr/bin/time (wall clock, s per epoch, peak RSS); `invdes sample`
# of N unconditional structures at S steps, timed; `invdes evaluate --dataset NAME` against the
# held-out 20 % (validity, density and #elements EMD, coverage).
# Usage: tests/bench/diffusion-dataset.sh DATASET [EPOCHS] [N] [STEPS] [SEED] [THREADS]
#   defaults: 150 epochs, 10000 samples, 100 steps, seed 2026, 2 threads; TRAIN_ARGS adds
#   options to `invdes train` (e.g. "--hidden 192"), KEEP_DIR=DIR keeps the files.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:?usage: diffusion-dataset.sh perov_5|carbon_24|mp_20 [EPOCHS] [N] [STEPS] [SEED] [THREADS]}"
epochs="${2:-150}"; n="${3:-10000}"; steps="${4:-100}"; seed="${5:-2026}"; threads="${6:-2}"
case "$name" in
  perov_5) data="perov_5/val.csv"; property=heat_ref ;;
  carbon_24) data="carbon_24/val.csv"; property=energy_per_atom ;;
  mp_20) data="mp_20/biternary_val.csv.gz"; property=formation_energy_per_atom ;;
  *) echo "unknown dataset '$name': perov_5, carbon_24 or mp_20" >&2; exit 2 ;;
esac
data="$root/../shared/datasets/$data"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
work="${KEEP_DIR:-$(mktemp -d)}"
mkdir -p "$work"
rm -rf "$work/model"
[ -n "${KEEP_DIR:-}" ] || trap 'rm -rf "$work"' EXIT

echo "== $name: split (seed $seed)"
java -Dai.djl.offline=true -cp "$cp" org.invdes.tests.bench.CvaeBench split "$data" "$seed" 0.8 \
  "$work/train.csv" "$work/holdout.csv"
echo "== training: --epochs $epochs --seed $seed --threads $threads ${TRAIN_ARGS:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
/usr/bin/time -f "training: %e s wall, %M KB peak RSS" "$root/invdes" train --generator diffusion \
  --data "$work/train.csv" --properties "$property" --out "$work/model" --epochs "$epochs" \
  --seed "$seed" --threads "$threads" --quiet ${TRAIN_ARGS:-} > "$work/train.json"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
"${PYTHON:-/usr/bin/python3}" -c 'import json,sys; j=json.load(open(sys.argv[1]));
print("training: %.1f s per epoch over %d epochs (best %d)" % (j["trainingSeconds"]
      / j["epochsRun"], j["epochsRun"], j["bestEpoch"]))' "$work/train.json"

echo "== sampling: --n $n --steps $steps --seed 1"
start=$(date +%s.%N)
"$root/invdes" sample --model "$work/model" --n "$n" --steps "$steps" --seed 1 \
  --threads "$threads" --quiet --out "$work/samples.csv" > /dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "sampling: %.1f s for %d structures" \
  " = %.1f s per 1,000 (including JVM start and model load)\n", e - s, n, (e - s) * 1000 / n }'

echo "== evaluation: invdes evaluate --dataset $name against the held-out 20 %"
"$root/invdes" evaluate --generated "$work/samples.csv" --reference "$work/holdout.csv" \
  --train "$work/train.csv" --dataset "$name" --threads "$threads" 2> /dev/null
