package dev.occam.core.data;

/** Checks on the row weights a learner fits with (balanced class weights, or counts of repeated rows). */
public final class RowWeights {

    private RowWeights() {
    }

    /**
     * @return the weights as given
     * @throws IllegalArgumentException when there is not one weight per row, or a weight is not positive and finite
     *     (naming the row)
     */
    public static double[] checked(double[] weights, int rows) {
        if (weights.length != rows) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + rows + " rows");
        }
        for (int i = 0; i < rows; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight of row " + i + " must be positive and finite: "
                        + weights[i]);
            }
        }
        return weights;
    }
}
