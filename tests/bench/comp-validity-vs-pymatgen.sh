#!/usr/bin/env bash
# Benchmark: CDVAE composition validity (SMACT's rule) computed by invdes's CompositionValidity
# against the same rule written out in Python over pymatgen, on every crystal of the shared
# datasets; then the throughput of CompositionValidity + GeometricValidity on 10,000 structures,
# and how real crystals fare against CovalentDistanceCheck.
#
# Our side: org.invdes.tests.bench.StabilityBench (tests module) reads the CSV files with our CIF
# reader. pymatgen's side reads the same CIF strings with pymatgen, counts atoms per element as
# CDVAE's get_composition does (divided by their gcd) and runs CDVAE's smact_validity procedure
# (itertools.product over one oxidation state per element, charge neutrality, SMACT's pairwise
# Pauling test), with pymatgen's Element.oxidation_states, Element.X and Element.is_metal in place
# of SMACT's tables. Since CompositionValidity uses SMACT's own data (SmactElement), the two sides
# differ where the data do (e.g. SMACT's Ca +1, Ti +1, Al +2, Ge and Sb as metals): this measures
# what the element data change, not an error. The exact check against SMACT itself is
# tests/bench/smact-validity.sh.
# pymatgen (Debian's python3-pymatgen, run with /usr/bin/python3) is only needed here, never by
# the project. Usage: tests/bench/comp-validity-vs-pymatgen.sh [DATASET_CSV...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets"
py="${PYTHON:-/usr/bin/python3}"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$data/perov_5/val.csv" "$data/carbon_24/val.csv" "$data/mp_20/biternary_val.csv.gz"
    "$data/mp_20/pilot_train.csv.gz" "$data/mp_20/pilot_val.csv.gz")
fi
for f in "${files[@]}"; do [ -f "$f" ] || { echo "no dataset at $f" >&2; exit 2; }; done
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
bench() { java -cp "$cp" org.invdes.tests.bench.StabilityBench "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bench verdicts "${files[@]}" > "$work/ours.tsv"
"$py" - "$work/ours.tsv" "${files[@]}" <<'PY'
import collections, itertools, math, os, sys, warnings
warnings.filterwarnings("ignore")
import pandas
from pymatgen.core import Structure
from pymatgen.core.periodic_table import Element

def pauling_ok(ox, x):
    # SMACT's pairwise test: no cation at least as electronegative as an anion
    for (o1, x1), (o2, x2) in itertools.combinations(zip(ox, x), 2):
        if o1 > 0 and o2 < 0 and x1 >= x2:
            return False
        if o1 < 0 and o2 > 0 and x1 <= x2:
            return False
    return True

cache = {}
def smact_like(symbols, counts):
    key = (symbols, counts)
    if key in cache:
        return cache[key]
    els = [Element(s) for s in symbols]
    if len(set(symbols)) == 1:
        v = True
    elif all(e.is_metal for e in els):
        v = True
    else:
        v = False
        xs = [e.X for e in els]
        for ox in itertools.product(*[e.oxidation_states for e in els]):
            if sum(o * c for o, c in zip(ox, counts)) == 0 and math.gcd(*counts) == 1 \
                    and pauling_ok(ox, xs):
                v = True
                break
    cache[key] = v
    return v

ours = {}
for line in open(sys.argv[1]):
    f, i, comp, valid, outcome = line.rstrip("\n").split("\t")
    ours[(f, i)] = (comp, valid == "1", outcome)

total = agree = comp_mismatch = 0
per_file = collections.defaultdict(lambda: [0, 0, 0, 0])  # rows, agree, ours valid, pmg valid
examples = []
for path in sys.argv[2:]:
    name = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    df = pandas.read_csv(path)
    idcol = "material_id" if "material_id" in df.columns else None
    for row_no, row in df.iterrows():
        rid = str(row[idcol]) if idcol else str(row_no + 1)
        s = Structure.from_str(row["cif"], fmt="cif")
        counter = collections.Counter(site.specie.symbol for site in s)
        symbols = tuple(sorted(counter))
        g = math.gcd(*counter.values())
        counts = tuple(counter[x] // g for x in symbols)
        theirs = smact_like(symbols, counts)
        comp = ",".join(f"{x}:{c}" for x, c in zip(symbols, counts))
        mine = ours.get((name, rid))
        stats = per_file[name]
        stats[0] += 1
        total += 1
        if mine is None:
            examples.append(f"{name} {rid}: not read by invdes")
            continue
        if mine[0] != comp:
            comp_mismatch += 1
            examples.append(f"{name} {rid}: composition {mine[0]} (invdes) vs {comp} (pymatgen)")
        stats[2] += mine[1]
        stats[3] += theirs
        if mine[1] == theirs:
            agree += 1
            stats[1] += 1
        else:
            examples.append(f"{name} {rid} {comp}: invdes {mine[1]} ({mine[2]}), pymatgen {theirs}")

print("composition validity, invdes CompositionValidity vs CDVAE's procedure on pymatgen data:")
for name, (n, a, mv, tv) in per_file.items():
    print(f"  {name:28s} {n:6d} crystals  agreement {100.0 * a / n:7.3f} %   valid: invdes "
          f"{100.0 * mv / n:6.2f} %, pymatgen side {100.0 * tv / n:6.2f} %")
print(f"  {'all':28s} {total:6d} crystals  agreement {100.0 * agree / total:7.3f} %"
      f"  ({total - agree} disagreements, {comp_mismatch} composition mismatches)")
for e in examples[:20]:
    print("   ", e)
PY

echo
echo "throughput (10,000 structures: Perov-5 val then MP-20 biternary val):"
bench throughput 10000 "$(nproc)" "$data/perov_5/val.csv" "$data/mp_20/biternary_val.csv.gz"
echo
echo "CovalentDistanceCheck on real crystals:"
bench covalent "${files[@]}"
