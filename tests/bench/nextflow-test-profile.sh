#!/usr/bin/env bash
# Benchmark: the Nextflow pipeline's `test` profile (issue 5, "Done when"): wall time and peak
# memory of a whole run with the real Nextflow 23.10.1 the build resolves. Prints
#   1. /usr/bin/time -v of `workflows-examples/nextflow/nextflow run main.nf -profile test`:
#      wall clock, and the largest single process's peak RSS (the Nextflow JVM or one task);
#   2. the peak of the summed RSS of the whole process tree (Nextflow plus the tasks running at
#      the same moment), sampled every 0.2 s from /proc;
#   3. Nextflow's trace: duration, realtime, %cpu and peak RSS of every task;
#   4. the load average before and after (other work shares the 2 cores: timings are noisy).
# The run happens in a temporary directory (removed at the end); the CLI comes from
# cli/target/lib (or the jar directory INVDES_LIB names). Extra arguments go to `nextflow run`
# (e.g. --shards 1, -stub-run).
# Usage: tests/bench/nextflow-test-profile.sh [NEXTFLOW RUN ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="${INVDES_LIB:-$root/cli/target/lib}"
(cd "$root" && ./mvnw -q -B -o -DskipTests -pl cli,workflows-examples -am package >&2)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# summed RSS (kB) of a process and all its descendants
tree_rss() {
  local pids=("$1") i=0 total=0 kids rss
  while [ $i -lt ${#pids[@]} ]; do
    kids=$(cat /proc/"${pids[$i]}"/task/*/children 2>/dev/null || true)
    for k in $kids; do pids+=("$k"); done
    i=$((i + 1))
  done
  for p in "${pids[@]}"; do
    rss=$(awk '/^VmRSS:/ {print $2}' /proc/"$p"/status 2>/dev/null || true)
    total=$((total + ${rss:-0}))
  done
  echo $total
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$work"
/usr/bin/time -v -o "$work/time.txt" "$root/workflows-examples/nextflow/nextflow" run \
  "$root/workflows-examples/nextflow/main.nf" -profile test -ansi-log false \
  --invdes "$lib" --outdir "$work/results" "$@" > "$work/nextflow.out" 2>&1 &
pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do
  now=$(tree_rss $pid)
  [ "$now" -gt "$peak" ] && peak=$now
  sleep 0.2
done
status=0
wait $pid || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $status -ne 0 ]; then
  cat "$work/nextflow.out" >&2
  exit $status
fi
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/time.txt"
echo "peak summed RSS of the process tree (kB): $peak"
echo "== trace"
column -t -s $'\t' "$work"/results/pipeline_info/trace_*.txt
echo "== results"
(cd "$work/results" && find . -type f ! -path './pipeline_info/*' | sort)
