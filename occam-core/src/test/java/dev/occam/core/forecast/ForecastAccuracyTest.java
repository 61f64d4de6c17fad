package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForecastAccuracyTest {

    static List<String> series() {
        return ForecastOracle.SERIES;
    }

    /** R forecast 8.20's {@code accuracy(f, test)["Test set", "MASE"]}, in oracle_summary.csv, to 1e-6 relative. */
    @ParameterizedTest
    @MethodSource("series")
    void mase_classicSeries_matchesRsAccuracy(String name) {
        ForecastOracle.Summary r = ForecastOracle.summary(name);
        TimeSeries train = ForecastOracle.training(name);
        double[] actual = ForecastOracle.forecasts(name).column("actual");
        List<Object[]> methods = new ArrayList<>();
        methods.add(new Object[] {"naive", Benchmarks.naive(train)});
        methods.add(new Object[] {"ets", ExponentialSmoothing.select(train).forecaster()});
        methods.add(new Object[] {"theta", Theta.fit(train)});
        if (train.period() > 1) {
            methods.add(new Object[] {"snaive", Benchmarks.seasonalNaive(train)});
        }
        for (Object[] m : methods) {
            double expected = r.mase().get((String) m[0]);
            double ours = ForecastAccuracy.of(train, actual, ((Forecaster) m[1]).forecast(r.h()).mean()).mase();
            assertEquals(expected, ours, 1e-6 * expected, name + " " + m[0]);
        }
    }

    @Test
    void of_handComputedExample_givesM4AndM5Values() {
        // training 1, 3, 2, 4 (m = 2): seasonal naive MAE = (|2−1| + |4−3|)/2 = 1; naive MSE = (4 + 1 + 4)/3 = 3
        TimeSeries train = new TimeSeries(new double[] {1, 3, 2, 4}, 2);
        ForecastAccuracy a = ForecastAccuracy.of(train, new double[] {5, 0}, new double[] {3, 0});
        assertEquals(1.0, a.mae(), 1e-15); // (2 + 0)/2
        assertEquals(100 * (2.0 / 8 + 0), a.smape(), 1e-12); // 200/2 · (2/8 + 0/0 counted 0)
        assertEquals(1.0, a.mase(), 1e-15);
        assertEquals(Math.sqrt((4.0 / 2) / 3), a.rmsse(), 1e-15);
    }

    @Test
    void of_lengthsDiffer_namesBothLengths() {
        TimeSeries train = new TimeSeries(new double[] {1, 2, 3}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ForecastAccuracy.of(train, new double[] {1, 2}, new double[] {1})).getMessage()
                .contains("2 and 1"));
    }

    @Test
    void rollingOrigin_expandingWindow_fitsOnlyOnThePastAndStepsBack() {
        double[] y = new double[30];
        for (int i = 0; i < y.length; i++) {
            y[i] = i * i;
        }
        TimeSeries series = new TimeSeries(y, 1);
        RollingOrigin.Options options = new RollingOrigin.Options(4, 3, 2);
        assertArrayEquals(new int[] {21, 23, 25, 27}, RollingOrigin.trainingLengths(30, options));
        List<Integer> seen = new ArrayList<>();
        List<RollingOrigin.Origin> origins = RollingOrigin.evaluate(series, t -> {
            seen.add(t.length());
            return Benchmarks.naive(t);
        }, options);
        assertEquals(List.of(21, 23, 25, 27), seen);
        RollingOrigin.Origin last = origins.get(3);
        assertArrayEquals(new double[] {27 * 27, 28 * 28, 29 * 29}, last.actual());
        assertArrayEquals(new double[] {26 * 26, 26 * 26, 26 * 26}, last.forecast());
        double mae = ((27 * 27 - 26 * 26) + (28 * 28 - 26 * 26) + (29 * 29 - 26 * 26)) / 3.0;
        assertEquals(mae, last.accuracy().mae(), 1e-12);
        // MASE's scale is the naive MAE of the first 27 values: mean of 2i − 1 over i = 1..26 = 26
        assertEquals(mae / 26, last.accuracy().mase(), 1e-12);
    }

    @Test
    void rollingOrigin_seriesTooShort_saysHowManyValuesAreNeeded() {
        TimeSeries series = new TimeSeries(new double[10], 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RollingOrigin.trainingLengths(series.length(), new RollingOrigin.Options(6, 4, 1)));
        assertTrue(e.getMessage().contains("need at least 11 values: the series has 10"), e.getMessage());
    }
}
