#!/usr/bin/env bash
# Occam and its peers on the same data and the same folds, one after another in one run; prints wall time, peak
# memory, their ratios to Occam's, and the held-out metric each reached (so the work is seen to be the same).
#
#   bench/fit-bench.sh [ROWS=100000] [COLS=50]   synthetic data (bench/make-data), one model: Occam's logistic rung
#                                                against scikit-learn's LogisticRegression (lbfgs, no penalty), R's
#                                                glm (binomial) and XGBoost (Occam's boosting defaults)
#   bench/fit-bench.sh ladder credit             the whole default ladder: examples/credit/usecase.yaml as shipped
#                                                against scikit-learn's nearest equivalents of every rung, XGBoost
#                                                and glm
#   bench/fit-bench.sh ladder ames [COPIES=10]   the same on a regression: bench/data/ames.csv repeated COPIES
#                                                times (2,930 rows each; repeated rows fall in both training and
#                                                held-out folds, so the metric flatters every tool alike: this
#                                                measures time and memory)
#
# Every tool is scored on Occam's own folds (5 x 2, seed 42, stratified for two classes; written by occam-bench's
# WriteFolds) and refits on all rows, as `occam fit` does. Each run is a whole process under /usr/bin/time -v
# (JVM or interpreter start, reading the CSV, everything the tool does): "Elapsed (wall clock) time", "Maximum
# resident set size", and the CPU time (user + system), which a busy machine disturbs less than the wall time.
# Occam's process also measures latency, permutation importance and partial dependence, and writes its report:
# that is what `occam fit` costs a user.
#
# Environment: OCCAM_BENCH_KIND=classification|regression (synthetic data; regression: Occam's linear rung,
# LinearRegression, gaussian glm), OCCAM_BENCH_THREADS (default: the machine's cores; Occam's --threads, the
# Python peers' pool of folds; R runs on one thread), OCCAM_BENCH_PEERS (default "sklearn xgboost glm"),
# OCCAM_BENCH_TIMEOUT (seconds per run; default none), OCCAM_BENCH_CACHE (default bench/cache).
# Needs Debian's python3-sklearn, python3-xgboost, python3-pandas and r-base-core: installed when missing (root).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
threads="${OCCAM_BENCH_THREADS:-$(nproc)}"
peers="${OCCAM_BENCH_PEERS:-sklearn xgboost glm}"
limit=(); [ -n "${OCCAM_BENCH_TIMEOUT:-}" ] && limit=(timeout "$OCCAM_BENCH_TIMEOUT")
bench_peers_install
bench_build
"$root/occam" --version >/dev/null   # builds the jar now, not inside the timed run

mode=models; models=logistic
if [ "${1:-}" = ladder ]; then
  mode=ladder; models=ladder; dataset="${2:?ladder needs a data set: credit or ames}"
  case "$dataset" in
    credit)
      csv="$root/examples/credit/credit_data.csv"; target=Status; positive=bad
      usecase="$root/examples/credit/usecase.yaml";;
    ames)
      copies="${3:-10}"
      csv="$cache/ames-x$copies.csv"
      if [ ! -f "$csv" ]; then
        { head -1 "$root/bench/data/ames.csv"
          for _ in $(seq 1 "$copies"); do tail -n +2 "$root/bench/data/ames.csv"; done; } > "$csv"
      fi
      target=Sale_Price; positive=-
      usecase="$cache/ames-x$copies.yaml"
      printf 'name: bench-ames-x%s\nquestion: What does a house sell for?\ndata:\n  path: %s\ntarget: Sale_Price\ntask: regression\nsuccess:\n  metric: rmse\n  at_most: 1000000000\nselection:\n  folds: 5\n  repeats: 2\n  seed: 42\n' \
        "$copies" "$csv" > "$usecase";;
    *) echo "fit-bench: unknown data set '$dataset' (credit or ames)" >&2; exit 2;;
  esac
else
  rows="${1:-100000}"; cols="${2:-50}"; kind="${OCCAM_BENCH_KIND:-classification}"
  csv="$(bench_synthetic "$kind" "$rows" "$cols")"
  target=y
  usecase="$cache/synthetic-$kind-${rows}x${cols}.yaml"
  if [ "$kind" = classification ]; then
    positive=yes; candidate=logistic; success='  metric: auc\n  at_least: 0.5'; task_line='task: classification\npositive: "yes"'
  else
    positive=-; candidate=linear; success='  metric: rmse\n  at_most: 1000000000'; task_line='task: regression'
  fi
  printf "name: bench-synthetic\nquestion: Does the synthetic truth come back?\ndata:\n  path: %s\ntarget: y\n$task_line\nsuccess:\n$success\nselection:\n  folds: 5\n  repeats: 2\n  seed: 42\n  candidates: [%s]\n" \
    "$csv" "$candidate" > "$usecase"
fi
folds="$(bench_folds "$csv" "$target" "$positive")"
run_dir="$cache/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run_dir"
echo "fit-bench: $(basename "$csv") ($(($(wc -l < "$csv") - 1)) rows), $mode, threads $threads, load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $run_dir" >&2

# One timed run: NAME then the command. Writes $run_dir/NAME.time and NAME.log; never stops the whole benchmark.
timed() {
  local name="$1"; shift
  echo "fit-bench: running $name..." >&2
  # timeout inside time: a run cut short still has its wall time, CPU and memory written (exit status 124).
  if ! /usr/bin/time -v -o "$run_dir/$name.time" "${limit[@]}" "$@" > "$run_dir/$name.log" 2>&1; then
    echo "fit-bench: $name failed or timed out (see $run_dir/$name.log)" >&2
  fi
}
# Occam's exit code 3 means no candidate met the use case: still a complete fit.
timed occam "$root/occam" fit "$usecase" --out "$run_dir/occam-out" --threads "$threads"
positive_arg=(); [ "$positive" != - ] && positive_arg=(--positive "$positive")
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1   # one thread per model: the folds fill the pool
for peer in $peers; do
  case "$peer" in
    sklearn|xgboost)
      timed "$peer" /usr/bin/python3 "$root/bench/peers.py" --engine "$peer" --models "$models" --data "$csv" \
        --folds "$folds" --target "$target" "${positive_arg[@]}" \
        --threads "$threads" --out "$run_dir/$peer.json";;
    glm) timed glm Rscript "$root/bench/glm.R" "$csv" "$folds" "$target" "$positive" "$run_dir/glm.json";;
    *) echo "fit-bench: unknown peer '$peer' (sklearn, xgboost, glm)" >&2;;
  esac
done

/usr/bin/python3 - "$run_dir" occam $peers <<'PY'
import json, os, re, sys
run, names = sys.argv[1], sys.argv[2:]
def resources(name):
    try:
        text = open(os.path.join(run, name + ".time")).read()
    except OSError:
        return None, None, None, "no timing"
    found = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if found is None:
        return None, None, None, "no timing"
    wall = found.group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", text).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    status = re.search(r"Exit status: (\d+)", text)
    code = status.group(1) if status else "0"
    return seconds, cpu, rss, (None if code in ("0", "3") else "timed out, cut short" if code == "124"
                               else "failed, exit " + code)
def metric(name):
    try:
        if name == "occam":
            board = json.load(open(os.path.join(run, "occam-out", "leaderboard.json")))
            key, best = board["metric"], max if board["higher_is_better"] else min
            rated = [c for c in board["candidates"] if c.get("mean") is not None]
            top = best(rated, key=lambda c: c["mean"])
            chosen = next((c for c in rated if c.get("chosen")), None)
            text = f"{key} {top['mean']:.4f} ({top['model']})"
            if chosen is not None and chosen is not top:
                text += f"; chosen {chosen['model']} {chosen['mean']:.4f}"
            return text + f", {len(rated)} models"
        doc = json.load(open(os.path.join(run, name + ".json")))
        rs = doc["results"]
        best = (max if rs[0]["metric"] == "auc" else min)(rs, key=lambda r: r["mean"])
        return f"{best['metric']} {best['mean']:.4f} ({best['model']}), {len(rs)} model{'s' * (len(rs) > 1)} done"
    except (OSError, KeyError, ValueError, StopIteration) as e:
        return "no result"
rows = [(n,) + resources(n) + (metric(n),) for n in names]
base = rows[0]
print(f"{'tool':9s} {'wall s':>8s} {'x Occam':>8s} {'CPU s':>8s} {'x Occam':>8s} {'peak MiB':>9s} {'x Occam':>8s}"
      "  held-out (best model)")
ratio = lambda v, b: f"{v / b:.2f}" if b else "-"
for n, wall, cpu, rss, err, m in rows:
    if wall is None:
        print(f"{n:9s} {'-':>8s}   {err}"); continue
    print(f"{n:9s} {wall:8.1f} {ratio(wall, base[1]):>8s} {cpu:8.1f} {ratio(cpu, base[2]):>8s} {rss:9.0f} "
          f"{ratio(rss, base[3]):>8s}  {m}" + (f"  [{err}]" if err else ""))
PY
