package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.forecast.Forecast;
import dev.occam.runtime.forecast.Forecaster;
import dev.occam.runtime.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastLadderTest {

    @Test
    void fit_quarterlySeries_fitsEveryRungAndEachReadsBackFromJson() throws Exception {
        // Quarterly rather than monthly: the same rungs at a fifth of seasonal ARIMA's cost (the monthly choices are
        // ArimaTest's and ExponentialSmoothingTest's oracle cases).
        List<ForecastLadder.Rung> rungs = ForecastLadder.fit(ForecastOracle.training("woolyrnq"));
        assertEquals(List.of(ForecastLadder.Method.values()), rungs.stream().map(ForecastLadder.Rung::method).toList());
        for (ForecastLadder.Rung rung : rungs) {
            assertNull(rung.skipped(), rung.method().id());
            Forecaster f = rung.forecaster();
            Forecast fc = f.forecast(24);
            for (double v : fc.mean()) {
                assertTrue(Double.isFinite(v), rung.method().id());
            }
            Forecaster back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(f), Forecaster.class);
            assertArrayEquals(fc.mean(), back.forecast(24).mean(), 0.0, rung.method().id());
            assertArrayEquals(fc.upper95(), back.forecast(24).upper95(), 0.0, rung.method().id());
        }
        assertEquals("ETS(M,N,A)", rungs.get(3).forecaster().describe());
        assertEquals("ARIMA(1,0,0)(2,1,1)[4] with drift", rungs.get(5).forecaster().describe());
    }

    @Test
    void fit_annualSeries_leavesOutTheSeasonalNaiveMethod() {
        List<ForecastLadder.Rung> rungs = ForecastLadder.fit(ForecastOracle.training("LakeHuron"));
        assertTrue(rungs.stream().noneMatch(r -> r.method() == ForecastLadder.Method.SEASONAL_NAIVE));
    }

    @Test
    void fit_threeValues_saysWhichRungsCouldNotBeFitted() {
        List<ForecastLadder.Rung> rungs = ForecastLadder.fit(new TimeSeries(new double[] {1, 3, 2}, 1));
        assertNotNull(rungs.get(0).forecaster()); // naive
        ForecastLadder.Rung ets = rungs.stream().filter(r -> r.method() == ForecastLadder.Method.ETS).findFirst()
                .orElseThrow();
        assertTrue(ets.skipped().startsWith("ets was not fitted: "), ets.skipped());
    }

    @Test
    void fit_awkwardSeries_fitsOrSaysWhyButNeverBreaks() {
        double[] constant = new double[40];
        java.util.Arrays.fill(constant, 7);
        double[] withZerosAndNegatives = new double[48];
        for (int t = 0; t < 48; t++) {
            withZerosAndNegatives[t] = (t % 4 == 0 ? 0 : 3 * Math.sin(t)) - (t % 7 == 0 ? 5 : 0);
        }
        List<TimeSeries> awkward = List.of(new TimeSeries(constant, 1), new TimeSeries(constant, 4),
                new TimeSeries(new double[] {5, 6, 7, 6, 5}, 12), new TimeSeries(withZerosAndNegatives, 4));
        for (TimeSeries series : awkward) {
            for (ForecastLadder.Rung rung : ForecastLadder.fit(series)) {
                if (rung.forecaster() != null) {
                    for (double v : rung.forecaster().forecast(8).upper95()) {
                        assertTrue(Double.isFinite(v), rung.method().id() + " on " + series);
                    }
                } else {
                    assertTrue(rung.skipped().startsWith(rung.method().id() + " was not fitted: "), rung.skipped());
                }
            }
        }
    }

    @Test
    void rollingOrigin_ets_equalsFittingEachHeadByHand() {
        TimeSeries series = ForecastOracle.training("LakeHuron");
        RollingOrigin.Options options = new RollingOrigin.Options(3, 5, 4);
        List<RollingOrigin.Origin> origins = RollingOrigin.evaluate(series, ForecastLadder.Method.ETS::fit, options);
        assertEquals(3, origins.size());
        for (RollingOrigin.Origin o : origins) {
            TimeSeries head = series.head(o.trainingLength());
            double[] byHand = ExponentialSmoothing.select(head).forecaster().forecast(5).mean();
            assertArrayEquals(byHand, o.forecast(), 0.0);
            assertEquals(ForecastAccuracy.of(head, o.actual(), byHand), o.accuracy());
        }
        assertEquals(series.length() - 5, origins.get(2).trainingLength());
    }
}
