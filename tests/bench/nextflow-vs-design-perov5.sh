#!/usr/bin/env bash
# Issue 5: does the Nextflow pipeline give the same files as `invdes design` on Perov-5?
# design on perov_5/val.csv (80/20 split, seed SEED, one-thread training), then the pipeline on
# design's train.csv/heldout.csv with the same settings (4 sampling shards, one-thread training),
# then byte comparisons. Also checks that 4 `sample --first-index` shards with design's own model
# concatenate to design's samples.csv. Usage: tests/bench/nextflow-vs-design-perov5.sh [OUT] [SEED]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
data="${INVDES_SHARED:-$here/../shared}/datasets/perov_5/val.csv"
out="${1:-/tmp/invdes-nf-vs-design}"; seed="${2:-11}"; n=2000
[ -f "$data" ] || { echo "no $data: this benchmark needs ../shared/datasets" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
/usr/bin/time -f "design: %e s wall, %M KB" "$here/invdes" design --data "$data" \
  --target heat_ref=0.0 --energy-property heat_ref --dataset perov_5 --n $n --seed "$seed" \
  --threads 1 --quiet --out "$out/design"
echo "process { withName: 'INVDES_TRAIN' { cpus = 1 } }" > "$out/one-thread.config"
(cd "$out" && /usr/bin/time -f "nextflow: %e s wall, %M KB" \
  "$here/workflows-examples/nextflow/nextflow" run "$here/workflows-examples/nextflow/main.nf" \
  --input "$out/design/train.csv" --reference "$out/design/heldout.csv" --properties heat_ref \
  --target heat_ref=0.0 --energy_property heat_ref --dataset perov_5 --n_samples $n --shards 4 \
  --seed "$seed" --outdir "$out/nf" -c "$out/one-thread.config")
cmp -s "$out/design/model/cvae-0000.params" "$out/nf/train/model/cvae-0000.params" \
  && echo "SAME model weights" || echo "DIFF model weights"
for f in samples/samples.csv filter/candidates.csv filter/rejected.csv evaluate/metrics.json; do
  cmp -s "$out/design/$(basename $f)" "$out/nf/$f" && echo "SAME $f" || echo "DIFF $f"
done
mkdir -p "$out/shards"
for k in 0 1 2 3; do
  "$here/invdes" sample --model "$out/design/model" --n $((n / 4)) --first-index $((k * n / 4)) \
    --seed "$seed" --threads 1 --target heat_ref=0.0 --quiet --out "$out/shards/s$k.csv" >/dev/null
done
(head -1 "$out/shards/s0.csv"; for k in 0 1 2 3; do tail -n +2 "$out/shards/s$k.csv"; done) \
  > "$out/shards/merged.csv"
cmp -s "$out/shards/merged.csv" "$out/design/samples.csv" \
  && echo "SAME 4 sample shards of design's model vs design's samples.csv" \
  || echo "DIFF 4 sample shards of design's model vs design's samples.csv"
