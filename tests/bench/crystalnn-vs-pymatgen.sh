#!/usr/bin/env bash
# Benchmark: invdes' CrystalNN site fingerprints (CrystalNNFingerprint, the structure half of the
# COV metrics) against pymatgen 2022.11's CrystalNN + LocalStructOrderParams on the crystals of
# the shared datasets, and the speed of both.
#
# Our side (org.invdes.tests.bench.MetricsBench fingerprints) reads the first MAX (default 300)
# crystals of each file with our CIF reader, prints every site fingerprint and writes the crystals
# exactly as read (lattice rows, fractional coordinates); pymatgen's side (crystalnn_pymatgen.py)
# builds pymatgen Structures from those same numbers, so that the two CIF readers' different
# rounding of coordinates (pymatgen snaps 0.333333 to 1/3) does not enter the comparison.
# Prints, per file: sites compared, sites whose 61 values differ by more than 1e-6 (and in which
# features), the largest difference, the largest Euclidean distance between the two structure
# fingerprints (site mean) of a crystal, and sites/s of both.
#
# Usage: tests/bench/crystalnn-vs-pymatgen.sh [DATASET_CSV...]   (MAX=300 by default)
# pymatgen (Debian's python3-pymatgen, run with /usr/bin/python3) is only needed here, never by
# the project. Nothing derived from the shared data is written inside the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${INVDES_SHARED:-$root/../shared}/datasets"
py="${PYTHON:-/usr/bin/python3}"
max="${MAX:-300}"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$data/perov_5/val.csv" "$data/carbon_24/val.csv" "$data/mp_20/biternary_val.csv.gz"
    "$data/mp_20/pilot_val.csv.gz")
fi
for f in "${files[@]}"; do [ -f "$f" ] || { echo "no dataset at $f" >&2; exit 2; }; done
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
work="$(mktemp -d "${TMPDIR:-/tmp}/invdes-crystalnn-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for f in "${files[@]}"; do
  echo "== $(basename "$(dirname "$f")")/$(basename "$f"), first $max crystals"
  java -cp "$cp" org.invdes.tests.bench.MetricsBench fingerprints "$f" "$max" \
    "$work/structures.tsv" > "$work/ours.tsv"
  PYTHONPATH="$root/tests/bench" "$py" -m crystalnn_pymatgen "$work/structures.tsv" \
    > "$work/theirs.tsv"
  "$py" - "$work/ours.tsv" "$work/theirs.tsv" <<'PY'
import collections, math, sys

def load(path):
    rows = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        rows[(f[0], int(f[1]))] = None if f[2].startswith("ERR") else [float(x) for x in f[2:]]
    return rows

ours, theirs = load(sys.argv[1]), load(sys.argv[2])
features = collections.Counter()
differing = worst = 0
both_missing = one_missing = 0
per_crystal = collections.defaultdict(lambda: [[0.0] * 61, [0.0] * 61, 0])
for key, a in ours.items():
    b = theirs[key]
    if a is None or b is None:
        if a is None and b is None:
            both_missing += 1
        else:
            one_missing += 1
        continue
    d = [abs(x - y) for x, y in zip(a, b)]
    worst = max(worst, max(d))
    if max(d) > 1e-6:
        differing += 1
        for k, x in enumerate(d):
            if x > 1e-6:
                features[k] += 1
    acc = per_crystal[key[0]]
    acc[0] = [u + x for u, x in zip(acc[0], a)]
    acc[1] = [u + y for u, y in zip(acc[1], b)]
    acc[2] += 1
fp_worst = max(math.dist([u / n for u in s], [v / n for v in t])
               for s, t, n in per_crystal.values())
n = len(ours) - both_missing - one_missing
print(f"   {n} sites: {differing} differ by > 1e-6 (features {dict(sorted(features.items()))}),"
      f" largest difference {worst:.2e}")
print(f"   {len(per_crystal)} crystals: largest distance between structure fingerprints"
      f" {fp_worst:.2e} (COV cut-offs 0.2 / 0.4)")
print(f"   no fingerprint on both sides: {both_missing} sites; on one side only: {one_missing}")
PY
done 2>&1 | sed 's/^invdes:/   invdes:/; s/^pymatgen:/   pymatgen:/'
echo "(feature 30 is 'body-centered cubic CN_8': pymatgen sums it over neighbour pairs j < k of"
echo " its list only, so it depends on the order of neighbours of equal weight; see"
echo " LocalOrderParameter's Javadoc)"
