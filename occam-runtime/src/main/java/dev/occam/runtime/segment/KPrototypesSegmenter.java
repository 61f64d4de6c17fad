package dev.occam.runtime.segment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;

/**
 * k-prototypes (Huang 1998, "Extensions to the k-means algorithm for clustering large data sets with categorical
 * values", Data Mining and Knowledge Discovery 2:283-304): a row belongs to the prototype at the least
 * dissimilarity {@code sum (x_j - c_j)^2 + gamma * (number of categorical columns whose level differs from the
 * prototype's mode)}. A missing level (code -1) adds nothing for any prototype. No membership probability.
 *
 * @param centres the numeric part of each prototype (may have zero columns)
 * @param modes the modal level code of each categorical column, per prototype
 * @param gamma the weight of one categorical mismatch against squared standardised distance
 */
public record KPrototypesSegmenter(double[][] centres, int[][] modes, double gamma) implements Segmenter {

    public KPrototypesSegmenter {
        if (centres == null || centres.length == 0 || modes == null || modes.length != centres.length) {
            throw new IllegalArgumentException("k-prototypes needs one numeric centre and one set of modes per prototype");
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number >= 0: " + gamma);
        }
        double[][] c = new double[centres.length][];
        int[][] m = new int[modes.length][];
        for (int k = 0; k < centres.length; k++) {
            if (centres[k].length != centres[0].length || modes[k].length != modes[0].length) {
                throw new IllegalArgumentException("prototype " + k + " differs in size from prototype 0");
            }
            c[k] = centres[k].clone();
            m[k] = modes[k].clone();
        }
        centres = c;
        modes = m;
    }

    @Override
    public double[][] centres() {
        double[][] out = new double[centres.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = centres[k].clone();
        }
        return out;
    }

    @Override
    public int[][] modes() {
        int[][] out = new int[modes.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = modes[k].clone();
        }
        return out;
    }

    @Override
    @JsonIgnore
    public int segmentCount() {
        return centres.length;
    }

    @Override
    @JsonIgnore
    public int numericDimension() {
        return centres[0].length;
    }

    /** The dissimilarity of a prepared row (numbers, then level codes) to prototype k. */
    public double dissimilarity(double[] prepared, int k) {
        int p = centres[k].length;
        double s = 0;
        for (int j = 0; j < p; j++) {
            double diff = prepared[j] - centres[k][j];
            s += diff * diff;
        }
        int mismatches = 0;
        for (int j = 0; j < modes[k].length; j++) {
            int code = (int) prepared[p + j];
            if (code >= 0 && code != modes[k][j]) {
                mismatches++;
            }
        }
        return s + gamma * mismatches;
    }

    @Override
    public Assignment assign(double[] prepared) {
        Segmenter.requireLength(prepared, centres[0].length + modes[0].length, "k-prototypes");
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centres.length; k++) {
            double v = dissimilarity(prepared, k);
            if (v < bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return new Assignment(best, Double.NaN);
    }

    @Override
    public long parameterCount() {
        return (long) centres.length * (centres[0].length + modes[0].length);
    }

    @Override
    public String describe() {
        return "k-prototypes, " + centres.length + " segments";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KPrototypesSegmenter other && gamma == other.gamma && Arrays.deepEquals(centres, other.centres)
                && Arrays.deepEquals(modes, other.modes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(centres) + Arrays.deepHashCode(modes) + Double.hashCode(gamma);
    }

    @Override
    public String toString() {
        return describe();
    }
}
