#!/usr/bin/env bash
# Benchmark: invdes's composition validity (CompositionValidity.standard()) against CDVAE's
# smact_validity run with the real SMACT, crystal by crystal, on the shared datasets.
#
# Our side: org.invdes.tests.bench.StabilityBench verdicts (tests module) reads the CSV files with
# our CIF reader. SMACT's side reads the same CIF strings with pymatgen, counts atoms per element
# as CDVAE's Crystal.get_composition does (atomic numbers sorted, counts divided by their gcd) and
# calls CDVAE's smact_validity (scripts/eval_utils.py; restated below with the same calls:
# smact.element_dictionary, smact.neutral_ratios, smact.screening.pauling_test, a TypeError
# counting as a pass) from the SMACT checkout given as the first argument, which must be SMACT 2.2
# (git tag v2.2; same data as 2.2.1, the release CDVAE and DiffCSP pin), e.g.
#   mkdir /tmp/smact22 && git -C SMACT_REPO archive v2.2 | tar -x -C /tmp/smact22
#   tests/bench/smact-validity.sh /tmp/smact22
# Optional: BEFORE_CORE_JAR=path/to/invdes-core.jar also runs our side with an older core (e.g.
# the build of the commit before SMACT's data came in) to show the change.
# pymatgen (Debian's python3-pymatgen) and SMACT run with /usr/bin/python3 only here; the project
# never needs Python. Usage: tests/bench/smact-validity.sh SMACT_CHECKOUT [DATASET_CSV...]
#
# Results (2026-11-27, SMACT v2.2 from /work/.mirror/WMD-group+SMACT; "before" = our core at
# commit 4327652, CDVAE's rule on pymatgen's element data; "after" = this commit, SMACT's data):
#   dataset                     crystals  valid: before    after    SMACT   agreement (after)
#   perov_5/val.csv                 3787         97.76%   98.73%   98.73%   3787/3787
#   carbon_24/val.csv               2032        100.00%  100.00%  100.00%   2032/2032
#   mp_20/biternary_val.csv.gz      7140         84.61%   89.33%   89.33%   7140/7140
#   synthetic (seeded, 5000 formulas, half with Pm/Rn/Lr)        25.26%   5000/5000
# Command: BEFORE_CORE_JAR=<core jar built at 4327652> tests/bench/smact-validity.sh /tmp/smact22
# (about 80 s on 2 cores, most of it pymatgen reading the CIFs).
set -euo pipefail
if [ "$#" -lt 1 ] || [ ! -f "$1/smact/__init__.py" ]; then
  echo "usage: $0 SMACT_CHECKOUT [DATASET_CSV...]  (SMACT_CHECKOUT/smact/__init__.py must exist)" >&2
  exit 2
fi
smact_dir="$(cd "$1" && pwd)"
shift
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/../shared/datasets"
py="${PYTHON:-/usr/bin/python3}"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=("$data/perov_5/val.csv" "$data/carbon_24/val.csv" "$data/mp_20/biternary_val.csv.gz")
fi
for f in "${files[@]}"; do [ -f "$f" ] || { echo "no dataset at $f" >&2; exit 2; }; done
(cd "$root" && ./mvnw -q -B -DskipTests -pl tests -am package >&2)
cp="$root/tests/target/classes:$root/cli/target/lib/*"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java -cp "$cp" org.invdes.tests.bench.StabilityBench verdicts "${files[@]}" > "$work/ours.tsv"
if [ -n "${BEFORE_CORE_JAR:-}" ]; then
  java -cp "$BEFORE_CORE_JAR:$cp" org.invdes.tests.bench.StabilityBench verdicts "${files[@]}" \
    > "$work/before.tsv"
else
  : > "$work/before.tsv"
fi
cat > "$work/cdvae_smact.py" <<'PY'
import itertools
import numpy as np
import smact
from smact.screening import pauling_test
from pymatgen.core.periodic_table import Element

def smact_validity(comp, count, use_pauling_test=True, include_alloys=True):
    # CDVAE scripts/eval_utils.py smact_validity, same calls in the same order
    elem_symbols = tuple(Element.from_Z(z).symbol for z in comp)
    space = smact.element_dictionary(elem_symbols)
    smact_elems = [e[1] for e in space.items()]
    electronegs = [e.pauling_eneg for e in smact_elems]
    ox_combos = [e.oxidation_states for e in smact_elems]
    if len(set(elem_symbols)) == 1:
        return True
    if include_alloys and all(s in smact.metals for s in elem_symbols):
        return True
    threshold = np.max(count)
    for ox_states in itertools.product(*ox_combos):
        stoichs = [(c,) for c in count]
        cn_e, cn_r = smact.neutral_ratios(ox_states, stoichs=stoichs, threshold=threshold)
        if cn_e:
            if use_pauling_test:
                try:
                    ok = pauling_test(ox_states, electronegs)
                except TypeError:
                    ok = True
            else:
                ok = True
            if ok and len(cn_r) > 0:
                return True
    return False
PY
export PYTHONPATH="$smact_dir:$work"
"$py" - "$work/ours.tsv" "$work/before.tsv" "${files[@]}" <<'PY'
import collections, itertools, math, os, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
import pandas
import smact
from pymatgen.core import Structure
from pymatgen.core.periodic_table import Element

from cdvae_smact import smact_validity

def load(path):
    out = {}
    for line in open(path):
        f, i, comp, valid, outcome = line.rstrip("\n").split("\t")
        out[(f, i)] = (comp, valid == "1", outcome)
    return out

ours, before = load(sys.argv[1]), load(sys.argv[2])
cache = {}
rows = []
for path in sys.argv[3:]:
    name = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    df = pandas.read_csv(path)
    idcol = "material_id" if "material_id" in df.columns else None
    for row_no, row in df.iterrows():
        rid = str(row[idcol]) if idcol else str(row_no + 1)
        s = Structure.from_str(row["cif"], fmt="cif")
        counter = collections.Counter(site.specie.Z for site in s)
        zs = tuple(sorted(counter))
        counts = np.array([counter[z] for z in zs])
        counts = tuple((counts / np.gcd.reduce(counts)).astype("int").tolist())
        key = (zs, counts)
        if key not in cache:
            cache[key] = smact_validity(zs, counts)
        comp = ",".join(f"{x}:{c}" for x, c in sorted(
            (Element.from_Z(z).symbol, c) for z, c in zip(zs, counts)))
        rows.append((name, rid, comp, cache[key]))

stats = collections.OrderedDict()
problems = []
for name, rid, comp, theirs in rows:
    st = stats.setdefault(name, collections.Counter())
    st["n"] += 1
    st["smact"] += theirs
    mine = ours.get((name, rid))
    if mine is None:
        problems.append(f"{name} {rid} {comp}: not read by invdes")
        continue
    if mine[0] != comp:
        problems.append(f"{name} {rid}: composition {mine[0]} (invdes) vs {comp} (pymatgen)")
    st["ours"] += mine[1]
    st["agree"] += mine[1] == theirs
    if mine[1] != theirs:
        problems.append(f"{name} {rid} {comp}: invdes {mine[1]} ({mine[2]}), SMACT {theirs}")
    old = before.get((name, rid))
    if old is not None:
        st["before"] += old[1]
        st["before_n"] += 1

print("composition validity: invdes CompositionValidity vs CDVAE's smact_validity on SMACT "
      + getattr(smact, "__version__", "(version not recorded)") + " from " + os.path.dirname(
          smact.__file__))
print(f"  {'dataset':28s} {'crystals':>8s}  {'before':>8s} {'ours':>8s} {'SMACT':>8s}  agreement")
total = collections.Counter()
for name, st in stats.items():
    total.update(st)
    b = f"{100.0 * st['before'] / st['before_n']:7.2f}%" if st["before_n"] else "       -"
    print(f"  {name:28s} {st['n']:8d}  {b} {100.0 * st['ours'] / st['n']:7.2f}% "
          f"{100.0 * st['smact'] / st['n']:7.2f}%  {st['agree']}/{st['n']}")
print(f"  {'all':28s} {total['n']:8d}  agreement {total['agree']}/{total['n']}, "
      f"{len(problems)} problems")
for p in problems[:50]:
    print("   ", p)
PY

# Synthetic compositions the datasets lack: elements SMACT has no electronegativity for (Pm, Rn,
# Lr), no oxidation state for (He, Ne, Ar), or where SMACT's data differ from pymatgen's (Ti, Ca,
# Al, Ge, Sb, Po, Zr, Ir, Kr, Xe...); 2 to 4 elements, counts 1 to 6, seeded.
"$py" - "$work/synthetic.txt" <<'PY'
import random, sys
pool = ["H", "He", "Li", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Ti", "Fe", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Sr", "Zr", "Ag",
        "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Pm", "Eu", "Lu", "Hf", "W", "Ir", "Pt",
        "Au", "Hg", "Tl", "Pb", "Bi", "Po", "Rn", "U", "Lr"]
rng = random.Random(20261127)
seen = set()
with open(sys.argv[1], "w") as out:
    while len(seen) < 5000:
        k = rng.randint(2, 4)
        els = rng.sample(pool, k)
        if rng.random() < 0.5 and not {"Pm", "Rn", "Lr"} & set(els):
            els[0] = rng.choice(["Pm", "Rn", "Lr"])
        f = "".join(f"{e}{rng.randint(1, 6)}" for e in els)
        if f not in seen:
            seen.add(f)
            out.write(f + "\n")
PY
java -cp "$cp" org.invdes.tests.bench.StabilityBench formulas "$work/synthetic.txt" \
  > "$work/synthetic-ours.tsv"
"$py" - "$work/synthetic-ours.tsv" <<'PY'
import math, re, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
from pymatgen.core.periodic_table import Element
from cdvae_smact import smact_validity
n = agree = valid = 0
problems = []
for line in open(sys.argv[1]):
    formula, mine, outcome = line.rstrip("\n").split("\t")
    counts = {}
    for sym, c in re.findall(r"([A-Z][a-z]?)(\d+)", formula):
        counts[Element(sym).Z] = counts.get(Element(sym).Z, 0) + int(c)
    zs = tuple(sorted(counts))
    c = np.array([counts[z] for z in zs])
    c = tuple((c / np.gcd.reduce(c)).astype("int").tolist())
    theirs = smact_validity(zs, c)
    n += 1
    valid += theirs
    agree += (mine == "1") == theirs
    if (mine == "1") != theirs:
        problems.append(f"{formula}: invdes {mine} ({outcome}), SMACT {theirs}")
print(f"  synthetic compositions (seeded, half with Pm/Rn/Lr): {n}, SMACT valid "
      f"{100.0 * valid / n:.2f} %, agreement {agree}/{n}")
for p in problems[:50]:
    print("   ", p)
PY
