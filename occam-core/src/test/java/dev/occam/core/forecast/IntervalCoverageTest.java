package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.runtime.forecast.Forecast;
import dev.occam.runtime.forecast.Forecaster;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The 80% and 95% intervals cover near their nominal rates on series simulated from each method's own model: 1000
 * series of 100 values (seeded), coverage counted at steps 1 and 6 after the last value. The intervals leave out
 * the estimation error of the parameters (except drift's), which at n = 100 costs well under a point; the tolerance,
 * 0.04 at 80% and 0.025 at 95%, is about three binomial standard errors at 1000 series.
 */
class IntervalCoverageTest {

    private static final int SERIES = 1000;
    private static final int N = 100;
    private static final int[] STEPS = {1, 6};

    @Test
    void naive_randomWalks_coverNominally() {
        check(Benchmarks::naive, 1, (rng, y) -> {
            for (int t = 1; t < y.length; t++) {
                y[t] = y[t - 1] + rng.nextGaussian();
            }
        });
    }

    @Test
    void seasonalNaive_seasonalRandomWalks_coverNominally() {
        check(Benchmarks::seasonalNaive, 4, (rng, y) -> {
            for (int t = 0; t < y.length; t++) {
                y[t] = (t < 4 ? 10 * t : y[t - 4]) + rng.nextGaussian();
            }
        });
    }

    @Test
    void drift_randomWalksWithDrift_coverNominally() {
        check(Benchmarks::drift, 1, (rng, y) -> {
            for (int t = 1; t < y.length; t++) {
                y[t] = y[t - 1] + 0.5 + rng.nextGaussian();
            }
        });
    }

    @Test
    void etsANN_localLevelSeries_coverNominally() {
        check(s -> ExponentialSmoothing.fit(s, ExponentialSmoothing.Spec.parse("ANN"),
                ExponentialSmoothing.Criterion.LIKELIHOOD).forecaster(), 1, (rng, y) -> {
                    double level = 50;
                    for (int t = 0; t < y.length; t++) {
                        double e = rng.nextGaussian();
                        y[t] = level + e;
                        level += 0.3 * e;
                    }
                });
    }

    private interface Simulator {
        void fill(Random rng, double[] y);
    }

    private static void check(Function<TimeSeries, Forecaster> method, int period, Simulator simulator) {
        Random rng = new Random(20240611L);
        int maxStep = STEPS[STEPS.length - 1];
        int[][] inside = new int[STEPS.length][2];
        for (int s = 0; s < SERIES; s++) {
            double[] y = new double[N + maxStep];
            simulator.fill(rng, y);
            double[] train = java.util.Arrays.copyOf(y, N);
            Forecast f = method.apply(new TimeSeries(train, period)).forecast(maxStep);
            for (int k = 0; k < STEPS.length; k++) {
                int h = STEPS[k] - 1;
                double actual = y[N + h];
                if (actual >= f.lower80()[h] && actual <= f.upper80()[h]) {
                    inside[k][0]++;
                }
                if (actual >= f.lower95()[h] && actual <= f.upper95()[h]) {
                    inside[k][1]++;
                }
            }
        }
        for (int k = 0; k < STEPS.length; k++) {
            assertEquals(0.80, inside[k][0] / (double) SERIES, 0.04, "80% coverage at step " + STEPS[k]);
            assertEquals(0.95, inside[k][1] / (double) SERIES, 0.025, "95% coverage at step " + STEPS[k]);
        }
    }
}
