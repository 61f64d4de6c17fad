#!/usr/bin/env bash
# Benchmark of `occam serve` on loopback with wrk (Debian: apt-get install -y wrk). Not a test: it prints numbers.
#
#   bench/serve-bench.sh [SECONDS=20]
#
# Fits the credit example twice (logistic only, boosting only) into $OCCAM_BENCH_DIR/models (once; reused),
# starts the server on 127.0.0.1, and for each model runs wrk with a Lua script POSTing one JSON row:
#   1. paced:     10 connections, each waiting 1.8 ms between requests (wrk's delay(); OCCAM_BENCH_DELAY_MS),
#                 about 5,000 requests/s;
#   2. saturated: 32 connections as fast as they go (the most the machine answers).
# Each run is preceded by a 5 s warm-up and bounded by SECONDS. wrk reports latency percentiles (--latency)
# and requests/s. OCCAM_JAVA_OPTS goes to the server's JVM, OCCAM_SERVE_ARGS to `occam serve`. The server's
# own view is in its /metrics. By default wrk and the server share the machine's cores; with OCCAM_BENCH_PIN=1
# the server runs on CPU 0 and wrk (one thread) on CPU 1 (taskset), so the load generator does not steal the
# server's core.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
work="${OCCAM_BENCH_DIR:-/tmp/occam-serve-bench}"
models="$work/models"
port="${OCCAM_BENCH_PORT:-18080}"
command -v wrk >/dev/null || { echo "serve-bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
mkdir -p "$models" "$work"

"$root/occam" --version >/dev/null   # builds the jar when the sources changed

for family in logistic boosting; do
  if [ ! -f "$models/credit-$family/model.json" ]; then
    uc="$work/credit-$family.yaml"
    sed -e "s#^name: .*#name: credit-$family#" \
        -e "s#^  path: credit_data.csv.*#  path: $root/examples/credit/credit_data.csv#" \
        -e "/^current_rule:/d" \
        -e "s#^  seed: 42.*#  seed: 42\n  candidates: [$family]#" \
        "$root/examples/credit/usecase.yaml" > "$uc"
    echo "serve-bench: fitting credit-$family (once)..." >&2
    "$root/occam" fit "$uc" --out "$models/credit-$family" >/dev/null || [ $? -eq 3 ]
  fi
done

cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"Seniority": 9, "Home": "rent", "Time": 60, "Age": 30, "Marital": "married", "Records": "no", "Job": "freelance", "Expenses": 73, "Income": 129, "Assets": 0, "Debt": 0, "Amount": 800, "Price": 846}'
LUA
cat > "$work/paced.lua" <<'LUA'
dofile(os.getenv("OCCAM_BENCH_POST"))
function delay() return tonumber(os.getenv("OCCAM_BENCH_DELAY_MS") or "1.8") end
LUA

server_cpu=(); client_cpu=(); wrk_threads=2
if [ "${OCCAM_BENCH_PIN:-0}" = 1 ]; then
  server_cpu=(taskset -c 0); client_cpu=(taskset -c 1); wrk_threads=1
fi
"${server_cpu[@]}" java ${OCCAM_JAVA_OPTS:-} -jar "$root/occam-cli/target/occam.jar" serve "$models" --host 127.0.0.1 --port "$port" ${OCCAM_SERVE_ARGS:-} \
  2> "$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

export OCCAM_BENCH_DELAY_MS="${OCCAM_BENCH_DELAY_MS:-1.8}"
export OCCAM_BENCH_POST="$work/post.lua"
summary() { # name, wrk output
  local p50 p99 rps
  p50=$(awk '$1=="50%"{print $2}' <<<"$2"); p99=$(awk '$1=="99%"{print $2}' <<<"$2")
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$2")
  printf '%-34s p50 %-9s p99 %-9s %s requests/s\n' "$1" "$p50" "$p99" "$rps"
}
results=()
for family in logistic boosting; do
  url="http://127.0.0.1:$port/v1/models/credit-$family/predict"
  curl -s -H 'Content-Type: application/json' --data "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/post.lua")" "$url" >&2; echo >&2
  "${client_cpu[@]}" wrk -t"$wrk_threads" -c16 -d5s -s "$work/post.lua" "$url" >/dev/null   # warm-up (JIT)
  out=$("${client_cpu[@]}" wrk -t"$wrk_threads" -c10 -d"${seconds}s" --latency -s "$work/paced.lua" "$url")
  echo "$out" >&2
  results+=("$(summary "credit-$family paced (10 conn)" "$out")")
  out=$("${client_cpu[@]}" wrk -t"$wrk_threads" -c32 -d"${seconds}s" --latency -s "$work/post.lua" "$url")
  echo "$out" >&2
  results+=("$(summary "credit-$family saturated (32 conn)" "$out")")
done
echo
printf '%s\n' "${results[@]}"
echo "server-side latency histogram (predict):"
curl -s "http://127.0.0.1:$port/metrics" | grep -E 'duration_seconds_(bucket\{endpoint="predict",le="(0.0001|0.00025|0.0005|0.001|0.0025)"|count\{endpoint="predict")'
