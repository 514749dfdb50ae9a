#!/usr/bin/env bash
# Benchmark: the formation-energy surrogate on MP-20 formation_energy_per_atom, the binary and
# ternary compounds of the MP-20 validation split (../shared/datasets/mp_20/biternary_val.csv.gz,
# 7,140 rows, 1-20 atoms a cell): the protocol of surrogate-perov5.sh (seeded 80/20 split, train,
# held-out MAE against the spread of the data).
# Usage: tests/bench/surrogate-mp20.sh [SEED] [THREADS] [-- extra train-surrogate options]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${DATA:-$root/../shared/datasets/mp_20/biternary_val.csv.gz}" \
  PROPERTY="${PROPERTY:-formation_energy_per_atom}" exec "$root/tests/bench/surrogate-perov5.sh" "$@"
