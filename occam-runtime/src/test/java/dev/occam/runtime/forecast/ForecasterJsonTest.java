package dev.occam.runtime.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterJsonTest {

    private static final List<Forecaster> EXAMPLES = List.of(
            new NaiveForecaster(10.5, 1.25),
            new SeasonalNaiveForecaster(new double[] {1, 2, 3, 4}, 0.5),
            new DriftForecaster(100, 0.3, 2.0, 0.1),
            new EtsForecaster("M", "A", true, "M", 4, 0.3, 0.01, 0.1, 0.95, 100, 1.5,
                    new double[] {1.1, 0.9, 1.05, 0.95}, 0.002),
            new EtsForecaster("A", "N", false, "A", 4, 0.3, 0, 0.1, 1, 100, 0, new double[] {3, -1, 2, -4}, 4),
            new ThetaForecaster(50, 0.4, 0.2, 60, 3.0, new double[] {1.1, 0.9}),
            new ArimaForecaster("ARIMA(1,1,1) with drift", new double[] {0.5}, new double[] {0.3}, new double[] {1}, 0,
                    0.2, 40, new double[] {1.5, 0.3, 12}, new double[] {1, 0.3, 0, 0.3, 0.09, 0, 0, 0, 0}, 2.0, 3));

    @Test
    void json_everyKind_readsBackEqualWithTheSameForecasts() throws Exception {
        for (Forecaster f : EXAMPLES) {
            String json = Json.MAPPER.writeValueAsString(f);
            Forecaster back = Json.MAPPER.readValue(json, Forecaster.class);
            assertEquals(f, back, json);
            Forecast a = f.forecast(9);
            Forecast b = back.forecast(9);
            assertArrayEquals(a.mean(), b.mean(), 0.0);
            assertArrayEquals(a.upper95(), b.upper95(), 0.0);
            assertTrue(json.contains("\"method\""), json);
        }
    }

    @Test
    void forecast_intervals_areNestedAroundTheMean() {
        for (Forecaster f : EXAMPLES) {
            Forecast fc = f.forecast(12);
            for (int h = 0; h < 12; h++) {
                assertTrue(fc.lower95()[h] <= fc.lower80()[h] && fc.lower80()[h] <= fc.mean()[h]
                        && fc.mean()[h] <= fc.upper80()[h] && fc.upper80()[h] <= fc.upper95()[h], f.describe());
            }
        }
    }

    @Test
    void naive_hand_computed_standardErrorGrowsWithSqrtH() {
        Forecast f = new NaiveForecaster(10, 2).forecast(4);
        assertEquals(10 + Forecast.Z95 * 2 * 2, f.upper95()[3], 1e-12);
    }

    @Test
    void seasonalNaive_repeatsTheLastSeason_andWidensOncePerSeason() {
        Forecast f = new SeasonalNaiveForecaster(new double[] {1, 2, 3}, 1).forecast(5);
        assertArrayEquals(new double[] {1, 2, 3, 1, 2}, f.mean(), 0.0);
        assertEquals(1 + Forecast.Z80, f.upper80()[0], 1e-12);
        assertEquals(1 + Forecast.Z80 * Math.sqrt(2), f.upper80()[3], 1e-12);
    }

    @Test
    void constructors_badValues_nameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NaiveForecaster(1, -1)).getMessage()
                .contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EtsForecaster("A", "N", false, "M", 4, 0.3,
                0, 0.1, 1, 1, 0, new double[] {1, 1, 1, 1}, 1)).getMessage().contains("ETS(A,N,M) is not allowed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NaiveForecaster(1, 1).forecast(0))
                .getMessage().contains("horizon must be >= 1: 0"));
    }
}
