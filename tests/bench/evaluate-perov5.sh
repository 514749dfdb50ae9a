#!/usr/bin/env bash
# Calibration of `invdes evaluate` on real crystals: real Perov-5 crystals evaluated as if they
# had been generated must score like real data (reference/benchmarks.md).
#
# 1. A seeded split of perov_5/val.csv (the CDVAE validation split, 3,787 crystals): a held-out
#    20 % and the other 80 % ("dev").
# 2. invdes evaluate --generated held-out --reference dev: structure validity (100 % for relaxed
#    crystals), composition validity (compared with the pymatgen-based SMACT-style check of
#    tests/bench/comp-validity-vs-pymatgen.sh on the same rows, which uses pymatgen's element
#    data where invdes uses SMACT's, so a few rows differ; tests/bench/smact-validity.sh compares
#    with SMACT itself), coverage, uniqueness.
# 3. invdes evaluate --generated dev --reference held-out: the density EMD of a seeded 1,000 valid
#    dev crystals against the held-out set, next to the sampling noise: the same EMD over 20 seeds,
#    and the EMD between two random halves of the held-out set and of the dev set (MetricsBench
#    density-noise).
# 4. Coverage against the number of samples: N = 500, 2,000 and all dev crystals as "generated"
#    against the held-out crystals; benchmarks.md quotes, for real Perov-5 test crystals against
#    the dev split, COV-R 76.8 % with 500, 96.4 % with 2,000, 98.6 % with all 3,785.
# Every command is printed before its figures. SEED (default 7) seeds the split and the draws.
#
# Usage: tests/bench/evaluate-perov5.sh
# pymatgen (Debian's python3-pymatgen, /usr/bin/python3) is used only by step 2's comparison,
# never by the project. The split files live in a temporary directory, never in the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${INVDES_SHARED:-$root/../shared}/datasets/perov_5/val.csv"
seed="${SEED:-7}"
threads="${THREADS:-0}"
[ -f "$data" ] || { echo "no Perov-5 validation split at $data" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
work="$(mktemp -d "${TMPDIR:-/tmp}/invdes-evaluate-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bench() { java -cp "$cp" org.invdes.tests.bench.MetricsBench "$@"; }
# `invdes evaluate ...`, printed, timed, its JSON kept in $work/$1.json
evaluate() {
  local name="$1"; shift
  echo "\$ invdes evaluate $*" | sed "s#$work/##g"
  local t0; t0=$(date +%s.%N)
  java -cp "$cp" org.invdes.cli.Main evaluate "$@" --threads "$threads" --json \
    > "$work/$name.json" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  grep -v '^evaluate: ' "$work/$name.err" | sed 's/^/  /' || true
  printf '  (%.1f s wall clock, %s processors)\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(nproc)"
}
# figures of a saved report: field paths as /section/key
show() {
  local name="$1"; shift
  /usr/bin/python3 - "$work/$name.json" "$@" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for path in sys.argv[2:]:
    node = report
    for part in path.strip("/").split("/"):
        node = node[part]
    value = "-" if node is None else (f"{node:.4f}" if isinstance(node, float) else node)
    print(f"  {path:38s} {value}")
PY
}

echo "== 1. seeded split of perov_5/val.csv (seed $seed): 20 % held out, 80 % dev"
bench split "$data" "$seed" 0.2 "$work/held.csv" "$work/dev.csv"

echo
echo "== 2. held-out crystals as 'generated' against the dev crystals"
evaluate held "--generated" "$work/held.csv" "--reference" "$work/dev.csv" "--dataset" perov_5 \
  "--property" heat_ref "--seed" "$seed"
show held /counts/generated /counts/reference /validity/struct_valid_pct \
  /validity/comp_valid_pct /validity/valid_pct /distributions/samples \
  /distributions/wdist_density /distributions/wdist_num_elems /distributions/wdist_prop \
  /coverage/cov_recall_pct /coverage/cov_precision_pct /coverage/amsd_recall \
  /coverage/amcd_recall /diversity/unique_pct
echo "  composition validity of the same held-out rows by the pymatgen-based SMACT-style check:"
echo "  \$ tests/bench/comp-validity-vs-pymatgen.sh held.csv"
"$root/tests/bench/comp-validity-vs-pymatgen.sh" "$work/held.csv" 2>/dev/null \
  | grep -E 'agreement' | sed "s#[^ ]*/held.csv#held.csv#; s/^/  /"

echo
echo "== 3. density EMD of 1,000 valid dev crystals against the held-out crystals, and the noise"
evaluate dev "--generated" "$work/dev.csv" "--reference" "$work/held.csv" "--dataset" perov_5 \
  "--property" heat_ref "--seed" "$seed"
show dev /distributions/samples /distributions/wdist_density /distributions/wdist_num_elems \
  /distributions/wdist_prop /validity/comp_valid_pct
echo "\$ MetricsBench density-noise dev.csv held.csv 1000 20"
bench density-noise "$work/dev.csv" "$work/held.csv" 1000 20 | sed 's/^/  /'

echo
echo "== 4. coverage of the held-out crystals by N dev crystals (benchmarks.md, real test vs dev:"
echo "      COV-R 76.8 % with 500, 96.4 % with 2,000, 98.6 % with all 3,785)"
for n in 500 2000; do
  bench subset "$work/dev.csv" "$n" "$seed" "$work/dev$n.csv"
  evaluate "cov$n" "--generated" "$work/dev$n.csv" "--reference" "$work/held.csv" \
    "--dataset" perov_5 "--seed" "$seed"
  show "cov$n" /counts/generated /coverage/cov_recall_pct /coverage/cov_precision_pct \
    /coverage/amsd_recall /coverage/amcd_recall
done
echo "  (all dev crystals: step 3)"
show dev /counts/generated /coverage/cov_recall_pct /coverage/cov_precision_pct \
  /coverage/amsd_recall /coverage/amcd_recall
