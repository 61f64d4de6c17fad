package dev.occam.core.calibrate;

import dev.occam.runtime.calibration.IsotonicCalibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits isotonic calibration (Zadrozny & Elkan 2002) by pool-adjacent-violators (Ayer et al. 1955; Barlow et
 * al. 1972): the non-decreasing function of the score closest in squared error to the 0/1 outcomes. Equal
 * scores are pooled first, and so are neighbouring blocks of equal rate, so they always get one probability; each final block gives a breakpoint at its
 * lowest and highest score with its observed positive rate (see {@link IsotonicCalibration}).
 */
public final class IsotonicFit {

    private IsotonicFit() {
    }

    /**
     * @param scores probabilities of the positive class (NaN scores are left out)
     * @param labels 1 for the positive class, 0 otherwise
     * @throws IllegalArgumentException when no score is present or the arrays differ in length
     */
    public static IsotonicCalibration fit(double[] scores, double[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("isotonic calibration needs as many labels as scores, got "
                    + labels.length + " and " + scores.length);
        }
        Integer[] order = IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                .toArray(Integer[]::new);
        if (order.length == 0) {
            throw new IllegalArgumentException("isotonic calibration needs at least one score");
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // Blocks on a stack; each merge pools a block with the one before it while their means decrease.
        List<double[]> blocks = new ArrayList<>(); // {low score, high score, sum of labels, count}
        int k = 0;
        while (k < order.length) {
            double s = scores[order[k]];
            double sum = 0;
            int count = 0;
            while (k < order.length && scores[order[k]] == s) {
                sum += labels[order[k]];
                count++;
                k++;
            }
            double[] block = {s, s, sum, count};
            while (!blocks.isEmpty()) {
                double[] last = blocks.get(blocks.size() - 1);
                // Pool while last mean >= block mean (without dividing): equal means pooled too, one breakpoint pair
                // per level of the fitted step function.
                if (last[2] * block[3] < block[2] * last[3]) {
                    break;
                }
                blocks.remove(blocks.size() - 1);
                block = new double[] {last[0], block[1], last[2] + block[2], last[3] + block[3]};
            }
            blocks.add(block);
        }
        List<double[]> points = new ArrayList<>();
        for (double[] b : blocks) {
            double p = b[2] / b[3];
            points.add(new double[] {b[0], p});
            if (b[1] > b[0]) {
                points.add(new double[] {b[1], p});
            }
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new IsotonicCalibration(x, y);
    }
}
