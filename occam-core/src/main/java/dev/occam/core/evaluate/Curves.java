package dev.occam.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Diagnostic curves of a classifier from its held-out (out-of-fold) scores, every repeat pooled: the ROC
 * curve (Fawcett 2006, Algorithm 1: one point per distinct score, ties taken together) and a calibration
 * (reliability) table in equal-width score bands. Used by the report; nothing here is refitted.
 */
public final class Curves {

    /** One point of the ROC curve: the false and true positive rates at a score threshold. */
    public record RocPoint(double falsePositiveRate, double truePositiveRate, double threshold) {
    }

    /** One score band: how many predictions fell in it, their mean score, and the observed positive rate. */
    public record CalibrationBin(double low, double high, int predictions, double meanScore, double observedRate) {
    }

    private Curves() {
    }

    /**
     * The ROC curve from (0, 0) to (1, 1), thinned to at most {@code maxPoints} points (the corners kept).
     *
     * @param truth 1 for the positive class, 0 otherwise, one per row
     * @throws IllegalArgumentException when there are no positives or no negatives
     */
    public static List<RocPoint> roc(HeldOutScores heldOut, double[] truth, int maxPoints) {
        double[] scores = heldOut.scores();
        double[] labels = pooledTruth(heldOut, truth);
        long positives = Arrays.stream(labels).filter(y -> y == 1.0).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC needs both classes: " + positives + " positives, " + negatives
                    + " negatives");
        }
        for (double score : scores) {
            if (Double.isNaN(score)) {
                // Each NaN is a point of its own, in row order: only the sorted row order gives those points.
                return thin(rocInRowOrder(scores, labels, positives, negatives), maxPoints);
            }
        }
        // Each class's scores sorted apart (primitive sorts) and walked from the top together: a point at the end
        // of each run of equal scores, where the counts do not depend on the order within the run.
        SortedByClass sorted = SortedByClass.of(scores, labels);
        double[] ofPositives = sorted.ofPositives();
        double[] ofNegatives = sorted.ofNegatives();
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        long tp = 0;
        long fp = 0;
        int a = ofPositives.length - 1;
        int b = ofNegatives.length - 1;
        while (a >= 0 || b >= 0) {
            boolean positive = b < 0 || (a >= 0 && Double.compare(ofPositives[a], ofNegatives[b]) >= 0);
            double score = positive ? ofPositives[a--] : ofNegatives[b--];
            tp += positive ? 1 : 0;
            fp += positive ? 0 : 1;
            // The next score is the larger of the two tops; it equals this one exactly when either top does.
            boolean lastOfTie = (a < 0 || ofPositives[a] != score) && (b < 0 || ofNegatives[b] != score);
            if (lastOfTie) {
                points.add(new RocPoint((double) fp / negatives, (double) tp / positives, score));
            }
        }
        return thin(points, maxPoints);
    }

    /** The ROC points walking the rows in descending order of score, ties in row order (not thinned). */
    static List<RocPoint> rocInRowOrder(double[] scores, double[] labels, long positives, long negatives) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (labels[i] == 1.0) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == order.length - 1 || scores[order[k + 1]] != scores[i];
            if (lastOfTie) {
                points.add(new RocPoint((double) fp / negatives, (double) tp / positives, scores[i]));
            }
        }
        return points;
    }

    /** Area under the ROC curve by the trapezoid rule (ties counted half, as the Mann-Whitney statistic). */
    public static double area(List<RocPoint> roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            RocPoint a = roc.get(i - 1);
            RocPoint b = roc.get(i);
            area += (b.falsePositiveRate() - a.falsePositiveRate()) * (a.truePositiveRate() + b.truePositiveRate()) / 2;
        }
        return area;
    }

    /**
     * Calibration in {@code bands} equal-width bands over [0, 1]; empty bands left out.
     *
     * @throws IllegalArgumentException when {@code bands < 1}
     */
    public static List<CalibrationBin> calibration(HeldOutScores heldOut, double[] truth, int bands) {
        return calibration(heldOut.scores(), pooledTruth(heldOut, truth), bands);
    }

    /**
     * Calibration of scores against their 0/1 labels in {@code bands} equal-width bands over [0, 1]; empty
     * bands left out, NaN scores skipped.
     *
     * @throws IllegalArgumentException when {@code bands < 1} or the arrays differ in length
     */
    public static List<CalibrationBin> calibration(double[] scores, double[] labels, int bands) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be >= 1: " + bands);
        }
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("expected " + scores.length + " labels, got " + labels.length);
        }
        int[] count = new int[bands];
        double[] scoreSum = new double[bands];
        double[] positiveSum = new double[bands];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                continue;
            }
            int b = Math.min(bands - 1, Math.max(0, (int) Math.floor(scores[i] * bands)));
            count[b]++;
            scoreSum[b] += scores[i];
            positiveSum[b] += labels[i];
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            if (count[b] > 0) {
                out.add(new CalibrationBin((double) b / bands, (double) (b + 1) / bands, count[b],
                        scoreSum[b] / count[b], positiveSum[b] / count[b]));
            }
        }
        return out;
    }

    /**
     * Expected calibration error over equal-width bands (Naeini, Cooper & Hauskrecht 2015; Guo, Pleiss, Sun &
     * Weinberger 2017, eq. 3): the mean absolute gap between a band's mean score and its observed positive
     * rate, weighted by the band's share of the scores. NaN when no score is present.
     */
    public static double expectedCalibrationError(double[] scores, double[] labels, int bands) {
        List<CalibrationBin> bins = calibration(scores, labels, bands);
        long total = 0;
        double weighted = 0;
        for (CalibrationBin b : bins) {
            total += b.predictions();
            weighted += b.predictions() * Math.abs(b.meanScore() - b.observedRate());
        }
        return total == 0 ? Double.NaN : weighted / total;
    }

    /** The true labels repeated once per repeat, aligned with {@link HeldOutScores#scores()}. */
    static double[] pooledTruth(HeldOutScores heldOut, double[] truth) {
        if (truth.length != heldOut.rows()) {
            throw new IllegalArgumentException("expected " + heldOut.rows() + " true values, got " + truth.length);
        }
        double[] labels = new double[heldOut.rows() * heldOut.repeats()];
        for (int r = 0; r < heldOut.repeats(); r++) {
            System.arraycopy(truth, 0, labels, r * heldOut.rows(), heldOut.rows());
        }
        return labels;
    }

    private static List<RocPoint> thin(List<RocPoint> points, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2: " + maxPoints);
        }
        if (points.size() <= maxPoints) {
            return points;
        }
        List<RocPoint> out = new ArrayList<>();
        double step = (points.size() - 1) / (double) (maxPoints - 1);
        for (int k = 0; k < maxPoints; k++) {
            out.add(points.get((int) Math.round(k * step)));
        }
        return out;
    }
}
