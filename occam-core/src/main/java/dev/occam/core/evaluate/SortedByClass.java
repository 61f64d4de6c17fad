package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.RadixSort;

/**
 * Values split by a two-class label (positive: 1) and each part sorted ascending: a numeric column's present values
 * by the target (what the column's AUC alone and its giveaway values both read, sorted once for the two), or
 * scores by their rows' labels (the AUC, the ROC curve). Sorted by {@link RadixSort}: the order of
 * {@link java.util.Arrays#sort(double[])}, a few times quicker on a large table's columns.
 *
 * @param ofPositives the positive rows' values, sorted, in its first {@code positives} places
 * @param ofNegatives the other rows' values, sorted, in its first {@code negatives} places
 */
record SortedByClass(double[] ofPositives, int positives, double[] ofNegatives, int negatives) {

    static SortedByClass of(NumericColumn c, Target target) {
        int n = c.size();
        int present = 0;
        int presentPositives = 0;
        for (int i = 0; i < n; i++) {
            int here = Double.isNaN(c.value(i)) ? 0 : 1;
            present += here;
            presentPositives += target.value(i) == 1.0 ? here : 0;
        }
        // Each part exactly as long as it needs: a large table's every numeric column passes here.
        double[] ofPositives = new double[presentPositives];
        double[] ofNegatives = new double[present - presentPositives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            double v = c.value(i);
            if (!Double.isNaN(v)) {
                if (target.value(i) == 1.0) {
                    ofPositives[p++] = v;
                } else {
                    ofNegatives[q++] = v;
                }
            }
        }
        RadixSort.sort(ofPositives, 0, p);
        RadixSort.sort(ofNegatives, 0, q);
        return new SortedByClass(ofPositives, p, ofNegatives, q);
    }

    /**
     * Every row's score split by its label (positive: 1) and each part sorted ascending, NaN kept (it sorts last).
     */
    static SortedByClass of(double[] scores, double[] labels) {
        int positives = 0;
        for (double y : labels) {
            positives += y == 1.0 ? 1 : 0;
        }
        double[] ofPositives = new double[positives];
        double[] ofNegatives = new double[labels.length - positives];
        for (int i = 0, p = 0, q = 0; i < labels.length; i++) {
            if (labels[i] == 1.0) {
                ofPositives[p++] = scores[i];
            } else {
                ofNegatives[q++] = scores[i];
            }
        }
        RadixSort.sort(ofPositives);
        RadixSort.sort(ofNegatives);
        return new SortedByClass(ofPositives, ofPositives.length, ofNegatives, ofNegatives.length);
    }

    /** The AUC of the values as scores of the positive class; NaN when either class has no present value. */
    double auc() {
        return Metric.aucOfSorted(ofPositives, positives, ofNegatives, negatives);
    }
}
