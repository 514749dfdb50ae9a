#!/usr/bin/env bash
# invdes design on Perov-5 (issue 5): train on 80 % of perov_5/val.csv, evaluate against the
# other 20 %, 10,000 samples aimed at heat_ref = TARGET, then the same run with a formation-energy
# surrogate trained on the same 80 % (so the filter's energy above the hull uses its prediction).
# Usage: tests/bench/design-perov5.sh [OUTDIR] [SEED] [TARGET]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
data="${INVDES_SHARED:-$here/../shared}/datasets/perov_5/val.csv"
out="${1:-/tmp/invdes-design-perov5}"
seed="${2:-7}"
target="${3:-0.0}"
[ -f "$data" ] || { echo "no $data: this benchmark needs ../shared/datasets" >&2; exit 1; }
mkdir -p "$out"
run() { /usr/bin/time -f "%e s wall, %M KB peak RSS" "$here/invdes" "$@"; }
echo "== design (generator's own property head as the candidates' energy)" >&2
run design --data "$data" --target heat_ref="$target" --energy-property heat_ref \
  --dataset perov_5 --n 10000 --seed "$seed" --threads 2 --quiet --out "$out/plain"
echo "== surrogate on the same training rows" >&2
[ -d "$out/surrogate" ] || run train-surrogate --data "$out/plain/train.csv" --property heat_ref \
  --seed "$seed" --threads 2 --quiet --out "$out/surrogate"
echo "== design with the surrogate (same split, same generator)" >&2
run design --data "$data" --model "$out/plain/model" --surrogate "$out/surrogate" \
  --target heat_ref="$target" --energy-property heat_ref --dataset perov_5 --n 10000 \
  --seed "$seed" --threads 2 --quiet --out "$out/surrogate-run"
for d in plain surrogate-run; do
  echo "== $d"
  "$here/invdes" evaluate --generated "$out/$d/samples.csv" --reference "$out/plain/heldout.csv" \
    --train "$out/plain/train.csv" --dataset perov_5 --property heat_ref --seed "$seed" 2>/dev/null
  echo "kept $(($(grep -c '^sample-' "$out/$d/candidates.csv" || true))) of 10000 (see $out/$d/report.html)"
done
