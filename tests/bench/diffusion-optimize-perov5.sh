#!/usr/bin/env bash
# Benchmark: property optimisation with the diffusion generator and energy guidance on Perov-5
# heat_ref (issue 7, "SR5 reported, target >= 0.8, judged by the stability issue's surrogate"),
# the CDVAE protocol of ../shared/reference/benchmarks.md: 100 held-out start structures,
# optimise toward lower heat_ref, keep the best valid result per start; SR5/SR10/SR15 = fraction
# of the 100 starts whose kept result the surrogate puts at or below the dataset's 5th/10th/15th
# percentile (0.4392 / 0.6120 / 0.7365 eV/atom). A start without a valid result is a failure.
#   1. a seeded 80/20 split of ../shared/datasets/perov_5/val.csv (CvaeBench split), the first
#      100 held-out rows are the starts;
#   2. the diffusion model (MODEL=DIR reuses one trained on the same split, else `invdes train
#      --generator diffusion --epochs EPOCHS`) and the surrogate (SURROGATE=DIR reuses one, else
#      `invdes train-surrogate` on the same 80 %);
#   3. `invdes sample --optimize heat_ref:min --seeds starts --surrogate ... --attempts K
#      --energy-guidance W --start-time F --steps S`, timed.
# Usage: tests/bench/diffusion-optimize-perov5.sh [SEED] [EPOCHS] [K] [W] [F] [S]
#   defaults: seed 2026, 150 epochs, 8 attempts, strength 3, start time 0.8, 100 steps (the
#   best measured setting, also `invdes sample`'s default).
#
# Measured 2026-11-27 (seed 2026; the diffusion model of `diffusion-perov5.sh 150` before the
# cross-entropy type loss, MODEL=...; surrogate trained by this script's step 2, validation MAE
# 0.085 eV/atom; machine shared, load 4-8):
#   W  F    K  SR5   SR10  SR15  mean optimised heat_ref  wall
#   1  0.5  8  0.50  0.68  0.84  0.417                    84 s
#   3  0.5  8  0.68  0.79  0.87  0.274                    265 s
#   1  0.8  8  0.72  0.84  0.91  0.204                    309 s
#   3  0.8  8  0.94  0.98  1.00  -0.281                   397 s
# With the cross-entropy types (the 300-epoch model of diffusion-perov5.sh, format 3):
#   3  0.8  8  1.00  1.00  1.00  -0.595                   166 s
#   judged instead by a second surrogate (seed 7, MAE 0.089): SR5 0.99, mean -0.454; counting
#   only the 84 results `invdes filter` keeps (covalent distances, charge balance): SR5 0.83.
# With the sampler's minimum-distance step and greedy late types (defaults since 2026-11-27;
# MODEL=/tmp/dq/run-ce300/model SURROGATE=<the surrogate above>, load 2-4):
#   3  0.8  8  1.00  1.00  1.00  -0.881                   118 s
#   but only 31 of these 100 results pass `invdes filter` (45 fail its covalent-distance check:
#   guidance squeezed atoms together where the surrogate rates them well, 3 its composition
#   check, the rest are duplicates of other starts' results).
# Keeping per start the best result that is CDVAE-valid (structure and composition) and, when
# one exists, whose atoms keep half their covalent-radius sum apart (since 2026-11-27; load 2-3):
#   3  0.8  8  1.00  1.00  1.00  -0.733                   125 s, 1.0 GB peak RSS
#   judged by the independent surrogate (seed 7): SR5/SR10/SR15 1.00/1.00/1.00, mean -0.696;
#   `invdes filter --surrogate S` keeps 56 of 100 and rejects the other 44 only as duplicates of
#   another start's result (none for distances or composition); done by /tmp scripts:
#   `invdes filter --in optimized.csv --out kept.csv --rejected rej.csv --surrogate S` and the
#   predicted_heat_ref column of both files.
# The guiding surrogate also judges (the issue's protocol).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets/perov_5/val.csv"
seed="${1:-2026}"; epochs="${2:-150}"; k="${3:-8}"; w="${4:-3}"; f="${5:-0.8}"; s="${6:-100}"
py="${PYTHON:-/usr/bin/python3}"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
export MKL_CBWR=COMPATIBLE OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
work="${KEEP_DIR:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "${KEEP_DIR:-}" ] || trap 'rm -rf "$work"' EXIT

echo "== split (seed $seed)"
java -Dai.djl.offline=true -cp "$cp" org.invdes.tests.bench.CvaeBench split "$data" "$seed" 0.8 \
  "$work/train.csv" "$work/holdout.csv"
"$py" - "$work/holdout.csv" "$work/starts.csv" <<'PY'
import csv, sys
csv.field_size_limit(10 ** 9)
rows = list(csv.reader(open(sys.argv[1], newline="")))
with open(sys.argv[2], "w", newline="") as out:
    csv.writer(out).writerows(rows[:101])
PY
model="${MODEL:-}"
if [ -z "$model" ]; then
  model="$work/model"
  echo "== diffusion: invdes train --generator diffusion --epochs $epochs --seed $seed"
  /usr/bin/time -f "diffusion training: %e s wall, %M KB peak" "$root/invdes" train \
    --generator diffusion --data "$work/train.csv" --properties heat_ref --out "$model" \
    --epochs "$epochs" --seed "$seed" --quiet > /dev/null
fi
surrogate="${SURROGATE:-}"
if [ -z "$surrogate" ]; then
  surrogate="$work/surrogate"
  echo "== surrogate: invdes train-surrogate --property heat_ref --seed $seed"
  /usr/bin/time -f "surrogate training: %e s wall, %M KB peak" "$root/invdes" train-surrogate \
    --data "$work/train.csv" --property heat_ref --out "$surrogate" --seed "$seed" --quiet \
    > /dev/null
fi
echo "== optimise: --attempts $k --energy-guidance $w --start-time $f --steps $s"
/usr/bin/time -f "optimisation: %e s wall, %M KB peak" "$root/invdes" sample --model "$model" \
  --optimize heat_ref:min --seeds "$work/starts.csv" --surrogate "$surrogate" --attempts "$k" \
  --energy-guidance "$w" --start-time "$f" --steps "$s" --seed "$seed" --quiet \
  --out "$work/optimized.csv" > "$work/optimize.json"
"$py" - "$work/optimized.csv" <<'PY'
import csv, sys
csv.field_size_limit(10 ** 9)
kept = list(csv.DictReader(open(sys.argv[1], newline="")))
best = {r["start"]: float(r["heat_ref"]) for r in kept}
for name, cut in (("SR5", 0.4392), ("SR10", 0.6120), ("SR15", 0.7365)):
    print("%s %.2f" % (name, sum(1 for v in best.values() if v <= cut) / 100))
print("starts with a valid result: %d of 100" % len(best))
if best:
    v = sorted(best.values())
    print("optimised heat_ref (surrogate): mean %.3f, median %.3f" % (sum(v) / len(v),
          v[len(v) // 2]))
PY
