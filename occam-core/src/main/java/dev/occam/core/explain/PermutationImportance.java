package dev.occam.core.explain;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.Futures;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.RowSample;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Permutation importance: the loss in a metric when one feature's values are shuffled among the rows
 * scored, which breaks the feature's link with the target and with the other features while keeping its
 * distribution. Breiman, "Random Forests", Machine Learning 45 (2001), section 10, measured it on
 * out-of-bag rows; Fisher, Rudin &amp; Dominici, "All Models are Wrong, but Many are Useful", JMLR 20
 * (2019), call it model reliance and define it for any model on held-out data.
 *
 * <p>Use {@link #crossValidated(FoldModels, Frame, Target, Metric, int, long, Executor)} during a fit: each
 * fold model the evaluation kept (fitted on the fold's training rows, its whole pipeline, as in
 * {@link CrossValidation}) is scored on the fold's held-out rows with one feature shuffled, so the importance
 * says what the model relies on to predict rows it has not seen, not what it memorised. Use {@link #onData}
 * for a model already fitted and data it was not fitted on.
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
     * Importance across cross-validation folds, refitting: fits {@code learner} on each fold's training rows
     * (with the decision threshold set as {@link CrossValidation#fitWithThreshold} sets it), then as
     * {@link #crossValidated(FoldModels, Frame, Target, Metric, int, long, Executor)}. For callers without an
     * evaluation's fold models; {@code occam fit} uses those instead.
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
        List<Model> models = new ArrayList<>(folds.size());
        for (Fold fold : folds) {
            try {
                models.add(CrossValidation.fitWithThreshold(learner, features.view(fold.train()),
                        target.select(fold.train()), threshold));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("permutation importance: " + learner.family() + " failed on fold "
                        + (fold.index() + 1) + " of repeat " + (fold.repeat() + 1) + ": " + e.getMessage(), e);
            }
        }
        return crossValidated(new FoldModels(learner.family(), folds, models), features, target, metric, repeats,
                seed, Runnable::run);
    }

    /**
     * Importance across cross-validation folds with the models the evaluation fitted: each fold model's
     * held-out rows, each feature shuffled {@code repeats} times. Nothing is refitted.
     *
     * <p>The work (one task per fold and feature) runs on {@code executor}, and the numbers do not depend on
     * it: the shuffles are drawn from one generator seeded with {@code seed}, in the order fold, feature,
     * shuffle, by the calling thread, and the losses are assembled in that order. So they equal those of a
     * sequential loop, whatever the thread count. At most {@link #IN_FLIGHT} tasks' shuffles are held at once.
     *
     * @param features every row of the evaluation, indexed as the folds index them
     * @param target aligned with {@code features}
     * @return one entry per feature of the first fold model, most important first (ties by name)
     * @throws IllegalArgumentException when repeats &lt; 1, there are no folds, a fold holds out fewer than two
     *     rows, or the rows lack a column the models read (the message names it)
     */
    public static List<FeatureImportance> crossValidated(FoldModels models, Frame features, Target target,
            Metric metric, int repeats, long seed, Executor executor) {
        Objects.requireNonNull(models, "models");
        requireRepeats(repeats);
        if (models.size() == 0) {
            throw new IllegalArgumentException("permutation importance needs at least one fold");
        }
        List<String> names = models.model(0).schema().names();
        int k = models.size();
        Frame[] rows = new Frame[k];
        double[][] truth = new double[k][];
        int[][] columns = new int[k][];
        for (int f = 0; f < k; f++) {
            int[] scored = heldOutSample(models.fold(f).test(), seed + f);
            rows[f] = features.select(scored);
            truth[f] = target.select(scored).values();
            columns[f] = columnsOf(rows[f], names);
        }
        List<CompletableFuture<FoldBase>> base = new ArrayList<>(k);
        List<List<CompletableFuture<double[]>>> permuted = new ArrayList<>(k);
        SplittableRandom random = new SplittableRandom(seed);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (int f = 0; f < k; f++) {
            Model model = models.model(f);
            Frame foldRows = rows[f];
            double[] foldTruth = truth[f];
            CompletableFuture<FoldBase> foldBase = CompletableFuture.supplyAsync(() -> new FoldBase(
                    metric.of(model, foldRows, foldTruth), model.prepare(foldRows, MAX_PREPARED_VALUES)), executor);
            base.add(foldBase);
            List<CompletableFuture<double[]>> byFeature = new ArrayList<>(names.size());
            for (int j = 0; j < names.size(); j++) {
                inFlight.acquireUninterruptibly();
                int[][] orders = shuffles(foldRows.rows(), repeats, random);
                int column = columns[f][j];
                int feature = model.schema().indexOf(names.get(j));
                CompletableFuture<double[]> scores = foldBase.thenApplyAsync(b -> b.prepared() != null && feature >= 0
                        ? permutedScores(model, b.prepared(), foldTruth, metric, feature, orders)
                        : permutedScores(model, foldRows, foldTruth, metric, column, orders), executor);
                // Released however the task ends (a failed fold fails its features without running them).
                scores.whenComplete((done, failure) -> inFlight.release());
                byFeature.add(scores);
            }
            permuted.add(byFeature);
        }
        List<List<Double>> drops = emptyLists(names.size());
        for (int f = 0; f < k; f++) {
            double b = Futures.join(base.get(f)).metric();
            for (int j = 0; j < names.size(); j++) {
                for (double p : Futures.join(permuted.get(f).get(j))) {
                    double drop = metric.higherIsBetter() ? b - p : p - b;
                    if (Double.isFinite(drop)) {
                        drops.get(j).add(drop);
                    }
                }
            }
        }
        return summarise(names, drops);
    }

    /**
     * The most held-out rows of one fold that are scored: the cost of the importance is folds × features × repeats ×
     * these rows, so it stops growing with the data here. With 10 folds that is up to 50,000 rows per feature and
     * shuffle, enough for the metric's sampling error on the subsample (AUC's is below 0.01 at 5,000 rows with both
     * classes at least 10%, by Hanley & McNeil 1982) to be small beside the fold-to-fold spread the importance
     * reports.
     */
    public static final int MAX_ROWS_PER_FOLD = 5_000;

    /**
     * The fold's held-out rows, or a seeded sample of {@link #MAX_ROWS_PER_FOLD} of them in their original order.
     * Below the cap nothing is drawn, so the importance of a small table is what it was before the cap.
     */
    static int[] heldOutSample(int[] test, long seed) {
        return RowSample.of(test, MAX_ROWS_PER_FOLD, seed ^ 0x5DEECE66DL);
    }

    /**
     * Tasks whose shuffles may be held at once: enough to keep any pool busy while the calling thread draws
     * the next shuffles, few enough that the shuffles of a large table are not all in memory together.
     */
    static final int IN_FLIGHT = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());


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
        int[] columns = columnsOf(rows, names);
        double base = metric.of(model, rows, truth);
        for (int f = 0; f < names.size(); f++) {
            for (double permuted : permutedScores(model, rows, truth, metric, columns[f],
                    shuffles(rows.rows(), repeats, random))) {
                double drop = metric.higherIsBetter() ? base - permuted : permuted - base;
                if (Double.isFinite(drop)) {
                    drops.get(f).add(drop);
                }
            }
        }
    }

    /** Each name's column in {@code rows}; the rows must number at least two. */
    private static int[] columnsOf(Frame rows, List<String> names) {
        if (rows.rows() < 2) {
            throw new IllegalArgumentException("permutation importance needs at least 2 rows, got " + rows.rows());
        }
        int[] columns = new int[names.size()];
        for (int f = 0; f < names.size(); f++) {
            columns[f] = rows.schema().indexOf(names.get(f));
            if (columns[f] < 0) {
                throw new IllegalArgumentException("the data have no column '" + names.get(f)
                        + "', which the model reads; they have " + rows.schema().names());
            }
        }
        return columns;
    }

    /** {@code repeats} shuffled orders of {@code n} rows, drawn in turn from {@code random}. */
    private static int[][] shuffles(int n, int repeats, SplittableRandom random) {
        int[][] orders = new int[repeats][n];
        for (int[] order : orders) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle(order, random);
        }
        return orders;
    }

    /**
     * A fold model's metric on its held-out rows, and the rows prepared once for it (null when too large, or for a
     * multiclass model), from which each shuffle is scored without reading and preparing every row again.
     */
    private record FoldBase(double metric, Model.Prepared prepared) {
    }

    /**
     * The most values a fold's prepared rows may hold (8 MB): 5,000 rows of up to 209 prepared columns. Wider rows
     * are read and prepared again for each shuffle, as a small table's are scored.
     */
    static final long MAX_PREPARED_VALUES = 1 << 20;

    /**
     * As {@link #permutedScores(Model, Frame, double[], Metric, int, int[][])}, from the rows prepared once: the same
     * scores, bit for bit ({@link Model.Prepared#scoreWith}), so the same metric.
     *
     * @param feature the shuffled feature's index in the model's schema
     */
    private static double[] permutedScores(Model model, Model.Prepared prepared, double[] truth, Metric metric,
            int feature, int[][] orders) {
        double[] out = new double[orders.length];
        for (int r = 0; r < orders.length; r++) {
            out[r] = metric.compute(truth, prepared.scoreWith(feature, orders[r]), model.threshold());
        }
        return out;
    }

    /** The metric on the rows with the column put in each order, one value per order. */
    private static double[] permutedScores(Model model, Frame rows, double[] truth, Metric metric, int column,
            int[][] orders) {
        double[] out = new double[orders.length];
        for (int r = 0; r < orders.length; r++) {
            out[r] = metric.of(model, replace(rows, column, rows.column(column).select(orders[r])), truth);
        }
        return out;
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
