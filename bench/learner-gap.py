#!/usr/bin/python3
"""scikit-learn's kNN or MLP on Occam's folds, for bench/learner-gap.sh (Debian's python3-sklearn, python3-pandas).

    learner-gap.py --data D.csv --folds F.csv --target T [--positive P] --model knn|mlp [--prep P] [--k K]
                   [--weights uniform|distance] [--scaled-target]

Prints one line in the form bench/occam-bench's LearnerGap prints: the mean and standard deviation over the folds of
the held-out AUC (two classes, positive P) or RMSE (regression), and each fold's value. Preparation fitted on each
fold's training rows: numbers imputed by the median, categories by the most frequent level and one-hot encoded
(unseen levels ignored); then --prep numbers (default): numbers standardised, indicators left 0/1 (the usual
scikit-learn recipe, and Occam's since issue 19), or --prep all: every column standardised, indicators included
(Occam's kNN and MLP preparation before issue 19). --scaled-target standardises a regression target on the
training rows and undoes it on the predictions (TransformedTargetRegressor), as Occam's MLP does.
"""
import argparse
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")


def preparation(frame, prep):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    numbers = [c for c in frame.columns if frame[c].dtype.kind in "if"]
    categories = [c for c in frame.columns if c not in numbers]
    onehot = make_pipeline(SimpleImputer(strategy="most_frequent"),
                           OneHotEncoder(handle_unknown="ignore", sparse_output=False))
    if prep == "all":
        parts = [("num", SimpleImputer(strategy="median"), numbers)]
        if categories:
            parts.append(("cat", onehot, categories))
        return make_pipeline(ColumnTransformer(parts), StandardScaler())
    parts = [("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numbers)]
    if categories:
        parts.append(("cat", onehot, categories))
    return ColumnTransformer(parts)


def model(args, classification):
    from sklearn import neighbors, neural_network
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.preprocessing import StandardScaler
    if args.model == "knn":
        make = neighbors.KNeighborsClassifier if classification else neighbors.KNeighborsRegressor
        return make(n_neighbors=args.k, weights=args.weights)
    # Occam's MLP defaults before issue 19 (see MultilayerPerceptron.Options.defaults()).
    common = dict(hidden_layer_sizes=(32,), alpha=1e-4, batch_size=64, learning_rate_init=1e-3, max_iter=300,
                  early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, random_state=42)
    if classification:
        return neural_network.MLPClassifier(**common)
    net = neural_network.MLPRegressor(**common)
    return TransformedTargetRegressor(net, transformer=StandardScaler()) if args.scaled_target else net


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--data", required=True)
    a.add_argument("--folds", required=True)
    a.add_argument("--target", required=True)
    a.add_argument("--positive")
    a.add_argument("--model", choices=["knn", "mlp"], required=True)
    a.add_argument("--prep", choices=["numbers", "all"], default="numbers")
    a.add_argument("--k", type=int, default=15)
    a.add_argument("--weights", choices=["uniform", "distance"], default="uniform")
    a.add_argument("--scaled-target", action="store_true")
    args = a.parse_args()
    from sklearn.metrics import mean_squared_error, roc_auc_score
    from sklearn.pipeline import make_pipeline
    frame = pd.read_csv(args.data, na_values=["NA", ""], keep_default_na=False)
    folds = pd.read_csv(args.folds)
    if len(folds) != len(frame):
        sys.exit(f"learner-gap.py: {args.folds} has {len(folds)} rows, {args.data} has {len(frame)}")
    classification = args.positive is not None
    y_raw = frame.pop(args.target)
    y = (y_raw.astype(str) == args.positive).astype(int).to_numpy() if classification else y_raw.to_numpy(float)
    started = time.perf_counter()
    scores = []
    for r in folds.columns:
        for f in np.unique(folds[r].to_numpy()):
            test = folds[r].to_numpy() == f
            est = make_pipeline(preparation(frame, args.prep), model(args, classification))
            est.fit(frame[~test], y[~test])
            if classification:
                scores.append(roc_auc_score(y[test], est.predict_proba(frame[test])[:, 1]))
            else:
                scores.append(mean_squared_error(y[test], est.predict(frame[test])) ** 0.5)
    label = f"{args.model} prep={args.prep}" + (f" k={args.k} weights={args.weights}" if args.model == "knn" else "") \
        + (" scaled-target" if args.scaled_target else "")
    print(f"sklearn {label} {'auc' if classification else 'rmse'} mean {np.mean(scores):.4f} "
          f"sd {np.std(scores, ddof=1):.4f} ({len(scores)} folds) {time.perf_counter() - started:.1f} s  folds: "
          + " ".join(f"{s:.4f}" for s in scores))


if __name__ == "__main__":
    main()
