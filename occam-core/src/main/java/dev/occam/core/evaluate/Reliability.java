package dev.occam.core.evaluate;

/**
 * How far a classifier's probabilities can be taken at their word, from its held-out scores: the Brier score
 * (Brier 1950; {@link Metric#BRIER}) and the expected calibration error in {@value #ECE_BANDS} equal-width
 * bands over [0, 1] ({@link Curves#expectedCalibrationError}; Naeini, Cooper & Hauskrecht 2015 define it, Guo et
 * al. 2017 use equal-width bands, 15 of them). Ten equal-width bands are the bands of the report's calibration
 * chart, so the ECE is the weighted mean gap a reader sees there. The Brier score is lower for better
 * probabilities; the ECE is 0 for perfectly calibrated ones and says nothing about discrimination.
 *
 * @param brier mean squared difference between probability and 0/1 outcome
 * @param ece expected calibration error, in probability points (0.05 = five points)
 */
public record Reliability(double brier, double ece) {

    /** Equal-width bands of the expected calibration error (and of the report's calibration chart). */
    public static final int ECE_BANDS = 10;

    /**
     * @param scores probabilities of the positive class
     * @param labels 1 for the positive class, 0 otherwise
     */
    public static Reliability of(double[] scores, double[] labels) {
        return new Reliability(Metric.BRIER.compute(labels, scores, Double.NaN),
                Curves.expectedCalibrationError(scores, labels, ECE_BANDS));
    }

    /** Over every held-out score, the repeats pooled (each row counted once per repeat). */
    public static Reliability of(HeldOutScores heldOut, double[] truth) {
        return of(heldOut.scores(), Curves.pooledTruth(heldOut, truth));
    }
}
