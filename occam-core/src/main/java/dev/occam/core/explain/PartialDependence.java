package dev.occam.core.explain;

import dev.occam.core.evaluate.RowSample;
import dev.occam.runtime.Model;
import dev.occam.runtime.RadixSort;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Partial dependence (Friedman, "Greedy Function Approximation: A Gradient Boosting Machine", Annals of
 * Statistics 29(5), 2001, section 8.2): for a feature x_S, {@code PD(v) = (1/n) Σᵢ f(v, x_C,i)}, the
 * model's mean score over the rows with x_S set to v in every row and the other features left as they
 * are. It shows how the score moves with one feature on average; for a model without interactions it is
 * the feature's own effect plus a constant (for a linear regression, {@code β·v + Σ_{k≠S} β_k x̄_k + α}),
 * and it can hide effects of opposite sign in different rows when there are interactions.
 *
 * <p>Grid: for a numeric feature, its distinct values when there are at most {@code gridSize} of them,
 * otherwise the quantiles (R's type 7) at {@code gridSize} evenly spaced probabilities from 5% to 95%, so
 * the curve is not drawn through the sparse tails, duplicates removed; for a categorical feature, each of
 * its levels in the data. Scores are probabilities of the positive class for classification.
 *
 * <p>Use it on the final model and (a sample of) the data it was fitted on: it describes the model, not
 * its accuracy. Cost: grid points × rows scorings per feature, hence the row sample.
 */
public final class PartialDependence {

    /** Grid points per numeric feature when the caller does not say. */
    public static final int DEFAULT_GRID = 20;
    /** Rows averaged over when the caller does not say. */
    public static final int DEFAULT_ROWS = 500;

    private static final double LOW = 0.05;
    private static final double HIGH = 0.95;

    private PartialDependence() {
    }

    /**
     * One feature's partial dependence.
     *
     * @param feature the raw column name
     * @param categorical whether the grid is the feature's levels ({@code levels}) or numbers ({@code grid})
     * @param grid the numeric grid, ascending (empty for a categorical feature)
     * @param levels the levels (empty for a numeric feature)
     * @param meanScore the mean score at each grid point or level, in the same order
     * @param rows how many rows were averaged over
     */
    public record Curve(String feature, boolean categorical, double[] grid, List<String> levels, double[] meanScore,
            int rows) {

        public Curve {
            Objects.requireNonNull(feature, "feature");
            grid = grid.clone();
            levels = List.copyOf(levels);
            meanScore = meanScore.clone();
            int points = categorical ? levels.size() : grid.length;
            if (meanScore.length != points) {
                throw new IllegalArgumentException("partial dependence of '" + feature + "' has " + points
                        + " grid points and " + meanScore.length + " scores");
            }
        }

        @Override
        public double[] grid() {
            return grid.clone();
        }

        @Override
        public double[] meanScore() {
            return meanScore.clone();
        }

        /** Highest minus lowest mean score: how far the feature alone moves the average score. */
        public double range() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double s : meanScore) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            return meanScore.length == 0 ? Double.NaN : hi - lo;
        }
    }

    /**
     * Partial dependence of the named features, each averaged over the same seeded sample of at most
     * {@code maxRows} rows of {@code data} (all rows when there are fewer).
     *
     * @throws IllegalArgumentException when gridSize &lt; 2, maxRows &lt; 1, the data are empty, or a feature is
     *     not one the model reads or not in the data (the message names it)
     */
    public static List<Curve> of(Model model, Frame data, List<String> features, int gridSize, int maxRows,
            long seed) {
        Objects.requireNonNull(model, "model");
        if (gridSize < 2) {
            throw new IllegalArgumentException("grid size must be >= 2: " + gridSize);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("rows must be >= 1: " + maxRows);
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("partial dependence needs at least one row");
        }
        Frame sample = data.rows() <= maxRows ? data : data.select(sampleRows(data.rows(), maxRows, seed));
        List<Curve> out = new ArrayList<>(features.size());
        for (String name : features) {
            out.add(curve(model, data, sample, name, gridSize));
        }
        return List.copyOf(out);
    }

    private static Curve curve(Model model, Frame data, Frame sample, String name, int gridSize) {
        if (model.schema().indexOf(name) < 0) {
            throw new IllegalArgumentException("the model does not read '" + name + "'; it reads "
                    + model.schema().names());
        }
        int column = data.schema().indexOf(name);
        if (column < 0) {
            throw new IllegalArgumentException("the data have no column '" + name + "', which the model reads; they have "
                    + data.schema().names());
        }
        Column full = data.column(column);
        int n = sample.rows();
        if (full instanceof CategoricalColumn cc) {
            List<String> levels = cc.levels();
            double[] means = new double[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                int[] codes = new int[n];
                Arrays.fill(codes, k);
                means[k] = mean(model.score(PermutationImportance.replace(sample, column,
                        new CategoricalColumn(name, levels, codes))));
            }
            return new Curve(name, true, new double[0], levels, means, n);
        }
        double[] grid = numericGrid(((NumericColumn) full).values(), gridSize);
        double[] means = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            double[] values = new double[n];
            Arrays.fill(values, grid[g]);
            means[g] = mean(model.score(PermutationImportance.replace(sample, column,
                    new NumericColumn(name, values))));
        }
        return new Curve(name, false, grid, List.of(), means, n);
    }

    /**
     * The grid of a numeric column: its distinct non-missing values when there are at most
     * {@code gridSize}, else type-7 quantiles at evenly spaced probabilities from 5% to 95%, deduplicated.
     * Empty when every value is missing.
     */
    static double[] numericGrid(double[] values, int gridSize) {
        // Primitive arrays, not a stream's distinct() (which boxes every value into a set): sorted, the distinct
        // values (as Double.equals tells them: -0.0 and 0.0 differ) are where the bits change.
        double[] sorted = new double[values.length];
        int m = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sorted[m++] = v;
            }
        }
        sorted = Arrays.copyOf(sorted, m);
        RadixSort.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < m && distinct <= gridSize; i++) {
            distinct += i == 0 || Double.doubleToLongBits(sorted[i]) != Double.doubleToLongBits(sorted[i - 1]) ? 1 : 0;
        }
        if (distinct <= gridSize) {
            double[] out = new double[distinct];
            for (int i = 0, k = 0; i < m; i++) {
                if (i == 0 || Double.doubleToLongBits(sorted[i]) != Double.doubleToLongBits(sorted[i - 1])) {
                    out[k++] = sorted[i];
                }
            }
            return out;
        }
        double[] grid = new double[gridSize];
        for (int g = 0; g < gridSize; g++) {
            double p = LOW + (HIGH - LOW) * g / (gridSize - 1);
            grid[g] = quantile(sorted, p);
        }
        return Arrays.stream(grid).distinct().toArray();
    }

    /** R's type 7: linear interpolation between order statistics at h = (n − 1)p. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** A seeded sample of {@code k} distinct rows, ascending (see {@link RowSample}). */
    static int[] sampleRows(int n, int k, long seed) {
        return RowSample.ofFirst(n, k, seed);
    }

    private static double mean(double[] scores) {
        double s = 0;
        for (double v : scores) {
            s += v;
        }
        return s / scores.length;
    }
}
