#!/usr/bin/env bash
# Benchmark: agreement and speed of invdes' StructureMatcher against pymatgen's (2022.11).
#
# Draws PAIRS (default 2,400) structure pairs, seeded (SEED, default 20240611), from the shared
# datasets beside the checkout (Perov-5 val, Carbon-24 val, MP-20 binary/ternary val): copies with
# Gaussian coordinate and lattice noise of several magnitudes around the tolerances, permuted,
# origin-shifted, re-celled and supercell copies, and different crystals of the same composition.
# Writes them as CIF pairs to a temporary directory, matches every pair with pymatgen and with
# invdes (default settings, and the reconstruction settings stol 0.5 / ltol 0.3 / angle_tol 10),
# and prints the agreement, every disagreement and pairs/s of both with the ratio.
#
# Usage: tests/bench/matcher-vs-pymatgen.sh [pair directory to keep]
# pymatgen (Debian's python3-pymatgen, run with /usr/bin/python3) is only needed here, never by
# the project. Nothing derived from the shared data is written inside the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${INVDES_SHARED:-$root/../shared}"
py="${PYTHON:-/usr/bin/python3}"
pairs="${PAIRS:-2400}"
seed="${SEED:-20240611}"
[ -d "$shared/datasets" ] || { echo "no shared datasets at $shared/datasets" >&2; exit 2; }
if [ $# -ge 1 ]; then
  work="$1"; mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/invdes-matcher-bench.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi

echo "== generating $pairs pairs (seed $seed) in $work"
"$py" "$root/tests/bench/matcher_vs_pymatgen.py" generate --shared "$shared" --out "$work" \
  --pairs "$pairs" --seed "$seed"

echo "== pymatgen"
"$py" "$root/tests/bench/matcher_vs_pymatgen.py" run --dir "$work"

echo "== invdes (building core and the tests module)"
cd "$root"
./mvnw -B -q -pl tests -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
java -cp "$root/tests/target/test-classes:$(cat "$work/classpath.txt")" \
  org.invdes.tests.bench.MatcherVsPymatgen "$work"
