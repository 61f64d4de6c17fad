#!/usr/bin/env bash
# Occam's kNN and MLP against scikit-learn's, on the same folds (5 x 2, seed 42, Occam's own: occam-bench's
# WriteFolds), one learner at a time, without the rest of a fit (docs/learners.md). Prints one line per run: the mean
# and standard deviation over the 10 folds of the held-out AUC (two classes) or RMSE (regression), and each fold's.
#
#   bench/learner-gap.sh            the kNN on modeldata's mlc_churn (5,000 rows, written by R's modeldata
#                                   1.1.0, installed with R here) and the MLP on ames (/work/shared copy:
#                                   bench/data/ames.csv), Occam's defaults against scikit-learn with its usual
#                                   preparation (numbers standardised, one-hot 0/1) and with Occam's former one
#                                   (every column standardised, indicators included)
#   bench/learner-gap.sh knn250k    kNN on a seeded synthetic 250,000 x 20 classification table (bench/make-data):
#                                   the fit refuses with its cost estimate; and 250,000 x 3, where the tree prunes
#
# Needs Debian's python3-sklearn and python3-pandas (installed when missing, as root) and, for mlc_churn, R with
# modeldata.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_peers_install
bench_build
peer() { /usr/bin/python3 "$root/bench/learner-gap.py" "$@"; }
occam() { bench_java dev.occam.bench.LearnerGap "$@"; }
echo "learner-gap: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [ "${1:-}" = knn250k ]; then
  for cols in 20 3; do
    csv="$(bench_synthetic classification 250000 "$cols")"
    /usr/bin/time -f "occam knn 250000 x $cols: %e s wall, %U s user" java \
      -cp "$root/occam-bench/target/occam-bench.jar:$root/occam-bench/target/lib/*" dev.occam.bench.LearnerGap \
      "$csv" y yes knn || true
  done
  exit 0
fi

churn="$cache/mlc_churn.csv"
[ -f "$churn" ] || Rscript -e "data(mlc_churn, package = 'modeldata'); write.csv(mlc_churn, '$churn', row.names = FALSE, quote = FALSE, na = 'NA')"
folds="$(bench_folds "$churn" churn yes)"
occam "$churn" churn yes knn
peer --data "$churn" --folds "$folds" --target churn --positive yes --model knn
peer --data "$churn" --folds "$folds" --target churn --positive yes --model knn --prep all
occam "$churn" churn yes mlp
peer --data "$churn" --folds "$folds" --target churn --positive yes --model mlp

ames="$root/bench/data/ames.csv"
folds="$(bench_folds "$ames" Sale_Price -)"
occam "$ames" Sale_Price - knn
peer --data "$ames" --folds "$folds" --target Sale_Price --model knn
occam "$ames" Sale_Price - mlp
peer --data "$ames" --folds "$folds" --target Sale_Price --model mlp --scaled-target
peer --data "$ames" --folds "$folds" --target Sale_Price --model mlp --scaled-target --prep all
peer --data "$ames" --folds "$folds" --target Sale_Price --model mlp
