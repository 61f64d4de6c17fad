package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.forecast.Forecast;
import dev.occam.runtime.forecast.Forecaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Naive, seasonal naive, drift and Theta against R forecast 8.20's {@code naive}, {@code snaive},
 * {@code rwf(drift = TRUE)} and {@code thetaf} (oracle_intervals.csv, written by intervals.R): means and interval
 * ends within 1e-9 relative (the Theta method's SES fit follows R's optimiser path, so it too matches to rounding).
 */
class BenchmarksAndThetaTest {

    static List<String> series() {
        return ForecastOracle.SERIES;
    }

    @ParameterizedTest
    @MethodSource("series")
    void benchmarksAndTheta_classicSeries_matchRsMeansAndIntervals(String name) throws IOException {
        ForecastOracle.Summary summary = ForecastOracle.summary(name);
        TimeSeries train = ForecastOracle.training(name);
        int h = summary.h();
        check(name, "naive", Benchmarks.naive(train), h);
        check(name, "drift", Benchmarks.drift(train), h);
        check(name, "theta", Theta.fit(train), h);
        if (summary.frequency() >= 1) {
            // uspop's frequency 0.1 makes R's snaive a lag of 0.1: not a seasonal naive method
            check(name, "snaive", Benchmarks.seasonalNaive(train), h);
        }
    }

    private static void check(String series, String method, Forecaster forecaster, int h) throws IOException {
        double[][] r = oracle(series, method);
        assertEquals(h, r[0].length, series + " " + method + ": horizon");
        Forecast f = forecaster.forecast(h);
        double[][] ours = {f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95()};
        String[] names = {"mean", "lo80", "hi80", "lo95", "hi95"};
        for (int c = 0; c < 5; c++) {
            double diff = ForecastOracle.maxRelativeDiff(ours[c], r[c]);
            assertTrue(diff < 1e-9, series + " " + method + " " + names[c] + ": relative difference " + diff);
        }
    }

    /** mean, lo80, hi80, lo95, hi95 over the steps of one series and method. */
    private static double[][] oracle(String series, String method) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = BenchmarksAndThetaTest.class.getResourceAsStream("/forecast/oracle_intervals.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].replace("\"", "").split(",");
                if (cells[0].equals(series) && cells[1].equals(method)) {
                    double[] v = new double[5];
                    for (int c = 0; c < 5; c++) {
                        v[c] = Double.parseDouble(cells[3 + c]);
                    }
                    rows.add(v);
                }
            }
        }
        double[][] out = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                out[c][i] = rows.get(i)[c];
            }
        }
        return out;
    }

    @Test
    void theta_seasonalSeries_detectsTheSeasonAndNotForAnnualOnes() {
        assertEquals(12, Theta.fit(ForecastOracle.training("wineind")).seasonalIndices().length);
        assertEquals(0, Theta.fit(ForecastOracle.training("LakeHuron")).seasonalIndices().length);
    }

    @Test
    void benchmarks_tooShort_sayHowManyValuesTheyNeed() {
        TimeSeries two = new TimeSeries(new double[] {1, 2}, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Benchmarks.drift(two)).getMessage()
                .contains("at least 3 values, got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Benchmarks.seasonalNaive(two)).getMessage()
                .contains("more than one season (4 values), got 2"));
    }
}
