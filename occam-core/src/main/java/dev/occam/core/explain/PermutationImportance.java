package dev.occam.core.explain;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Permutation importance: the loss in a metric when one feature's values are shuffled among the rows
 * scored, which breaks the feature's link with the target and with the other features while keeping its
 * distribution. Breiman, "Random Forests", Machine Learning 45 (2001), section 10, measured it on
 * out-of-bag rows; Fisher, Rudin &amp; Dominici, "All Models are Wrong, but Many are Useful", JMLR 20
 * (2019), call it model reliance and define it for any model on held-out data.
 *
 * <p>Use {@link #crossValidated} during a fit: the learner is refitted once on each fold's training
 * rows (its whole pipeline, as in {@link CrossValidation}) and the fold's held-out rows are shuffled,
 * so the importance says what the model relies on to predict rows it has not seen, not what it
 * memorised. Use {@link #onData} for a model already fitted and data it was not fitted on.
 *
 * <p>The features are the model's raw inputs ({@link Model#schema()}), so a categorical column is
 * shuffled as one, whatever its encoding. Shuffles come from one seeded generator in a fixed order: the
 * same arguments give the same numbers. Correlated features share their importance: shuffling one of
 * two copies costs little, since the model can read the other.
 */
public final class PermutationImportance {

    /** Shuffles per feature and fold when the caller does not say. */
    public static final int DEFAULT_REPEATS = 5;

    private PermutationImportance() {
    }

    /**
     * Importance across cross-validation folds: fits {@code learner} on each fold's training rows
     * (with the decision threshold set as {@link CrossValidation#fitWithThreshold} sets it) and shuffles
     * each feature {@code repeats} times in the fold's held-out rows.
     *
     * @param threshold the use case's decision threshold, or null for the default
     * @return one entry per feature of the fitted model, most important first (ties by name)
     * @throws IllegalArgumentException when repeats &lt; 1, there are no folds, or the learner fails on a fold
     *     (the message names the fold)
     */
    public static List<FeatureImportance> crossValidated(Learner learner, Frame features, Target target,
            List<Fold> folds, Metric metric, Double threshold, int repeats, long seed) {
        Objects.requireNonNull(learner, "learner");
        requireRepeats(repeats);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("permutation importance needs at least one fold");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> names = null;
        List<List<Double>> drops = null;
        for (Fold fold : folds) {
            Model model;
            try {
                model = CrossValidation.fitWithThreshold(learner, features.select(fold.train()),
                        target.select(fold.train()), threshold);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("permutation importance: " + learner.family() + " failed on fold "
                        + (fold.index() + 1) + " of repeat " + (fold.repeat() + 1) + ": " + e.getMessage(), e);
            }
            if (names == null) {
                names = model.schema().names();
                drops = emptyLists(names.size());
            }
            collect(model, features.select(fold.test()), target.select(fold.test()).values(), metric, names,
                    repeats, random, drops);
        }
        return summarise(names, drops);
    }

    /**
     * Importance of a fitted model on the given rows, which should be rows it was not fitted on.
     *
     * @param truth the true values of the rows (1/0 for classification), aligned with {@code data}
     * @return one entry per feature of the model, most important first (ties by name)
     * @throws IllegalArgumentException when repeats &lt; 1, truth and data differ in length, there are fewer
     *     than two rows, or the data lack a column the model reads (the message names it)
     */
    public static List<FeatureImportance> onData(Model model, Frame data, double[] truth, Metric metric, int repeats,
            long seed) {
        Objects.requireNonNull(model, "model");
        requireRepeats(repeats);
        if (truth.length != data.rows()) {
            throw new IllegalArgumentException("truth has " + truth.length + " values, the data have " + data.rows()
                    + " rows");
        }
        List<String> names = model.schema().names();
        List<List<Double>> drops = emptyLists(names.size());
        collect(model, data, truth, metric, names, repeats, new SplittableRandom(seed), drops);
        return summarise(names, drops);
    }

    private static void requireRepeats(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        }
    }

    private static List<List<Double>> emptyLists(int n) {
        List<List<Double>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** Adds, for each feature and shuffle, the metric's loss on these rows to {@code drops}. */
    private static void collect(Model model, Frame rows, double[] truth, Metric metric, List<String> names,
            int repeats, SplittableRandom random, List<List<Double>> drops) {
        if (rows.rows() < 2) {
            throw new IllegalArgumentException("permutation importance needs at least 2 rows, got " + rows.rows());
        }
        double base = metric.of(model, rows, truth);
        int[] order = new int[rows.rows()];
        for (int f = 0; f < names.size(); f++) {
            int column = rows.schema().indexOf(names.get(f));
            if (column < 0) {
                throw new IllegalArgumentException("the data have no column '" + names.get(f)
                        + "', which the model reads; they have " + rows.schema().names());
            }
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                shuffle(order, random);
                double permuted = metric.of(model, replace(rows, column, rows.column(column).select(order)), truth);
                double drop = metric.higherIsBetter() ? base - permuted : permuted - base;
                if (Double.isFinite(drop)) {
                    drops.get(f).add(drop);
                }
            }
        }
    }

    /** The frame with column {@code index} replaced; package-private for partial dependence. */
    static Frame replace(Frame frame, int index, Column column) {
        List<Column> columns = new ArrayList<>(frame.columns());
        columns.set(index, column);
        return new Frame(columns);
    }

    /** Fisher–Yates. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static List<FeatureImportance> summarise(List<String> names, List<List<Double>> drops) {
        List<FeatureImportance> out = new ArrayList<>(names.size());
        for (int f = 0; f < names.size(); f++) {
            List<Double> d = drops.get(f);
            double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : d) {
                ss += (v - mean) * (v - mean);
            }
            double sd = d.size() < 2 ? Double.NaN : Math.sqrt(ss / (d.size() - 1));
            out.add(new FeatureImportance(names.get(f), mean, sd, d.size()));
        }
        out.sort(Comparator.comparingDouble((FeatureImportance i) -> Double.isNaN(i.meanDrop())
                ? Double.NEGATIVE_INFINITY : i.meanDrop()).reversed().thenComparing(FeatureImportance::feature));
        return List.copyOf(out);
    }
}
