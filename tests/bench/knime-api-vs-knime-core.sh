#!/usr/bin/env bash
# Compares the compile-only KNIME API (knime-api/) with KNIME's own source, declaration by
# declaration: classes, supertypes, type parameters, members, modifiers, thrown exceptions,
# constants and enum order (see org.invdes.knimeapi.CompareWithKnime). Prints one line per
# difference ("DIFF") or accepted simplification ("note": a left-out supertype, a member KNIME
# inherits from a supertype we leave out) and exits 1 on any difference.
#
#   tests/bench/knime-api-vs-knime-core.sh [KNIME_CORE_DIR KNIME_SHARED_DIR]
#
# Without arguments it fetches knime/knime-core and knime/knime-shared (only the source folders
# it reads) from GitHub into a temporary folder. The listing of our own signatures is written by
# the knime-api tests to knime-api/target/knime-api-signatures.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ $# -eq 2 ]; then
  core="$1"; shared="$2"
else
  for repo in knime-core knime-shared; do
    git -C "$work" clone -q --depth 1 --filter=blob:none --sparse "https://github.com/knime/$repo.git"
  done
  git -C "$work/knime-core" sparse-checkout set org.knime.core/src/eclipse
  git -C "$work/knime-shared" sparse-checkout set org.knime.core.util/src/main/java
  core="$work/knime-core"; shared="$work/knime-shared"
  echo "knime-core $(git -C "$core" rev-parse --short HEAD), knime-shared $(git -C "$shared" rev-parse --short HEAD)"
fi
cd "$root"
./mvnw -B -q -pl knime-api test-compile
java -cp knime-api/target/classes:knime-api/target/test-classes \
  org.invdes.knimeapi.CompareWithKnime "$core" "$shared"
