# Shared by the bench scripts (sourced, not run): paths, the occam-bench build, the Debian packages of the peers.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${OCCAM_BENCH_CACHE:-$root/bench/cache}"   # synthetic data, fold files, fitted models (git-ignored)
mkdir -p "$cache"

# Builds occam-bench (and the modules it needs; never `install`) when its jar is missing or a source is newer.
bench_build() {
  local jar="$root/occam-bench/target/occam-bench.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root" \( -name target -o -name cache -o -name .git \) -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]; then
    echo "bench: building occam-bench..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests -pl occam-bench -am package) >&2
    touch "$jar"   # an unchanged jar is not rewritten: without this, every run would build again
  fi
}

bench_java() {
  java -cp "$root/occam-bench/target/occam-bench.jar:$root/occam-bench/target/lib/*" "$@"
}

# Installs what the peers need from Debian when it is missing (root only; otherwise says what to install).
bench_peers_install() {
  local missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  command -v Rscript >/dev/null || missing+=(r-base-core)
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
  /usr/bin/python3 -c 'import pandas' 2>/dev/null || missing+=(python3-pandas)
  /usr/bin/python3 -c 'import sklearn' 2>/dev/null || missing+=(python3-sklearn)
  /usr/bin/python3 -c 'import xgboost' 2>/dev/null || missing+=(python3-xgboost)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "bench: missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    return 2
  fi
  echo "bench: installing ${missing[*]} from Debian..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# Seeded synthetic data (see occam-bench's MakeData), written once: prints the CSV's path.
bench_synthetic() { # KIND ROWS COLS
  local kind="$1" rows="$2" cols="$3" informative=$(( $3 < 30 ? $3 : 30 ))
  local csv="$cache/synthetic-$kind-${rows}x${cols}.csv"
  if [ ! -f "$csv" ]; then
    echo "bench: writing $csv (once)..." >&2
    bench_java dev.occam.bench.MakeData "$kind" "$rows" "$cols" "$informative" 20240601 "$csv"
  fi
  echo "$csv"
}

# Occam's folds for a CSV (see occam-bench's WriteFolds), seed 42, 5 folds x 2 repeats: prints the file's path.
bench_folds() { # CSV TARGET POSITIVE|-
  local base; base="$(basename "$1")"
  local out="$cache/${base%.csv}.folds-42-5x2.csv"   # in the cache, never beside a shipped example
  [ -f "$out" ] && [ "$out" -nt "$1" ] || bench_java dev.occam.bench.WriteFolds "$1" "$2" "$3" 42 5 2 "$out"
  echo "$out"
}
