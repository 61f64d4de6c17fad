package dev.occam.core.usecase;

/**
 * The commented use-case file {@code occam init} writes. It is valid as written, for a file
 * {@code data.csv} next to it with a column {@code target}: a user edits the values rather than
 * starting from a blank page, and uncomments the optional keys they need.
 */
public final class UseCaseTemplate {

    private UseCaseTemplate() {
    }

    /** The template's text, in format {@code occam-usecase/1}. */
    public static String text() {
        return TEXT;
    }

    // Prose comment lines never start with "word:", so that a commented-out key is told apart from prose.
    private static final String TEXT = """
            # An Occam use case (format occam-usecase/1): the question, the data, and what "good enough" means.
            # Occam fits a ladder of models, simplest first, and keeps the simplest one that works.
            # Edit the values below; uncomment the optional keys you need. Paths are relative to this file.
            # Unknown keys are an error, so a typo never passes silently.

            # --- Required ----------------------------------------------------------------------------

            name: my-project                # lowercase letters, digits and hyphens; names the output folder and the served model
            question: What do we want to predict, and for whom?   # the decision this model informs, in one sentence
            data:
              path: data.csv                # a CSV or Parquet file ...
              # sql: SELECT * FROM read_csv('data.csv') WHERE amount > 0   # ... or a query on the embedded DuckDB
              # jdbc: jdbc:postgresql://127.0.0.1/bank?user=me              # ... or that query on any JDBC database
              # exclude: [id]               # columns never used as features: identifiers, values known only later
              # drop_leaks: true            # drop columns the honesty checks suspect (default: only report them)
            target: target                  # the column to predict
            success:                        # what the chosen model must reach on held-out rows
              metric: auc                   # classification: auc | pr_auc | recall_at_precision | logloss |
                                            # accuracy | f1 | brier; for regression rmse | mae | r2 | mape
                                            # 3+ classes: accuracy | logloss | macro_auc
              # precision: 0.9              # recall_at_precision only: the largest recall at precision >= 0.9
              at_least: 0.75                # the lowest acceptable value, for auc, accuracy, f1 and r2 ...
              # at_most: 0.45               # ... or the highest acceptable one, for losses: logloss, brier, rmse, mae

            # --- Optional ----------------------------------------------------------------------------

            # task: classification          # classification | regression; by default inferred from the target, and said
            # positive: "yes"               # classification: the class whose probability is scored
            # threshold: 0.5                # classification: probability at or above which a row is called positive;
            #                               # by default the one that calls positive the share observed in training
            # costs:                        # classification: what each wrong call costs (any one unit); the threshold
            #   false_positive: 1           # is then the one with the lowest expected cost on out-of-fold
            #   false_negative: 10          # predictions (not with threshold)
            # interval: 0.9                 # regression: the share of new values the prediction interval should hold,
            #                               # in (0, 1); predictions come with lower_90 and upper_90 (default 0.9)
            # time: signup_date             # a column that orders the rows in time (ISO dates or numbers); never a
            #                               # feature; with selection.split: time the folds follow it
            # current_rule: "CASE WHEN amount > 1000 THEN 1 ELSE 0 END"
            #                               # today's business rule, a SQL expression over the columns giving a
            #                               # score or 0/1 for the positive class; it competes on the first rung
            # formula: "y ~ Vm * x / (K + x)"   # regression: the equation the domain knows, in R's nls syntax (+ - * / ^,
            #                               # exp log sqrt sin cos tan atan abs, pi); columns are inputs, other names
            #                               # parameters; it competes as the candidate formula (rung 2)
            # start: {Vm: 200, K: 0.1}      # the parameters' starting values; optional for those it is linear in
            # constraints:                  # a model that breaks one is not eligible
            #   max_latency_us: 1000        # p99 in-process single-row scoring time, in microseconds
            #   max_parameters: 10000       # the largest model you are willing to run and audit
            #   interpretable: true         # only models a person can read: rules, linear models, shallow trees
            #   monotone: {amount: increasing}   # column: increasing | decreasing, the effect on the positive class
            # fairness:
            #   protected: [sex, age]       # never used as features unless use_protected is true
            #   min_selection_rate_ratio: 0.8    # lowest group selection rate / highest (four-fifths rule); must be measurable
            #   use_protected: false        # true keeps the protected columns as features; they are audited either way
            #   favourable: negative        # the favourable decision: negative (default; the positive class is the
            #                               # adverse event, as a bad loan) or positive (as hired)
            # selection:                    # how candidates are compared and one is chosen
            #   rule: significance          # significance: the simplest not significantly worse than the best (default);
            #                               # one-se: the simplest within one standard error of the best; best: the best
            #   alpha: 0.05                 # significance level, in (0, 0.5]
            #   candidates: [baseline, logistic, {id: boost-deep, learner: boosting, options: {max_depth: 6}}]
            #                               # only these candidates; by default every family with its defaults:
            #                               # baseline, current-rule, rules, logistic, linear, formula, lasso, scorecard, tree,
            #                               # knn, naive-bayes, random-forest, boosting, mlp. A family name is its own
            #                               # id; a mapping names an id ([a-z0-9-]+) for a learner with its options
            #                               # (see docs/usecase.md), so one family can run twice; engine: local.
            #                               # An existing model (ONNX) competes as {id: vendor, learner: onnx,
            #                               # path: vendor.onnx}: scored on the same folds, not refitted
            #   folds: 5                    # cross-validation folds, at least 2
            #   repeats: 2                  # times the cross-validation is repeated with new folds
            #   seed: 42                    # every random choice derives from it, so a fit can be repeated exactly
            #   split: time                 # kfold (default): shuffled folds; time: train on the past, validate on the
            #                               # next period, expanding window (needs time; folds are not repeated)
            #   groups: customer_id         # all rows of a customer in one fold, so none scores itself (with kfold)
            #   class_weight: balanced      # weigh each class by 1 / its share (logistic, tree, forest, boosting)
            # stakeholders: [data team, business owner]   # who the model's decisions matter to
            # operation: batch scoring every night, retrained monthly   # how the model will run
            """;
}
