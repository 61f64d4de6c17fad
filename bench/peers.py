#!/usr/bin/python3
"""Occam's peers on Occam's folds: scikit-learn or XGBoost (Debian's python3-sklearn, python3-xgboost).

    peers.py --engine sklearn|xgboost --models logistic|ladder --data D.csv --folds F.csv --target T
             [--positive P] --out RESULT.json

For every model: fit on each fold's training rows (the folds file is bench/occam-bench's WriteFolds output,
the rows Occam itself validates on), score the held-out rows, then refit on all rows, as `occam fit` does.
Prints and writes the mean held-out metric (AUC for two classes, with positive P; RMSE for regression) and
the seconds each model took. Preparation as Occam's linear, neighbour and network rungs do it, fitted on the
training rows only: numbers imputed by the median and standardised, categories imputed by the most frequent
level and one-hot encoded (unseen levels ignored). Trees and boosting get the same matrix (standardising
does not change a split). The "ladder" models mirror Occam's default rungs and their default options
(see each learner's Options.defaults()); "logistic" is plain maximum-likelihood logistic (or least-squares
linear) regression by L-BFGS, with no penalty, like Occam's logistic rung.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd


def parse():
    a = argparse.ArgumentParser()
    a.add_argument("--engine", choices=["sklearn", "xgboost"], required=True)
    a.add_argument("--models", choices=["logistic", "ladder"], default="logistic")
    a.add_argument("--data", required=True)
    a.add_argument("--folds", required=True)
    a.add_argument("--target", required=True)
    a.add_argument("--positive")
    a.add_argument("--threads", type=int, default=1)
    a.add_argument("--out", required=True)
    return a.parse_args()


def preparation(frame):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    numbers = [c for c in frame.columns if frame[c].dtype.kind in "if"]
    categories = [c for c in frame.columns if c not in numbers]
    parts = [("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numbers)]
    if categories:
        parts.append(("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                                           OneHotEncoder(handle_unknown="ignore", sparse_output=False)), categories))
    return ColumnTransformer(parts)


class EarlyStoppedBoosting:
    """Occam's boosting rung's light tuning for a peer: each depth in (3, 6) boosted on four fifths of the training
    rows (seeded) while the held-out fifth's loss keeps improving (patience 20, at most 1,000 rounds); the depth and
    round count of the least loss are then refitted on all the training rows. make(depth, rounds) builds the peer's
    estimator; its staged predictions give the loss after every round."""

    PATIENCE = 20
    MOST_ROUNDS = 1000

    def __init__(self, make, classification, engine):
        self.make, self.classification, self.engine = make, classification, engine

    def get_params(self, deep=True):
        return {"make": self.make, "classification": self.classification, "engine": self.engine}

    def set_params(self, **params):
        for k, v in params.items():
            setattr(self, k, v)
        return self

    def _losses(self, est, x, y):
        eps = 1e-15
        if self.engine == "xgboost":
            n = est.get_booster().num_boosted_rounds()
            staged = (est.predict_proba(x, iteration_range=(0, i))[:, 1] if self.classification
                      else est.predict(x, iteration_range=(0, i)) for i in range(1, n + 1))
        else:
            staged = (p[:, 1] for p in est.staged_predict_proba(x)) if self.classification else est.staged_predict(x)
        for p in staged:
            if self.classification:
                p = np.clip(p, eps, 1 - eps)
                yield float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
            else:
                yield float(np.sqrt(np.mean((y - p) ** 2)))

    def fit(self, x, y):
        x = np.asarray(x)
        y = np.asarray(y)
        rng = np.random.default_rng(42)
        held = np.zeros(len(y), bool)
        held[rng.permutation(len(y))[: len(y) // 5]] = True
        best = (np.inf, 3, 1)
        for depth in (3, 6):
            # Grown in stretches, so a depth stops about when its loss stops improving, as early stopping does.
            rounds, losses = 0, []
            while rounds < self.MOST_ROUNDS:
                rounds = min(self.MOST_ROUNDS, max(100, 2 * rounds))
                est = self.make(depth, rounds).fit(x[~held], y[~held])
                losses = list(self._losses(est, x[held], y[held]))
                if len(losses) - 1 - int(np.argmin(losses)) >= self.PATIENCE:
                    break
            i = int(np.argmin(losses))
            if losses[i] < best[0]:
                best = (losses[i], depth, i + 1)
        self.depth_, self.rounds_ = best[1], best[2]
        self.model_ = self.make(self.depth_, self.rounds_).fit(x, y)
        return self

    def predict_proba(self, x):
        return self.model_.predict_proba(np.asarray(x))

    def predict(self, x):
        return self.model_.predict(np.asarray(x))


def models(engine, which, classification, threads):
    """(name, factory) pairs; a factory returns an unfitted estimator."""
    if engine == "xgboost":
        import xgboost as xgb
        # Occam's boosting rung defaults: eta 0.1, histogram splits, depth 3 or 6 and the rounds (up to 1,000)
        # chosen by early stopping (patience 20) on a seeded fifth of the training rows, then refitted on them all.
        if classification:
            return [("xgboost", lambda: EarlyStoppedBoosting(
                lambda depth, rounds: xgb.XGBClassifier(objective="binary:logistic", n_estimators=rounds,
                                                        learning_rate=0.1, max_depth=depth, tree_method="hist",
                                                        n_jobs=threads, random_state=42), True, "xgboost"))]
        return [("xgboost", lambda: EarlyStoppedBoosting(
            lambda depth, rounds: xgb.XGBRegressor(objective="reg:squarederror", n_estimators=rounds,
                                                   learning_rate=0.1, max_depth=depth, tree_method="hist",
                                                   n_jobs=threads, random_state=42), False, "xgboost"))]
    from sklearn import linear_model, naive_bayes, neighbors, neural_network, tree, ensemble
    if classification:
        plain = ("logistic", lambda: linear_model.LogisticRegression(penalty=None, solver="lbfgs", max_iter=1000))
        if which == "logistic":
            return [plain]
        return [("baseline", lambda: __import__("sklearn.dummy").dummy.DummyClassifier(strategy="prior")),
                plain,
                ("lasso", lambda: linear_model.LogisticRegressionCV(Cs=20, cv=5, penalty="l1", solver="liblinear",
                                                                    scoring="neg_log_loss")),
                ("tree", lambda: tree.DecisionTreeClassifier(max_depth=30, min_samples_split=20, min_samples_leaf=7,
                                                             random_state=42)),
                ("knn", lambda: neighbors.KNeighborsClassifier(n_neighbors=15)),
                ("naive-bayes", lambda: naive_bayes.GaussianNB()),
                ("random-forest", lambda: ensemble.RandomForestClassifier(n_estimators=300, n_jobs=threads,
                                                                          random_state=42)),
                ("boosting (sklearn hist)", lambda: EarlyStoppedBoosting(
                    lambda depth, rounds: ensemble.HistGradientBoostingClassifier(
                        max_iter=rounds, learning_rate=0.1, max_depth=depth, max_leaf_nodes=None,
                        early_stopping=False, random_state=42), True, "sklearn")),
                ("mlp", lambda: neural_network.MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-4, batch_size=64,
                                                             learning_rate_init=1e-3, max_iter=300,
                                                             early_stopping=True, validation_fraction=0.1,
                                                             n_iter_no_change=10, random_state=42))]
    plain = ("linear", lambda: linear_model.LinearRegression())
    if which == "logistic":
        return [plain]
    return [("baseline", lambda: __import__("sklearn.dummy").dummy.DummyRegressor(strategy="mean")),
            plain,
            ("lasso", lambda: linear_model.LassoCV(n_alphas=100, cv=5, random_state=1)),
            ("tree", lambda: tree.DecisionTreeRegressor(max_depth=30, min_samples_split=20, min_samples_leaf=7,
                                                        random_state=42)),
            ("knn", lambda: neighbors.KNeighborsRegressor(n_neighbors=15)),
            ("random-forest", lambda: ensemble.RandomForestRegressor(n_estimators=300, n_jobs=threads,
                                                                     random_state=42)),
            ("boosting (sklearn hist)", lambda: EarlyStoppedBoosting(
                lambda depth, rounds: ensemble.HistGradientBoostingRegressor(
                    max_iter=rounds, learning_rate=0.1, max_depth=depth, max_leaf_nodes=None,
                    early_stopping=False, random_state=42), False, "sklearn")),
            # Occam's MLP standardises the target for training and maps its outputs back (see docs/learners.md).
            ("mlp", lambda: __import__("sklearn.compose").compose.TransformedTargetRegressor(
                regressor=neural_network.MLPRegressor(hidden_layer_sizes=(32,), alpha=1e-4, batch_size=64,
                                                      learning_rate_init=1e-3, max_iter=300, early_stopping=True,
                                                      validation_fraction=0.1, n_iter_no_change=10,
                                                      random_state=42),
                transformer=__import__("sklearn.preprocessing").preprocessing.StandardScaler()))]


def main():
    args = parse()
    from sklearn.metrics import mean_squared_error, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from joblib import Parallel, delayed
    started = time.perf_counter()
    frame = pd.read_csv(args.data, na_values=["NA", ""], keep_default_na=False)
    folds = pd.read_csv(args.folds)
    if len(folds) != len(frame):
        sys.exit(f"peers.py: {args.folds} has {len(folds)} rows, {args.data} has {len(frame)}")
    classification = args.positive is not None
    y_raw = frame.pop(args.target)
    y = (y_raw.astype(str) == args.positive).astype(int).to_numpy() if classification else y_raw.to_numpy(float)
    results = []
    # One thread inside each model: the folds already fill the pool (as in Occam).
    for name, make in models(args.engine, args.models, classification, 1):
        t0 = time.perf_counter()
        jobs = [(r, f) for r in folds.columns for f in np.unique(folds[r].to_numpy())]

        def one_fold(job):
            test = folds[job[0]].to_numpy() == job[1]
            est = make_pipeline(preparation(frame), make())
            est.fit(frame[~test], y[~test])
            if classification:
                return roc_auc_score(y[test], est.predict_proba(frame[test])[:, 1])
            return mean_squared_error(y[test], est.predict(frame[test])) ** 0.5

        # Folds on a pool of threads, as Occam fits them (threads, not processes, so peak RSS is the whole).
        scores = Parallel(n_jobs=args.threads, prefer="threads")(delayed(one_fold)(j) for j in jobs)
        make_pipeline(preparation(frame), make()).fit(frame, y)  # the refit on all rows
        seconds = time.perf_counter() - t0
        results.append({"model": name, "metric": "auc" if classification else "rmse",
                        "mean": float(np.mean(scores)), "folds": len(scores), "seconds": seconds})
        print(f"{args.engine:8s} {name:24s} {results[-1]['metric']} {results[-1]['mean']:.4f} "
              f"({len(scores)} folds)  {seconds:.2f} s", file=sys.stderr)
        # Written after every model, so a run cut short by a time limit still reports the models it finished.
        json.dump({"engine": args.engine, "rows": len(frame), "columns": frame.shape[1], "results": results,
                   "seconds": time.perf_counter() - started}, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
