package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCaseException;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** selection.split: time with a date column: train on the past, validate on the next period. */
class TimeOrderedFitTest {

    @TempDir
    Path dir;

    /**
     * Two years of daily rows, written newest first, where the effect of x weakens over time: time-ordered folds
     * measure the model on later periods only.
     */
    private Path useCase(String split) throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("day,x,z,y\n");
        LocalDate start = LocalDate.of(2023, 1, 1);
        for (int d = 729; d >= 0; d--) {
            double x = r.nextGaussian();
            double effect = 3.0 - 2.5 * d / 729.0;
            double p = 1 / (1 + Math.exp(-effect * x));
            csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%s%n", start.plusDays(d), x, r.nextGaussian(),
                    r.nextDouble() < p ? "yes" : "no"));
        }
        Files.writeString(dir.resolve("daily.csv"), csv.toString());
        Path file = dir.resolve(split + ".yaml");
        Files.writeString(file, "name: daily\nquestion: Will it happen today?\ndata:\n  path: daily.csv\n"
                + "target: y\npositive: yes\ntime: day\nsuccess:\n  metric: auc\n  at_least: 0.6\n"
                + "selection:\n  candidates: [baseline, logistic, tree]\n  folds: 4\n  split: " + split + "\n");
        return file;
    }

    @Test
    void run_timeSplit_foldsInTimeOrder_namedInCardAndLeaderboard() throws Exception {
        FitResult r = new FitJob(UseCaseReader.read(useCase("time")), dir.resolve("out"), null).run();
        assertEquals("logistic", r.chosenEntry().family(), r.verdict().reasons().toString());
        assertEquals(4, r.chosenEntry().evaluation().folds().size());
        assertTrue(r.setAside().containsKey("day"), r.setAside().toString());
        // The later periods have the weaker effect: the per-period AUC falls from first fold to last.
        double[] v = r.chosenEntry().evaluation().values();
        assertTrue(v[0] > v[3], java.util.Arrays.toString(v));
        JsonNode card = Json.MAPPER.readTree(dir.resolve("out").resolve("card.json").toFile());
        assertTrue(card.get("evaluation").get("method").asText().startsWith("4 time-ordered folds on day"),
                card.get("evaluation").toString());
        assertTrue(card.get("selection").get("test").asText().contains("per-period differences"),
                card.get("selection").toString());
        JsonNode board = Json.MAPPER.readTree(dir.resolve("out").resolve("leaderboard.json").toFile());
        assertEquals(1, board.get("repeats").asInt());
    }

    @Test
    void read_timeSplitWithoutTimeColumn_saysWhatIsMissing() throws Exception {
        Path file = useCase("time");
        Files.writeString(file, Files.readString(file).replace("time: day\n", ""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(UseCaseException.class, () -> UseCaseReader.read(file));
        assertTrue(e.getMessage().contains("selection.split: time needs the time column"), e.getMessage());
    }
}
