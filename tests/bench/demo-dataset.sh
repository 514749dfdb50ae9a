#!/usr/bin/env bash
# Benchmark and cross-check of the demo dataset (invdes datasets demo):
#   1. wall time and peak memory of generating it (default seed and size) with the CLI;
#   2. pymatgen's view of every row (Debian's python3-pymatgen via /usr/bin/python3, only here,
#      never needed by the project): the space group spglib finds must be the prototype's, and
#      pymatgen's density must equal the density column within 1e-4 relative (invdes's atomic
#      masses agree with pymatgen's to 0.01 %, see Element);
#   3. wall time and peak memory of encoding the train split (invdes encode);
#   4. with EPOCHS=N set, wall time of training the CVAE for N epochs on the train split.
# Usage: tests/bench/demo-dataset.sh [OUTDIR]   (default: a temporary directory)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -d)}"
py="${PYTHON:-/usr/bin/python3}"
measure() { # label, command...: prints wall s, CPU s and peak RSS of the command
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, cpu %U+%S s, peak RSS %M KB" "$@" >/dev/null
}
"$root/invdes" version >/dev/null # build first, outside the timings
measure "demo (generate + write)" "$root/invdes" datasets demo --out "$out/demo" --quiet
"$py" - "$out/demo" <<'PY'
import csv, sys, collections, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
expected = {"rocksalt": 225, "cscl": 221, "zincblende": 216, "wurtzite": 186, "fluorite": 225,
            "antifluorite": 225, "rutile": 136, "perovskite": 221, "spinel": 227}
rows = bad_sg = bad_density = 0
worst = 0.0
per = collections.Counter()
csv.field_size_limit(10**7)
for split in ("train", "val", "test"):
    for r in csv.DictReader(open(f"{sys.argv[1]}/{split}.csv")):
        s = Structure.from_str(r["cif"], fmt="cif")
        rows += 1
        per[r["prototype"]] += 1
        if SpacegroupAnalyzer(s, symprec=1e-3).get_space_group_number() != expected[r["prototype"]]:
            bad_sg += 1
        rel = abs(s.density - float(r["density"])) / s.density
        worst = max(worst, rel)
        if rel > 1e-4:
            bad_density += 1
print(f"pymatgen: {rows} rows {dict(per)}; space group differs from the prototype's: {bad_sg};"
      f" density differs by > 1e-4 relative: {bad_density} (largest difference {worst:.1e})")
PY
measure "encode train split" "$root/invdes" encode --in "$out/demo/train.csv" \
  --out "$out/features.csv"
if [ -n "${EPOCHS:-}" ]; then
  measure "train $EPOCHS epochs (density)" "$root/invdes" train --data "$out/demo/train.csv" \
    --properties density --epochs "$EPOCHS" --out "$out/model-$$" --quiet
fi
echo "outputs in $out"
