package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FitJob} attaches the interval to the chosen regression model, or says why it cannot. */
class FitJobIntervalTest {

    @TempDir
    Path dir;

    /** Eight rows, 2-fold CV once: eight out-of-fold residuals, one short of a 90% interval (rank ⌈9·0.9⌉ = 9). */
    private FitResult fitEightRows(String interval) throws Exception {
        Files.writeString(dir.resolve("data.csv"), "x,y\n1,2.1\n2,3.9\n3,6.2\n4,8.1\n5,9.8\n6,12.2\n7,13.9\n8,16.1\n");
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n", "name: tiny", "question: How large is y?", "data:",
                "  path: data.csv", "target: y", "task: regression", "success:", "  metric: rmse", "  at_most: 100",
                interval, "selection:", "  candidates: [baseline, linear]", "  folds: 2", "  repeats: 1", ""));
        return new FitJob(UseCaseReader.read(file), dir.resolve("out"), null).run();
    }

    @Test
    void run_tooFewResidualsForTheLevel_noIntervalAndANote() throws Exception {
        FitResult result = fitEightRows("");
        assertNull(result.model().interval());
        assertTrue(result.notes().contains("no prediction interval for " + result.chosenEntry().family()
                + ": a 90% interval needs at least 9 out-of-fold residuals, and there are 8"), result.notes().toString());
        assertFalse(Json.MAPPER.readTree(dir.resolve("out/card.json").toFile()).has("interval"));
    }

    @Test
    void run_levelReachable_intervalFromTheChosenCandidatesResiduals() throws Exception {
        FitResult result = fitEightRows("interval: 0.5");
        PredictionInterval interval = result.model().interval();
        assertEquals(0.5, interval.level());
        assertEquals(8, interval.residuals());
        double[] y = result.target().values();
        double[] residuals = new double[8];
        var heldOut = result.chosenEntry().evaluation().heldOut();
        for (int i = 0; i < 8; i++) {
            residuals[i] = Math.abs(y[i] - heldOut.score(0, i));
        }
        java.util.Arrays.sort(residuals);
        assertEquals(residuals[4], interval.halfWidth(), 0.0, "rank ⌈9·0.5⌉ = 5 of the chosen model's residuals");
        JsonNode card = Json.MAPPER.readTree(dir.resolve("out/card.json").toFile());
        assertEquals(interval.halfWidth(), card.get("interval").get("half_width").doubleValue(), 0.0);
        assertEquals(2, card.get("interval").get("out_of_fold_coverage").get("folds").asInt());
        assertEquals(0.5, card.get("use_case").get("interval").doubleValue());
    }
}
