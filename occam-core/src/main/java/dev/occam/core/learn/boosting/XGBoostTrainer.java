package dev.occam.core.learn.boosting;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The only class that calls XGBoost: builds the training matrix, trains a booster, reads it back as a
 * pure-Java scorer, and frees the native memory of both in {@code finally} blocks. Kept apart from
 * {@link GradientBoosting} so that the learner loads, and reports why it cannot run, where XGBoost does not.
 * Everything stays in memory: nothing is written to disk per fit.
 */
final class XGBoostTrainer {

    private XGBoostTrainer() {
    }

    /** Trains and converts. @throws IllegalStateException with XGBoost's message when it fails */
    static TreeEnsembleScorer fit(Frame features, Target target, GradientBoosting.Options options) {
        return fit(features, target, options, null);
    }

    /** As {@link #fit(Frame, Target, GradientBoosting.Options)} holding monotone directions (null for none). */
    static TreeEnsembleScorer fit(Frame features, Target target, GradientBoosting.Options options, int[] monotone) {
        return fit(features, target, options, monotone, null);
    }

    /** As {@link #fit(Frame, Target, GradientBoosting.Options, int[])} with {@code scale_pos_weight} (null: 1). */
    static TreeEnsembleScorer fit(Frame features, Target target, GradientBoosting.Options options, int[] monotone,
            Double scalePositive) {
        Booster booster = null;
        try {
            booster = train(features, target, options, monotone, scalePositive, null);
            return XGBoostModels.toScorer(booster.toByteArray("json"), features.schema());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + firstLine(e.getMessage()), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
        }
    }

    /**
     * Trains {@code multi:softprob} on a target of three or more classes and converts it: K trees per round, one
     * per class. @throws IllegalStateException with XGBoost's message when it fails
     */
    static MulticlassScorer fitClasses(Frame features, Target target, GradientBoosting.Options options) {
        return fitClasses(features, target, options, null);
    }

    /** As {@link #fitClasses(Frame, Target, GradientBoosting.Options)} holding monotone directions (null: none). */
    static MulticlassScorer fitClasses(Frame features, Target target, GradientBoosting.Options options,
            int[] monotone) {
        return fitClasses(features, target, options, monotone, null);
    }

    /**
     * As {@link #fitClasses(Frame, Target, GradientBoosting.Options, int[])} with each training row weighed by
     * {@code weights} (XGBoost's row weights, which scale each row's gradient and hessian; null: all 1).
     */
    static MulticlassScorer fitClasses(Frame features, Target target, GradientBoosting.Options options,
            int[] monotone, double[] weights) {
        Booster booster = null;
        try {
            booster = train(features, target, options, monotone, null, weights);
            return XGBoostModels.toClassScorer(booster.toByteArray("json"), features.schema());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + firstLine(e.getMessage()), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
        }
    }

    /** XGBoost's message without the native stack trace it appends. */
    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int cut = message.indexOf("\nStack trace");
        return (cut < 0 ? message : message.substring(0, cut)).strip();
    }

    /**
     * Trains a booster on a numeric frame; the caller disposes it. With early stopping, first chooses the depth and
     * the number of rounds on an inner validation split of these rows ({@link #tune}), then trains on all of them.
     */
    static Booster train(Frame features, Target target, GradientBoosting.Options options) throws XGBoostError {
        return train(features, target, options, null);
    }

    /**
     * As {@link #train(Frame, Target, GradientBoosting.Options)}; {@code monotone}, when not null, is each column's
     * direction (+1, −1 or 0) passed as XGBoost's {@code monotone_constraints}.
     */
    static Booster train(Frame features, Target target, GradientBoosting.Options options, int[] monotone)
            throws XGBoostError {
        return train(features, target, options, monotone, null, null);
    }

    /**
     * The booster, the classes weighed by {@code scale_pos_weight} (two classes) or by row weights (null: neither).
     * Both weigh the training rows only: early stopping's validation loss stays the unweighted loss.
     */
    private static Booster train(Frame features, Target target, GradientBoosting.Options options, int[] monotone,
            Double scalePositive, double[] weights) throws XGBoostError {
        GradientBoosting.Options chosen = options.earlyStopping() > 0
                ? tune(features, target, options, monotone, scalePositive, weights)
                : options.maxDepth() > 0 ? options : options.withMaxDepth(options.depths().get(0));
        DMatrix data = labelled(features, target, weights);
        try {
            // The booster keeps no reference to the training matrix that outlives training, so it is freed here.
            return XGBoost.train(data, parameters(chosen, target, monotone, scalePositive), chosen.rounds(),
                    new HashMap<>(), null, null);
        } finally {
            data.dispose();
        }
    }

    /**
     * The options with the depth and the number of rounds (at most {@code options.rounds()}) of least loss on a
     * seeded validation share of the rows ({@link GradientBoosting#validationSplit}), boosting on the others. The
     * loss is XGBoost's default metric of the objective (RMSE, log loss or multiclass log loss); {@code maxDepth}, or
     * when it is 0 each depth of {@code options.depths()}, boosts until its loss has not improved for
     * {@code options.earlyStopping()} rounds. The earliest depth and round of the least loss win ties. Only the
     * rows given are read, so inside a cross-validation fold the held-out rows are never seen.
     */
    static GradientBoosting.Options tune(Frame features, Target target, GradientBoosting.Options options)
            throws XGBoostError {
        return tune(features, target, options, null, null, null);
    }

    /**
     * As {@link #tune(Frame, Target, GradientBoosting.Options)}, under the same constraints and weights as the fit:
     * the boosting rows keep the weights the fit gives them, the validation rows are unweighted (as
     * {@code scale_pos_weight} weighs only the gradients boosted on).
     */
    private static GradientBoosting.Options tune(Frame features, Target target, GradientBoosting.Options options,
            int[] monotone, Double scalePositive, double[] weights) throws XGBoostError {
        int[][] split = GradientBoosting.validationSplit(target, options.seed());
        // Views: the split's rows go straight from the fold's prepared columns into XGBoost's float matrix.
        DMatrix train = labelled(features.view(split[0]), target.select(split[0]), rowsOf(weights, split[0]));
        DMatrix validation = null;
        try {
            validation = labelled(features.view(split[1]), target.select(split[1]), null);
            List<Integer> depths = options.maxDepth() > 0 ? List.of(options.maxDepth()) : options.depths();
            GradientBoosting.Options best = null;
            float bestLoss = Float.POSITIVE_INFINITY;
            for (int depth : depths) {
                GradientBoosting.Options candidate = options.withMaxDepth(depth);
                float[] loss = new float[1];
                int rounds = stoppedRounds(train, validation, target, candidate, monotone, scalePositive, loss);
                if (loss[0] < bestLoss) {
                    bestLoss = loss[0];
                    best = candidate.withRounds(rounds);
                }
            }
            return best == null ? options.withMaxDepth(depths.get(0)).withRounds(1) : best;
        } finally {
            train.dispose();
            if (validation != null) {
                validation.dispose();
            }
        }
    }

    /** Rounds of least validation loss for one setting, boosting until it stops improving; the loss in out[0]. */
    private static int stoppedRounds(DMatrix train, DMatrix validation, Target target, GradientBoosting.Options options,
            int[] monotone, Double scalePositive, float[] out) throws XGBoostError {
        Map<String, Object> parameters = parameters(options, target, monotone, scalePositive);
        parameters.put("eval_metric", target.isMulticlass() ? "mlogloss"
                : target.isClassification() ? "logloss" : "rmse");
        Booster booster = null;
        try {
            // Round by round rather than XGBoost.train's own early stopping, which prints every round's loss.
            booster = XGBoost.train(train, parameters, 0, new HashMap<>(), null, null);
            DMatrix[] watched = {validation};
            String[] names = {"validation"};
            float[] loss = new float[1];
            int best = 0;
            float bestLoss = Float.POSITIVE_INFINITY;
            for (int round = 0; round < options.rounds() && round - best <= options.earlyStopping(); round++) {
                booster.update(train, round);
                booster.evalSet(watched, names, round, loss);
                if (loss[0] < bestLoss) {
                    bestLoss = loss[0];
                    best = round;
                }
            }
            out[0] = bestLoss;
            return best + 1;
        } finally {
            if (booster != null) {
                booster.dispose();
            }
        }
    }

    /**
     * The frame as XGBoost's matrix with the target as its labels and, when not null, the rows' weights; the caller
     * disposes it.
     */
    private static DMatrix labelled(Frame features, Target target, double[] weights) throws XGBoostError {
        DMatrix data = matrix(features);
        float[] labels = new float[target.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) target.value(i);
        }
        data.setLabel(labels);
        if (weights != null) {
            float[] w = new float[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) weights[i];
            }
            data.setWeight(w);
        }
        return data;
    }

    /** The weights of the given rows, or null without weights. */
    private static double[] rowsOf(double[] weights, int[] rows) {
        if (weights == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = weights[rows[i]];
        }
        return out;
    }

    /** The objective's parameters, with the class weight and the monotone directions when given. */
    private static Map<String, Object> parameters(GradientBoosting.Options options, Target target, int[] monotone,
            Double scalePositive) {
        Map<String, Object> parameters = target.isMulticlass() ? parameters(options, target.info().classCount())
                : parameters(options, target.isClassification());
        if (scalePositive != null) {
            parameters.put("scale_pos_weight", scalePositive);
        }
        if (monotone != null) {
            StringBuilder constraints = new StringBuilder("(");
            for (int j = 0; j < monotone.length; j++) {
                constraints.append(j == 0 ? "" : ",").append(monotone[j]);
            }
            parameters.put("monotone_constraints", constraints.append(')').toString());
        }
        return parameters;
    }

    /** The parameters of {@code multi:softprob} over {@code classes} classes (labels 0..classes−1). */
    static Map<String, Object> parameters(GradientBoosting.Options options, int classes) {
        Map<String, Object> p = parameters(options, true);
        p.put("objective", "multi:softprob");
        p.put("num_class", classes);
        return p;
    }

    static Map<String, Object> parameters(GradientBoosting.Options options, boolean classification) {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", classification ? "binary:logistic" : "reg:squarederror");
        p.put("tree_method", "hist");
        p.put("eta", options.learningRate());
        p.put("max_depth", options.maxDepth());
        p.put("min_child_weight", options.minChildWeight());
        p.put("lambda", options.lambda());
        p.put("subsample", options.subsample());
        p.put("nthread", options.threads());
        p.put("seed", options.seed());
        p.put("verbosity", 0);
        return p;
    }

    /**
     * The frame as XGBoost's dense float matrix, row by row, NaN for missing. Each double is rounded to the
     * nearest float, as the float32 scorer rounds it; values beyond the float range are clamped to the
     * largest float, because XGBoost rejects infinities.
     */
    static DMatrix matrix(Frame features) throws XGBoostError {
        int n = features.rows();
        int p = features.columnCount();
        if ((long) n * p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("boosting holds the training data in one array of at most 2^31 cells;"
                    + " " + n + " rows x " + p + " columns is more");
        }
        float[] cells = new float[n * p];
        for (int j = 0; j < p; j++) {
            NumericColumn x = (NumericColumn) features.column(j); // read through its index if a view
            for (int i = 0; i < n; i++) {
                float v = (float) x.value(i);
                if (Float.isInfinite(v)) {
                    v = Math.copySign(Float.MAX_VALUE, v);
                }
                cells[i * p + j] = v;
            }
        }
        return new DMatrix(cells, n, p, Float.NaN);
    }
}
