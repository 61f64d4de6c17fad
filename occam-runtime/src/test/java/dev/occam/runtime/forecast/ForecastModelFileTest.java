package dev.occam.runtime.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.ModelFileException;
import dev.occam.runtime.Occam;
import dev.occam.runtime.scorer.ConstantScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastModelFileTest {

    @TempDir
    Path dir;

    @Test
    void saveLoad_globalAndStlModels_bitIdenticalForecasts() throws Exception {
        int[] lags = {1, 2, 3, 4};
        double[][] quantiles = {{-0.2, -0.3}, {-0.1, -0.15}, {0.1, 0.15}, {0.2, 0.3}};
        GlobalBoostedModel global = new GlobalBoostedModel(lags, 4, Frequency.QUARTERLY, new ConstantScorer(new dev.occam.runtime.data.Schema(List.of()), 0.05),
                quantiles);
        LocalDateTime last = LocalDateTime.of(2023, 10, 1, 0, 0);
        ForecastModel model = new ForecastModel("q", "y", "quarter", "id", Frequency.QUARTERLY, "global-boosting", 2,
                List.of(new SeriesModel("x", last, null, new double[] {10, 12, 11, 13}, 11.5)), global);
        Path file = dir.resolve("model.json");
        ForecastModelFile.save(model, file, null);
        assertEquals(ForecastModelFile.FORMAT, ModelFile.format(file));
        ForecastModel loaded = Occam.loadForecast(file);
        assertEquals(model.forecast(null, 6), loaded.forecast(null, 6));
        // Level 11.5 (mean of the last 4) + s·0.05 = 11.5 + 0.575; the 80% ends add s·q.
        ForecastRow first = loaded.forecast(null, 1).get(0);
        assertEquals("2024-01-01", first.time());
        assertEquals(11.5 + 11.5 * 0.05, first.forecast(), 1e-12);
        assertEquals(first.forecast() - 11.5 * 0.1, first.lower80(), 1e-12);

        SeasonallyAdjustedForecaster stl = new SeasonallyAdjustedForecaster(new NaiveForecaster(5, 1),
                new double[][] {{1, -1}, {0.5, 0, -0.5}});
        ForecastModel one = new ForecastModel("one", "y", "t", null, Frequency.HOURLY, "stl-ets", 3,
                List.of(new SeriesModel("", LocalDateTime.of(2024, 1, 1, 23, 0), stl, null, 1)), null);
        ForecastModelFile.save(one, file, null);
        List<ForecastRow> rows = Occam.loadForecast(file).forecast(null, 3);
        assertEquals("2024-01-02T00:00:00", rows.get(0).time());
        assertEquals(5 + 1 + 0.5, rows.get(0).forecast(), 0);
        assertEquals(5 - 1 + 0, rows.get(1).forecast(), 0);
        assertEquals(stl.forecast(3), Occam.loadForecast(file).forecastOf("", 3));
    }

    @Test
    void load_changedFile_refusedByChecksum() throws Exception {
        ForecastModel model = new ForecastModel("one", "y", "t", null, Frequency.ANNUAL, "naive", 2,
                List.of(new SeriesModel("", LocalDateTime.of(2020, 1, 1, 0, 0), new NaiveForecaster(3, 1), null, 1)),
                null);
        Path file = dir.resolve("model.json");
        ForecastModelFile.save(model, file, null);
        Files.writeString(file, Files.readString(file).replace("\"horizon\" : 2", "\"horizon\" : 3"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ForecastModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
