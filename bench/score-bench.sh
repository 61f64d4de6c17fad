#!/usr/bin/env bash
# Single-row scoring latency of every family (JMH, SampleTime: p50 and p99 of every call), in process:
#
#   bench/score-bench.sh [JMH options...]      e.g.  bench/score-bench.sh -p family=logistic,boosting -wi 1 -i 2
#
# Runs occam-bench's dev.occam.bench.ScoringBenchmark: for each family, Model.predict(Row), Model.score(double[])
# on a pre-encoded row, and the prediction plus three reasons and the guardrails that one row of `occam serve`'s
# /predict computes. The models are fitted from the credit example (linear: from bench/data/ames.csv) on the first
# run, by `occam fit` in process, and kept in bench/cache/score-models (delete it after changing a learner).
# Defaults: 3 warm-up and 5 measured iterations of 2 s, one fork; any JMH option given overrides them
# (-h lists them). Prints JMH's own report, then a table of p50/p99 in microseconds; the JSON is kept in
# bench/cache/score-bench.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
json="$cache/score-bench.json"
bench_java \
  -Doccam.bench.models="$cache/score-models" \
  -Doccam.bench.credit="$root/examples/credit/credit_data.csv" \
  -Doccam.bench.ames="$root/bench/data/ames.csv" \
  org.openjdk.jmh.Main 'dev.occam.bench.ScoringBenchmark' -rf json -rff "$json" "$@"
/usr/bin/python3 - "$json" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    family = r["params"]["family"]
    bench = r["benchmark"].rsplit(".", 1)[1]
    p = r["primaryMetric"]["scorePercentiles"]
    rows.setdefault(family, {})[bench] = (p["50.0"], p["99.0"])
benches = ["scoreEncoded", "predictRow", "predictWithReasons"]
print()
print(f"{'family':14s}" + "".join(f"{b + ' p50 / p99 us':>32s}" for b in benches))
for family, got in rows.items():
    print(f"{family:14s}" + "".join(f"{'%.2f / %.2f' % got[b] if b in got else '-':>32s}" for b in benches))
PY
