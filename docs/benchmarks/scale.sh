#!/usr/bin/env bash
# Scale benchmark: what one new article costs at 1,000 and at 10,000 articles (see docs/benchmarks.md, "Scale").
# Runs one size after the other (never both at once on a shared machine) and prints each size's table, which is also
# left in target/bench-results/scale-N.md. BENCH_SIZES overrides the sizes, e.g. BENCH_SIZES=1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
for n in ${BENCH_SIZES:-1000 10000}; do
  echo "== scale benchmark, $n articles (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  ./mvnw -B -ntp -q -Pbench test -Dtest=ScaleBenchmark -Dbench.articles="$n" | grep '^bench: ' || true
  cat "target/bench-results/scale-$n.md"
done
