package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression fit end to end: {@code occam fit} prints the prediction interval and writes it to the card and the
 * report, {@code occam predict} writes {@code lower_90} and {@code upper_90} beside the prediction and reasons,
 * {@code occam explain MODEL} states it. Data: y = 3 x1 − 2 x2 + 5 [group = b] + N(0, 1), so the linear model is
 * right and its 90% interval should be near ± 1.645.
 */
class RegressionIntervalTest {

    @TempDir
    static Path dir;

    private static CliRun fit;
    private static Path out;
    private static Path data;

    private static String dataset(int n, long seed, boolean withTarget) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(withTarget ? "x1,x2,group,y\n" : "x1,x2,group\n");
        for (int i = 0; i < n; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            boolean b = r.nextBoolean();
            double y = 3 * x1 - 2 * x2 + (b ? 5 : 0) + r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%s", x1, x2, b ? "b" : "a"));
            sb.append(withTarget ? String.format(Locale.ROOT, ",%.5f%n", y) : "\n");
        }
        return sb.toString();
    }

    private static Path useCase(String name, String extra) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n", "name: " + name, "question: How large is y?", "data:",
                "  path: data.csv", "target: y", "success:", "  metric: rmse", "  at_most: 2",
                "selection:", "  candidates: [baseline, linear]", extra, ""));
        return file;
    }

    @BeforeAll
    static void fitRegression() throws Exception {
        Files.writeString(dir.resolve("data.csv"), dataset(400, 5, true));
        data = dir.resolve("new.csv");
        Files.writeString(data, dataset(50, 6, false));
        out = dir.resolve("out");
        fit = CliRun.of("fit", useCase("synthetic-price", "").toString(), "--out", out.toString());
    }

    @Test
    void fit_regression_printsIntervalLineWithOutOfFoldCoverage() {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err() + fit.out());
        Matcher m = Pattern.compile("(?m)^90% prediction interval: ± (\\d\\.\\d+) \\(CV residual method: the ⌈\\(N\\+1\\)"
                + "·0\\.9⌉-th smallest of N = 800 absolute out-of-fold residuals, 5x2 CV; out-of-fold coverage"
                + " (\\d+\\.\\d)%, folds \\d+\\.\\d–\\d+\\.\\d%\\)$").matcher(fit.out());
        assertTrue(m.find(), fit.out());
        // The noise is N(0, 1): its 90% two-sided quantile is 1.645; 800 residuals pin it within about 0.15.
        assertEquals(1.645, Double.parseDouble(m.group(1)), 0.2, fit.out());
        assertEquals(90, Double.parseDouble(m.group(2)), 4, fit.out());
    }

    @Test
    void fit_regression_cardAndReportHoldTheInterval() throws Exception {
        JsonNode interval = Json.MAPPER.readTree(out.resolve("card.json").toFile()).get("interval");
        assertEquals(0.9, interval.get("level").doubleValue());
        assertEquals("cv-absolute-residual", interval.get("method").asText());
        assertEquals(10, interval.get("out_of_fold_coverage").get("folds").asInt());
        assertTrue(interval.get("guarantee").asText().startsWith("none in finite samples"));
        JsonNode model = Json.MAPPER.readTree(out.resolve("model.json").toFile());
        assertEquals(interval.get("half_width"), model.get("interval").get("half_width"));
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h3>90% prediction interval</h3><p>prediction ± <b>"), "report lacks the interval");
        assertTrue(report.contains("out-of-fold coverage <b>"));
    }

    @Test
    void predict_regressionWithInterval_writesLowerAndUpperAroundThePrediction() {
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(), data.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("prediction,lower_90,upper_90,reasons", lines[0]);
        assertEquals(51, lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", 4);
            double prediction = Double.parseDouble(f[0]);
            double lower = Double.parseDouble(f[1]);
            double upper = Double.parseDouble(f[2]);
            assertTrue(lower <= prediction && prediction <= upper, lines[i]);
            assertEquals(upper - prediction, prediction - lower, 1e-9, lines[i]);
            // Regression reasons: the strongest either way, each saying which.
            assertTrue(f[3].contains("the predicted y"), lines[i]);
            assertTrue(f[3].matches(".*(raises|lowers) the predicted y.*"), lines[i]);
        }
    }

    @Test
    void explain_modelWithInterval_statesIt() {
        CliRun run = CliRun.of("explain", out.resolve("model.json").toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("90% prediction interval: prediction ± 1."), run.out());
        assertTrue(run.out().contains("no finite-sample guarantee"), run.out());
    }

    @Test
    void fitAndPredict_intervalEighty_columnsNamedFromTheLevel() throws Exception {
        Path other = dir.resolve("out80");
        CliRun run = CliRun.of("fit", useCase("synthetic-price-80", "interval: 0.8").toString(), "--out",
                other.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("\n80% prediction interval: ± "), run.out());
        CliRun predict = CliRun.of("predict", other.resolve("model.json").toString(), data.toString());
        assertTrue(predict.out().startsWith("prediction,lower_80,upper_80,reasons\n"), predict.out());
        assertFalse(predict.out().contains("lower_90"));
    }
}
