#!/usr/bin/env bash
# Speed of `invdes evaluate` on MP-20-sized inputs (issue 7: 10,000 generated crystals against a
# 1,428-row reference and 5,712 training rows), with the figures printed so that a change of
# speed can be checked for a change of results.
#
# Usage: tests/bench/evaluate-mp20.sh GENERATED.csv REFERENCE.csv TRAIN.csv [DATASET]
#   DATASET (default mp_20) picks the coverage thresholds. REPLICATE=N repeats the generated
#   table N times (ids suffixed -copyK) in a temporary directory, e.g. 10,000 rows from 1,000
#   (uniqueness then counts the copies as duplicates; every other figure is unchanged).
#   THREADS (default 2) is passed to --threads, INVDES_JAVA_OPTS to java (as ./invdes does).
#   Inputs are yours (a sampled table and a split of ../shared/datasets/mp_20, e.g. with
#   `invdes split`); nothing is written to the repository.
# Prints the load average before and after (the machine is shared: wall clock depends on it),
# wall clock, user and system CPU seconds, and the report.
#
# Figures, 2026-11-27, 2-core machine shared with an MP-20 training run (load averages as
# 1/5/15 min before each run); generated = 1,000 MP-20 samples of a weak 40-epoch diffusion model
# (1 unreadable, 12 of them cells collapsed to 7-15 atoms per Å³), reference = 1,428 held-out
# rows, training = 5,712 rows, --threads 2; wall / user / system seconds:
#   before 354c248 (no density cap): ~12 min wall for 1,000 (one collapsed cell alone: 653 s of
#     CrystalNN, another 354 s). fingerprinted gen 999, COV-P 77.40, AMSD 0.4409 / 0.2592,
#     AMCD 6.8825 / 7.7228.
#   main b295748 (cap of 1 atom per Å³: the 12 collapsed cells get no fingerprint);
#   fingerprinted gen 987, COV-P 76.30, AMSD 0.4410 / 0.2592, AMCD 6.8997 / 7.7353.
#   this branch (pruned Voronoi cells through a reduced-basis image search, no cap, order
#   parameters sharing their angles, early-exit coverage distances): the pre-cap figures
#   (fingerprinted gen 999, COV-P 77.40, ... to every printed decimal; the fingerprints of all
#   2,427 crystals bit for bit those of the pre-cap code, checked directly for all but 5 collapsed
#   cells, which equal the unpruned search bit for bit); every other figure as on main.
#                                     main b295748            this branch
#     1,000, load 4.2-4.4             13.7 / 13.0 / 0.5       10.4 / 9.6 / 0.6, 10.7 / 10.1 / 0.5
#     10,000 (REPLICATE=10), load 4.5 39.3 / 38.3 / 1.0       27.7 / 26.2 / 1.0
#     1,000, load 3.8-3.9              6.5 / 11.8 / 0.7        5.0 / 8.9 / 0.6
#     10,000 (REPLICATE=10), load 3.3 18.1 / 34.3 / 1.1       13.3 / 25.1 / 1.0
#   With INVDES_JAVA_OPTS=-XX:TieredStopAtLevel=1 (C1 only: on 2 busy cores the C2 compiler's
#   own CPU time does not pay back in so short a run), same figures: main 4.2 / 6.9 / 0.7, this
#   branch 3.1 / 4.7 / 0.7 for 1,000 (load 3.7); this branch 11.3 / 20.2 / 1.1 for 10,000.
#   Perov-5 (1,000 samples of /tmp/dq/run-ce300, --dataset perov_5): the same JSON byte for byte
#   as main, 7.3 -> 5.2 s wall (load 4.3).
#   Fingerprint CPU alone (2,427 crystals: the 1,000 samples + 1,428 held out, one thread, warm):
#     4.8 s on main (12 refused), 2.4 s here (all fingerprinted).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '6,13p' "$0" >&2; exit 2; }
root="$(cd "$(dirname "$0")/../.." && pwd)"
gen="$1" ref="$2" train="$3" dataset="${4:-mp_20}"
threads="${THREADS:-2}" replicate="${REPLICATE:-1}"
for f in "$gen" "$ref" "$train"; do [ -f "$f" ] || { echo "no such file: $f" >&2; exit 2; }; done
(cd "$root" && ./mvnw -q -B -o -DskipTests -pl cli -am package >&2)
work="$(mktemp -d "${TMPDIR:-/tmp}/invdes-evaluate-mp20.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ "$replicate" -gt 1 ]; then
  /usr/bin/python3 - "$gen" "$replicate" "$work/generated.csv" <<'PY'
import csv, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(src, newline="") as f:
    rows = list(csv.reader(f))
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(rows[0])
    for k in range(n):
        for r in rows[1:]:
            w.writerow([r[0] + f"-copy{k}"] + r[1:])
PY
  gen="$work/generated.csv"
fi
echo "generated table x$replicate, dataset $dataset, --threads $threads, $(nproc) processors"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e s wall clock, %U s user, %S s system" -o "$work/time" \
  java ${INVDES_JAVA_OPTS:-} -Dai.djl.offline=true -cp "$root/cli/target/lib/*" org.invdes.cli.Main evaluate \
  --generated "$gen" --reference "$ref" --train "$train" --dataset "$dataset" \
  --threads "$threads" > "$work/report.txt" 2> "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/time"
grep -v '^evaluate: ' "$work/err.txt" | cut -c1-160 || true
cat "$work/report.txt"
