package dev.occam.runtime.segment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;

/**
 * k-means: a row belongs to the segment of its nearest centre (squared Euclidean distance on the prepared
 * row; ties go to the lower segment number). No membership probability.
 *
 * @param centres one centre per segment, each of the prepared row's length
 */
public record KMeansSegmenter(double[][] centres) implements Segmenter {

    public KMeansSegmenter {
        if (centres == null || centres.length == 0) {
            throw new IllegalArgumentException("k-means needs at least one centre");
        }
        int d = centres[0].length;
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            if (centres[k].length != d) {
                throw new IllegalArgumentException("centre " + k + " has " + centres[k].length + " values, centre 0 has "
                        + d);
            }
            for (double v : centres[k]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("centre " + k + " is not finite: " + Arrays.toString(centres[k]));
                }
            }
            copy[k] = centres[k].clone();
        }
        centres = copy;
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
    @JsonIgnore
    public int segmentCount() {
        return centres.length;
    }

    @Override
    @JsonIgnore
    public int numericDimension() {
        return centres[0].length;
    }

    @Override
    public Assignment assign(double[] prepared) {
        Segmenter.requireLength(prepared, numericDimension(), "k-means");
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centres.length; k++) {
            double s = 0;
            for (int j = 0; j < prepared.length; j++) {
                double diff = prepared[j] - centres[k][j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = k;
            }
        }
        return new Assignment(best, Double.NaN);
    }

    @Override
    public long parameterCount() {
        return (long) centres.length * centres[0].length;
    }

    @Override
    public String describe() {
        return "k-means, " + centres.length + " segments";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansSegmenter other && Arrays.deepEquals(centres, other.centres);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(centres);
    }

    @Override
    public String toString() {
        return describe();
    }
}
