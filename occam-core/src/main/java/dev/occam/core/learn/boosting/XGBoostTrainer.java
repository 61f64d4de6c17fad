package dev.occam.core.learn.boosting;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.HashMap;
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
            booster = train(features, target, options, monotone, scalePositive);
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
        Booster booster = null;
        try {
            booster = train(features, target, options, monotone);
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

    /** Trains a booster on a numeric frame; the caller disposes it. */
    static Booster train(Frame features, Target target, GradientBoosting.Options options) throws XGBoostError {
        return train(features, target, options, null);
    }

    /**
     * As {@link #train(Frame, Target, GradientBoosting.Options)}; {@code monotone}, when not null, is each column's
     * direction (+1, −1 or 0) passed as XGBoost's {@code monotone_constraints}.
     */
    static Booster train(Frame features, Target target, GradientBoosting.Options options, int[] monotone)
            throws XGBoostError {
        return train(features, target, options, monotone, null);
    }

    private static Booster train(Frame features, Target target, GradientBoosting.Options options, int[] monotone,
            Double scalePositive) throws XGBoostError {
        DMatrix data = matrix(features);
        try {
            float[] labels = new float[target.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (float) target.value(i);
            }
            data.setLabel(labels);
            // The booster keeps no reference to the training matrix that outlives training, so it is freed here.
            Map<String, Object> parameters = target.isMulticlass()
                    ? parameters(options, target.info().classCount())
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
            return XGBoost.train(data, parameters, options.rounds(),
                    new HashMap<>(), null, null);
        } finally {
            data.dispose();
        }
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
            double[] x = ((NumericColumn) features.column(j)).values();
            for (int i = 0; i < n; i++) {
                float v = (float) x[i];
                if (Float.isInfinite(v)) {
                    v = Math.copySign(Float.MAX_VALUE, v);
                }
                cells[i * p + j] = v;
            }
        }
        return new DMatrix(cells, n, p, Float.NaN);
    }
}
