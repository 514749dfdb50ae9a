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
#   TRAIN_ARGS="..." adds options to `invdes train` (e.g. "--type-loss epsilon --layers 4");
#   SAMPLE_ARGS="..." adds options to `invdes sample` (e.g. "--repulsion 0 --steps 200").
#
# Measured 2026-11-27 (seed 2026, 2 threads, 128 hidden, 3 layers, machine shared, load 2-15;
# timings are noisy), samples against the 757 held-out crystals; issue 7 targets 99.5 / 98 /
# 0.12 / 0.05. EMDs use 1,000 valid samples, so #elements EMD moves by ±0.03 between draws.
#   types (training)      epochs s/epoch steps  N      s/1000  struct % comp %  dens EMD #el EMD
#   eps-MSE (before)      150    3.5     100    1000   95      98.4     83.7    1.34     0.37
#   CE, x0 mean           150    4.1     100    1000   86      91.8     95.0    0.257    0.080
#   CE, x0 drawn          150    4.1     100    1000   81      92.2     96.1    0.218    0.113
#   CE, x0 drawn          250    3.4     50     1000   38      94.9     95.7    0.178    0.057
#   CE, x0 drawn          250    3.4     100    1000   39      97.5     96.9    0.120    0.048
#   CE, x0 drawn          250    3.4     100    10000  69      96.51    96.53   0.114    0.094
#   CE, x0 drawn          250    3.4     200    1000   223 *   97.8     96.7    0.131    0.050
#   CE, x0 drawn          300    2.7     100    1000   68      97.4     96.3    0.088    0.038
#   CE, drawn, EMA 0.999  250    2.7     100    1000   67      95.9     96.5    0.142    0.055
#   (* load 9). Commands: `tests/bench/diffusion-perov5.sh 150 1000 100` at 90c1c07 (eps-MSE);
#   `tests/bench/diffusion-perov5.sh 150 1000 100`, `... 250 1000 100`, `... 300 1000 100` (CE);
#   `TRAIN_ARGS="--ema-decay 0.999" tests/bench/diffusion-perov5.sh 250 1000 100`; other step
#   counts and N = 10,000 with KEEP_DIR=DIR and then `invdes sample --model DIR/model --n N
#   --steps S --seed 1` and `invdes evaluate --dataset perov_5` as below. The "x0 mean" row
#   stepped toward the softmax itself instead of a drawn one-hot.
# Cross-entropy types fixed the composition (3 anion sites in 95.5 % of cells, as in every
# training cell; mean cell mass 249 vs 251 u; lattice lengths and volumes match the held-out
# quantiles): density EMD meets its target (0.114 on 10,000 at 250 epochs, 0.088 on 1,000 at
# 300). Still off: #elements EMD (0.038-0.094 by draw and run; too few 5-element cells),
# structure validity (2.5-3.5 % of cells put two atoms on one site, mostly a cation on an anion
# site; 92 % at 150 epochs, 97.5 % at 250 and 97.4 % at 300, so more epochs alone stall) and
# composition validity (~96.5 %).
#
# Sampler options (2026-11-27, issue 7 follow-up): the 300-epoch CE model above, 2,000 samples,
# 100 steps, seed 1, against the same 757 held-out crystals; "all" = density / #elements EMD over
# all structurally valid samples (pymatgen, less noisy than the 1,000-sample EMDs); "moved to a
# free site" = of the 53 cells that collide with no step, how many end with every atom on the
# perovskite half-grid at distinct positions (tests/bench/diffusion-collisions.py).
#   sample options                          s/1000 struct % comp %  dens EMD #el EMD  all       free site
#   --repulsion 0 --greedy-types 0 (before) 61     97.35    96.50   0.090    0.082    .055/.052 -
#     ... --corrector-step 0                32     92.05    95.55   0.228    0.075    .224/.071 -
#     ... --corrector-step 1e-6             50     94.40    95.20   0.075    0.079    .073/.067 -
#     ... --corrector-step 3e-5             122 *  97.05    95.95   0.146    0.057    .113/.048 -
#   --repulsion 1 --repulsion-start 0.1     116 *  100      97.70   0.087    0.056    .055/.045 1 of 53
#   --repulsion 1 --repulsion-start 0.3     119 *  100      97.45   0.109    0.042    .063/.045 21 of 53
#   --repulsion 1 --repulsion-start 0.5     124 *  100      97.65   0.064    0.059    .061/.047 40 of 53
#   --repulsion 0.5 --repulsion-start 0.5   115 *  100      97.75   0.084    0.078    .064/.053 30 of 53
#   ... start 0.5 --greedy-types 0.3 (now)  120 *  100      98.20   0.105    0.054    .079/.049 40 of 53
#   ... start 0.5 --greedy-types 0.5        123 *  100      98.25   0.096    0.090    .067/.056 36 of 53
#   defaults now (= start 0.5, greedy 0.3),
#     200 steps (the model's), N = 10,000  205 *  100      97.64   0.116    0.037    -         -
#   (--greedy-types 0 unless given; --repulsion-radius 0.7 throughout; * load 6-9, another
#   training on the 2 cores; the 10,000 row: `invdes sample --model DIR/model --n 10000 --seed
#   1`, no sampler option, then `invdes evaluate` as below: COV-R 98.55, COV-P 81.89.)
# Composition validity: the training cells themselves have 97.92 % (the held-out 20 %: 97.09 %),
# so 98 % asks for more than the data. Greedy late types (mode-seeking) reach 98.2 % on 2,000 at
# 100 steps but 97.64 % on 10,000 at 200 steps; the target is not met without retraining (or a
# composition-aware sampler), and the step itself does not change compositions much.
# Why atoms collide: 37 of the 53 collisions are a cation on an anion site with the cell's three
# anions present (one cation site left empty), 7 anion on anion, 8 cation on cation. Less
# corrector work gives more of them (predictor only 92.05 %, 1e-6 94.40 %, 1e-5 97.35 %, 3e-5
# 97.05 %): the Langevin noise lets an atom leave an occupied basin, but it saturates. The
# denoiser never saw two atoms in one basin at low noise (no training pair is closer than 0.67
# of its covalent-radius sum), so its score there has no repulsive part and pulls both to the
# basin's centre. Separating them while the denoiser can still move atoms between sites (from
# 0.5 T, sigma ~ 0.05) lets it put the moved atom on the empty site; from 0.1 T they only stop
# ~kappa (r_i + r_j) apart.
# Commands per row: `invdes sample --model DIR/model --n 2000 --steps 100 --seed 1
# OPTIONS --out S.csv`, `invdes evaluate --generated S.csv --reference DIR/holdout.csv --train
# DIR/train.csv --dataset perov_5`, `tests/bench/diffusion-collisions.py BASE.csv S.csv`.
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

echo "== sampling: invdes sample --n $n --steps $steps --seed 1 ${SAMPLE_ARGS:-}"
start=$(date +%s.%N)
"$root/invdes" sample --model "$work/model" --n "$n" --steps "$steps" --seed 1 --quiet \
  ${SAMPLE_ARGS:-} --out "$work/samples.csv" > "$work/sample.json" 2> "$work/sample.err" \
  || { cat "$work/sample.err" >&2; exit 1; }
end=$(date +%s.%N)
cat "$work/sample.json"
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "sampling: %.1f s for %d structures" \
  " = %.1f s per 1,000 (including JVM start and model load)\n", e - s, n, (e - s) * 1000 / n }'

echo "== evaluation: invdes evaluate --dataset perov_5 against the held-out 20 %"
"$root/invdes" evaluate --generated "$work/samples.csv" --reference "$work/holdout.csv" \
  --train "$work/train.csv" --dataset perov_5 2> "$work/evaluate.err" \
  || { cat "$work/evaluate.err" >&2; exit 1; }
