package dev.occam.core.learn.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final int INPUTS = 3;
    private static final int ROWS = 5;
    private static final double PENALTY = 0.1;

    /**
     * The objective of one mini-batch as {@link Trainer} minimises it: {@code (Σ loss + penalty/2 · Σ w²) / rows}.
     */
    private static double objective(Network net, double[] params, double[] x, double[] y) {
        double sum = 0;
        for (int r = 0; r < ROWS; r++) {
            sum += net.loss(net.forward(params, x, r * INPUTS), y[r]);
        }
        return (sum + PENALTY / 2 * net.squaredWeights(params)) / ROWS;
    }

    private static double[] backprop(Network net, double[] params, double[] x, double[] y) {
        double[] g = new double[params.length];
        for (int r = 0; r < ROWS; r++) {
            net.accumulate(params, x, r * INPUTS, y[r], g);
        }
        net.addPenaltyGradient(params, PENALTY, g);
        for (int k = 0; k < g.length; k++) {
            g[k] /= ROWS;
        }
        return g;
    }

    /**
     * Largest relative difference between backpropagation and central differences ({@code h = 1e-6}, error
     * O(h²) plus rounding of order 1e-10), over every weight and bias.
     */
    private static double worstRelativeError(List<Integer> hidden, boolean logistic, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Network net = new Network(INPUTS, hidden, logistic);
        double[] params = new double[net.parameterCount()];
        for (int k = 0; k < params.length; k++) {
            params[k] = r.nextDouble(-1, 1); // biases too, so that their gradients are not trivially placed
        }
        double[] x = new double[ROWS * INPUTS];
        double[] y = new double[ROWS];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-2, 2);
        }
        for (int i = 0; i < ROWS; i++) {
            y[i] = logistic ? r.nextInt(2) : r.nextDouble(-1, 1);
        }
        double[] analytic = backprop(net, params, x, y);
        double worst = 0;
        double h = 1e-6;
        for (int k = 0; k < params.length; k++) {
            double saved = params[k];
            params[k] = saved + h;
            double up = objective(net, params, x, y);
            params[k] = saved - h;
            double down = objective(net, params, x, y);
            params[k] = saved;
            double numeric = (up - down) / (2 * h);
            double scale = Math.max(Math.abs(numeric) + Math.abs(analytic[k]), 1e-8);
            worst = Math.max(worst, Math.abs(numeric - analytic[k]) / scale);
        }
        return worst;
    }

    @Test
    void gradient_twoHiddenLayersCrossEntropy_matchesFiniteDifferences() {
        double e = worstRelativeError(List.of(4, 3), true, 1);
        assertTrue(e < 1e-6, "relative error " + e);
    }

    @Test
    void gradient_oneHiddenLayerCrossEntropy_matchesFiniteDifferences() {
        double e = worstRelativeError(List.of(5), true, 2);
        assertTrue(e < 1e-6, "relative error " + e);
    }

    @Test
    void gradient_twoHiddenLayersSquaredError_matchesFiniteDifferences() {
        double e = worstRelativeError(List.of(4, 3), false, 3);
        assertTrue(e < 1e-6, "relative error " + e);
    }

    @Test
    void parameterCount_twoHiddenLayers_weightsPlusBiases() {
        // 3·4 + 4 + 4·3 + 3 + 3·1 + 1
        assertEquals(35, new Network(3, List.of(4, 3), true).parameterCount());
    }

    @Test
    void loss_extremeLogits_finite() {
        Network net = new Network(1, List.of(1), true);
        assertEquals(0.0, net.loss(800, 1), 1e-300);
        assertEquals(800.0, net.loss(-800, 1), 1e-9);
        assertEquals(800.0, net.loss(800, 0), 1e-9);
        assertEquals(Math.log(2), net.loss(0, 1), 1e-15);
    }

    @Test
    void split_classification_stratifiedAndDeterministic() {
        int n = 1000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4 == 0 ? 1 : 0; // 250 positives, 750 negatives
        }
        Trainer.Split a = Trainer.split(y, n, true, 0.1, new SplittableRandom(5));
        Trainer.Split b = Trainer.split(y, n, true, 0.1, new SplittableRandom(5));
        assertEquals(100, a.validation().length);
        int positives = 0;
        for (int i : a.validation()) {
            positives += (int) y[i];
        }
        assertEquals(25, positives);
        assertEquals(900, a.training().length);
        assertEquals(java.util.Arrays.toString(a.validation()), java.util.Arrays.toString(b.validation()));
    }

    @Test
    void split_tooFewOfAClass_everyRowTrains() {
        double[] y = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Trainer.Split s = Trainer.split(y, y.length, true, 0.1, new SplittableRandom(1));
        assertEquals(0, s.validation().length);
        assertEquals(y.length, s.training().length);
    }
}
