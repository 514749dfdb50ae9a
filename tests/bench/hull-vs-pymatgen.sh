#!/usr/bin/env bash
# Benchmark: energy above the convex hull by invdes's ConvexHull against pymatgen's PhaseDiagram,
# on the MP-20 entries of the shared datasets (formation energies per atom, eV/atom, as the
# references and as the candidates: every entry against the hull of all of them); then the speed
# of ConvexHull for 10,000 candidates against 30,000 references.
#
# Our side: org.invdes.tests.bench.StabilityBench (tests module) reads the CSV files with our CIF
# reader (composition from the CIF). pymatgen's side builds PDEntry(Composition(pretty_formula),
# formation energy x atoms) with the elements at 0 and, per chemical system, a PhaseDiagram of the
# entries whose elements are a subset of it (pymatgen cannot build one diagram over 80+ elements),
# and takes get_e_above_hull. The datasets' own e_above_hull column is relative to all of the
# Materials Project, not to these entries, so it is not compared.
# pymatgen (Debian's python3-pymatgen, run with /usr/bin/python3) is only needed here, never by
# the project. Usage: tests/bench/hull-vs-pymatgen.sh [MP_DATASET_CSV...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets"
py="${PYTHON:-/usr/bin/python3}"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$data/mp_20/biternary_val.csv.gz" "$data/mp_20/pilot_train.csv.gz"
    "$data/mp_20/pilot_val.csv.gz")
fi
for f in "${files[@]}"; do [ -f "$f" ] || { echo "no dataset at $f" >&2; exit 2; }; done
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
bench() { java -cp "$cp" org.invdes.tests.bench.StabilityBench "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bench hull "${files[@]}" > "$work/ours.tsv"
"$py" - "$work/ours.tsv" "${files[@]}" <<'PY'
import itertools, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

ours = {}
for line in open(sys.argv[1]):
    i, e = line.split("\t")
    ours[i] = float(e)

entries = {}
for path in sys.argv[2:]:
    df = pandas.read_csv(path)
    for _, row in df.iterrows():
        mid = row["material_id"]
        if mid in entries or pandas.isna(row["formation_energy_per_atom"]):
            continue
        c = Composition(row["pretty_formula"])
        entries[mid] = PDEntry(c, row["formation_energy_per_atom"] * c.num_atoms, name=mid)

by_system = {}
for mid, e in entries.items():
    by_system.setdefault(frozenset(el.symbol for el in e.composition.elements), []).append(mid)
t0 = time.perf_counter()
theirs = {}
for system, members in by_system.items():
    refs = [PDEntry(Composition(s), 0.0) for s in system]
    for k in range(1, len(system) + 1):
        for sub in itertools.combinations(sorted(system), k):
            refs += [entries[m] for m in by_system.get(frozenset(sub), [])]
    pd = PhaseDiagram(refs)
    for m in members:
        theirs[m] = pd.get_e_above_hull(entries[m])
t1 = time.perf_counter()

diffs = sorted(((abs(ours[m] - theirs[m]), m) for m in theirs if m in ours), reverse=True)
n = len(diffs)
within = lambda tol: sum(d <= tol for d, _ in diffs)
print(f"energy above hull, invdes ConvexHull vs pymatgen PhaseDiagram: {n} MP-20 entries "
      f"({len(by_system)} chemical systems; pymatgen took {t1 - t0:.1f} s)")
print(f"  missing on our side: {len(set(theirs) - set(ours))}")
print(f"  |difference| <= 1e-9 eV/atom: {within(1e-9)} ({100.0 * within(1e-9) / n:.3f} %), "
      f"<= 1e-6: {within(1e-6)} ({100.0 * within(1e-6) / n:.3f} %), max {diffs[0][0]:.3g} eV/atom")
on_hull_ours = sum(ours[m] == 0 for m in theirs)
on_hull_theirs = sum(theirs[m] <= 1e-8 for m in theirs)
print(f"  on the hull: invdes {on_hull_ours} (exactly 0), pymatgen {on_hull_theirs} (<= 1e-8)")
for d, m in diffs[:5]:
    if d > 1e-9:
        print(f"    {m} {entries[m].composition.reduced_formula}: invdes {ours[m]:.9f}, "
              f"pymatgen {theirs[m]:.9f}")
PY

echo
echo "speed (seeded synthetic references and candidates in the chemical systems of the real ones):"
bench hull-speed 30000 10000 42 "${files[@]}"
