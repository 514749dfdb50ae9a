#!/usr/bin/env bash
# Benchmark: read every CIF string of a dataset (default: the Perov-5 dev split beside the
# checkout) into structures, single-threaded, with invdes and with pymatgen's
# Structure.from_str, in the same run on the same machine; prints both rates and the ratio.
# pymatgen (Debian's python3-pymatgen, run with /usr/bin/python3) is only needed here, never by
# the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/datasets/perov_5/val.csv}"
py="${PYTHON:-/usr/bin/python3}"
[ -f "$data" ] || { echo "no dataset at $data" >&2; exit 2; }
inv=$("$root/invdes" bench read --data "$data" --rounds 10 --warmup 10)
echo "invdes:   $inv"
pm=$("$py" - "$data" <<'PY'
import sys, time, warnings, json, pandas
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
cifs = list(pandas.read_csv(sys.argv[1])["cif"])
n = min(len(cifs), 1000)  # pymatgen is slow: time a 1,000-string sample, twice, keep the best
best = 0
for _ in range(2):
    t0 = time.perf_counter()
    for c in cifs[:n]:
        Structure.from_str(c, fmt="cif")
    best = max(best, n / (time.perf_counter() - t0))
print(json.dumps({"structures": n, "best_per_s": round(best, 1)}))
PY
)
echo "pymatgen: $pm"
"$py" -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); print('ratio (invdes best / pymatgen best): %.1fx' % (a['best_per_s']/b['best_per_s']))" "$inv" "$pm"
