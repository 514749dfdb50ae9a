#!/usr/bin/env bash
# Benchmark: invdes' StructureMatcher on sets, as used for duplicate removal and novelty:
# groupStructures on 10,000 structures and anyMatch of 10,000 candidates against an index of
# 10,000 references, single-threaded and on all CPUs. The sets are built at run time from the
# shared datasets beside the checkout (see MatcherSetsBenchmark for how); SEED (default 20240611)
# fixes every random step. pymatgen is not involved (its group_structures takes hours at this
# size; matcher-vs-pymatgen.sh compares grouping on a 1,000-structure set).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${INVDES_SHARED:-$root/../shared}"
seed="${SEED:-20240611}"
[ -d "$shared/datasets" ] || { echo "no shared datasets at $shared/datasets" >&2; exit 2; }
cp_file="$(mktemp "${TMPDIR:-/tmp}/invdes-classpath.XXXXXX")"
trap 'rm -f "$cp_file"' EXIT
cd "$root"
./mvnw -B -q -pl tests -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null
java -cp "$root/tests/target/test-classes:$(cat "$cp_file")" \
  org.invdes.tests.bench.MatcherSetsBenchmark "$shared" "$seed"
