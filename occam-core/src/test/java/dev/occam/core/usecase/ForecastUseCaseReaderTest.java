package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ForecastUseCaseReaderTest {

    private static final String ISSUE = """
            name: wine-sales
            question: How much wine will Australian winemakers sell each month over the next two years?
            task: forecast
            data:
              path: wineind.csv
            target: value
            time: date
            series: store_id
            horizon: 24
            success:
              metric: mase
              at_most: 1.0
            """;

    @Test
    void parse_issueExample_everyKeyRead() throws Exception {
        ForecastUseCase u = ForecastUseCaseReader.parse(ISSUE, Path.of("/tmp/usecase.yaml"));
        assertEquals("wine-sales", u.name());
        assertEquals("value", u.target());
        assertEquals("date", u.time());
        assertEquals("store_id", u.series());
        assertEquals(24, u.horizon());
        assertEquals("mase", u.metric());
        assertEquals(1.0, u.atMost(), 0);
        assertNull(u.frequency());
        assertEquals(Path.of("/tmp/wineind.csv"), u.data().path());
    }

    @Test
    void parse_typoInKey_namesLineAndNearestKey() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> ForecastUseCaseReader.parse(
                ISSUE.replace("horizon: 24", "horizn: 24"), Path.of("usecase.yaml")));
        assertTrue(e.getMessage().contains("line 9") && e.getMessage().contains("did you mean 'horizon'"),
                e.getMessage());
    }

    @Test
    void parse_predictionMetric_refusedWithTheForecastMetrics() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> ForecastUseCaseReader.parse(
                ISSUE.replace("metric: mase", "metric: auc"), Path.of("usecase.yaml")));
        assertTrue(e.getMessage().contains("mase, smape, rmsse, mae"), e.getMessage());
    }

    @Test
    void parse_unknownFrequency_suggestsNearest() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> ForecastUseCaseReader.parse(
                ISSUE + "frequency: montly\n", Path.of("usecase.yaml")));
        assertTrue(e.getMessage().contains("did you mean 'monthly'"), e.getMessage());
    }
}
