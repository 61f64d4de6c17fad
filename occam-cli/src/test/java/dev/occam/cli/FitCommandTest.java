package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code occam fit} and {@code occam predict} end to end on the shipped credit example. */
class FitCommandTest {

    private static final Path CREDIT = Path.of("..", "examples", "credit");

    @TempDir
    static Path dir;

    private static CliRun fit;
    private static Path out;

    /** One fit, shared by the tests that read its output. */
    @BeforeAll
    static void fitCreditExample() {
        out = dir.resolve("credit-out");
        fit = CliRun.of("fit", CREDIT.resolve("usecase.yaml").toString(), "--out", out.toString());
    }

    /**
     * The README's Java snippet, compiled as printed and run in a folder where {@code out/credit-scoring} is this
     * fit's output: it loads the model, scores its applicant strictly (every key a feature, every feature a key) and
     * prints the decision, the probability and three reasons. ReadmeSnippetTest (occam-runtime) only compiles it.
     */
    @Test
    void readmeJavaSnippet_runsOnTheCreditExamplesModel() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("(?s)```java\n(.*?)```").matcher(readme);
        assertTrue(block.find(), "README.md has no ```java block");
        Path work = dir.resolve("snippet");
        Files.createDirectories(work.resolve("out"));
        Files.createSymbolicLink(work.resolve("out").resolve("credit-scoring"), out.toAbsolutePath());
        Path source = work.resolve("ScoreApplicant.java");
        Files.writeString(source, block.group(1));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertTrue(javac.run(null, null, null, "-d", work.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString()) == 0, "the snippet does not compile");

        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(launcher, "-cp", work.toAbsolutePath() + java.io.File.pathSeparator
                + System.getProperty("java.class.path"), "ScoreApplicant").directory(work.toFile())
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), printed);
        assertTrue(printed.matches("(good|bad) 0\\.\\d+(E-\\d+)? \\[.+\\]\\s*"), printed);
    }

    @Test
    void fit_creditExample_printsLeaderboardWithLogisticNearSklearn() {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err());
        assertTrue(fit.out().startsWith("credit-scoring: 4,454 rows, 11 features, target Status = bad (28.2%)"), fit.out());
        double logistic = auc("logistic");
        double baseline = auc("baseline");
        // scikit-learn 1.2.1 gets 0.831 on the same data (issue 2); an unpenalised glm should be within 0.01.
        assertTrue(Math.abs(logistic - 0.831) < 0.01, "logistic AUC " + logistic);
        assertEquals(0.5, baseline, 1e-9);
        assertTrue(fit.out().contains("tree"), fit.out());
        Matcher chosen = Pattern.compile("(?m)^chosen: (\\S+)$").matcher(fit.out());
        assertTrue(chosen.find(), fit.out());
        assertTrue(fit.out().contains("success: The use case is met: " + chosen.group(1) + " reaches AUC 0.8"),
                fit.out());
        // Today's rule competes on rung 0 and loses: the model must beat what the business already does.
        assertTrue(auc("current-rule") < logistic, fit.out());
        // The chosen model's five most important features follow the verdict, before the success line.
        Matcher importance = Pattern.compile("(?m)^importance: drop in AUC when a feature is shuffled .*\n"
                + "((?:  \\S+\\s+-?\\d\\.\\d{4} ± \\d\\.\\d{4}\\n){5})success: ").matcher(fit.out());
        assertTrue(importance.find(), fit.out());
    }

    private double auc(String family) {
        Matcher m = Pattern.compile("(?m)^\\d\\s+" + family + "\\s+(\\d\\.\\d{3}) ± ").matcher(fit.out());
        assertTrue(m.find(), family + " line missing:\n" + fit.out());
        return Double.parseDouble(m.group(1));
    }

    /** The significance rule: every eligible simpler candidate is significantly worse than the best. */
    @Test
    void fit_creditExample_choiceIsTheSimplestNotSignificantlyWorse() throws Exception {
        JsonNode board = Json.MAPPER.readTree(out.resolve("leaderboard.json").toFile());
        double alpha = board.get("alpha").asDouble();
        JsonNode chosen = null;
        for (JsonNode c : board.get("candidates")) {
            if (c.get("chosen").asBoolean()) {
                chosen = c;
            }
        }
        assertTrue(chosen != null);
        assertTrue(chosen.get("p_value_vs_best").isNull() || chosen.get("p_value_vs_best").asDouble() >= alpha);
        for (JsonNode c : board.get("candidates")) {
            boolean simpler = c.get("rung").asInt() < chosen.get("rung").asInt()
                    || (c.get("rung").asInt() == chosen.get("rung").asInt()
                            && c.get("parameters").asLong() < chosen.get("parameters").asLong());
            if (simpler && c.get("eligible").asBoolean()) {
                assertTrue(c.get("p_value_vs_best").asDouble() < alpha, c.get("model") + " is simpler and not worse");
            }
        }
    }

    @Test
    void fit_creditExample_writesLeaderboardModelAndCard() throws Exception {
        JsonNode board = Json.MAPPER.readTree(out.resolve("leaderboard.json").toFile());
        assertEquals("auc", board.get("metric").asText());
        int chosen = 0;
        for (JsonNode c : board.get("candidates")) {
            assertEquals(10, c.get("folds").size(), "5 folds x 2 repeats for " + c.get("model"));
            for (String field : new String[] {"rung", "model", "mean", "std", "parameters", "fit_ms", "p50_us", "p99_us",
                "interpretable", "eligible", "p_value_vs_best", "chosen"}) {
                assertTrue(c.has(field), field + " missing in " + c);
            }
            chosen += c.get("chosen").asBoolean() ? 1 : 0;
        }
        assertEquals(1, chosen);
        JsonNode model = Json.MAPPER.readTree(out.resolve("model.json").toFile());
        assertEquals("occam-model/1", model.get("format").asText());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertTrue(card.get("data").get("fingerprint").asText().startsWith("sha256:"));
        assertTrue(card.get("success").get("met").asBoolean());
        assertEquals(4454, card.get("data").get("rows").asInt());
        // 13 columns besides the target, less the protected Age and Marital, which the example keeps out.
        assertEquals(11, card.get("explanation").get("permutation_importance").get("ranking").size());
    }

    @Test
    void fit_creditExample_printsFairnessAuditOfChosenModelAndProxies() {
        Matcher chosen = Pattern.compile("(?m)^chosen: (\\S+)$").matcher(fit.out());
        assertTrue(chosen.find(), fit.out());
        assertTrue(fit.out().contains("fairness of " + chosen.group(1) + " on held-out predictions: favourable decision"
                + " = called good; threshold 0."), fit.out());
        // Age is numeric, so it is compared in quartile bands named by their observed ages.
        assertTrue(Pattern.compile("(?m)^  Age \\(quartile bands\\): selection-rate ratio \\d\\.\\d\\d \\[95% CI "
                + "\\d\\.\\d\\d–\\d\\.\\d\\d\\].*equal-opportunity difference \\d\\.\\d\\d \\[95% CI").matcher(fit.out()).find(),
                fit.out());
        assertTrue(Pattern.compile("(?m)^    18–\\d\\d\\s+[\\d,]+ ").matcher(fit.out()).find(), fit.out());
        assertTrue(Pattern.compile("(?m)^  Marital: selection-rate ratio ").matcher(fit.out()).find(), fit.out());
        assertTrue(Pattern.compile("(?m)^    married\\s+3,241 ").matcher(fit.out()).find(), fit.out());
        assertTrue(fit.out().contains("(small: not compared)"), "the one row with Marital missing: " + fit.out());
        assertTrue(Pattern.compile("(?m)^proxies \\(").matcher(fit.out()).find(), fit.out());
        assertTrue(Pattern.compile("(?m)^  Marital: \\S+ AUC 0\\.\\d\\d .*\\[STRONG PROXY\\]").matcher(fit.out()).find(),
                fit.out());
        assertTrue(Pattern.compile("(?m)^  Age: \\S+ R² 0\\.\\d\\d").matcher(fit.out()).find(), fit.out());
    }

    @Test
    void fit_creditExample_cardHasFairnessSection() throws Exception {
        JsonNode fairness = Json.MAPPER.readTree(out.resolve("card.json").toFile()).get("fairness");
        assertTrue(fairness != null, "no fairness section");
        JsonNode chosen = fairness.get("chosen");
        assertEquals("called good", chosen.get("favourable_decision").asText());
        assertTrue(chosen.get("threshold").asDouble() > 0 && chosen.get("threshold").asDouble() < 1, chosen.toString());
        assertEquals(2, chosen.get("attributes").size());
        for (JsonNode a : chosen.get("attributes")) {
            double ratio = a.get("selection_rate_ratio").asDouble();
            assertTrue(a.get("ratio_low").asDouble() <= ratio && ratio <= a.get("ratio_high").asDouble(), a.toString());
            assertTrue(a.get("equal_opportunity_difference").isNumber(), a.toString());
            assertTrue(a.get("groups").size() >= 4, a.toString());
            assertTrue(a.get("groups").get(0).has("favourable_rate") && a.get("groups").get(0).has("calibration"));
            assertTrue(a.get("verdict").asText().startsWith("no bound set"), a.toString());
        }
        assertEquals(List.of("Age", "Marital"), List.of(chosen.get("attributes").get(0).get("attribute").asText(),
                chosen.get("attributes").get(1).get("attribute").asText()));
        assertEquals(2, fairness.get("proxies").size());
        assertTrue(fairness.get("candidates").size() >= 2, fairness.get("candidates").toString());
    }

    @Test
    void fit_fourFifthsBound_unfairCandidateIneligibleWithReason() throws Exception {
        Path useCase = dir.resolve("fair.yaml");
        Files.writeString(useCase, Files.readString(CREDIT.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + CREDIT.resolve("credit_data.csv").toAbsolutePath())
                .replace("# min_selection_rate_ratio: 0.8", "min_selection_rate_ratio: 0.8")
                .replace("use_protected: false", "use_protected: true")
                .replace("seed: 42", "seed: 42\n  candidates: [baseline, logistic]"));
        CliRun run = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("fair").toString());
        // With Marital as a feature, logistic refuses separated applicants far more often than married ones: below
        // four-fifths, not eligible.
        assertTrue(Pattern.compile("(?m)^not eligible: logistic -- selection-rate ratio by Marital 0\\.\\d\\d < 0\\.80"
                + " required \\(Marital \\S+ vs \\S+; threshold 0\\.\\d\\d\\)").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("chosen: baseline"), run.out());
        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err() + run.out());
    }

    @Test
    void predict_creditRows_writesOneLinePerRowMatchingTheModel() throws Exception {
        Path predictions = dir.resolve("predictions.csv");
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--out", predictions.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        var lines = Files.readAllLines(predictions);
        assertEquals("prediction,probability,reasons", lines.get(0));
        assertEquals(4454, lines.size() - 1);
        assertTrue(run.err().contains("wrote 4,454 predictions"), run.err());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double p = Double.parseDouble(f[1]);
            assertTrue(p >= 0 && p <= 1, line);
            assertTrue(f[0].equals("bad") || f[0].equals("good"), line);
        }
    }

    /** --threshold replaces the model's own: at 0.01 almost every applicant is called bad, at 0.99 almost none. */
    @Test
    void predict_threshold_overridesTheModelsOwn() {
        long low = countBad(CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--threshold", "0.01"));
        long own = countBad(CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString()));
        long high = countBad(CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--threshold", "0.99"));
        assertTrue(low > own && own > high, low + " > " + own + " > " + high);
        assertTrue(low > 4000 && high < 100, low + ", " + high);
        CliRun bad = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--threshold", "1.5");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--threshold must be a probability in (0, 1): 1.5"), bad.err());
    }

    private static long countBad(CliRun run) {
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        return run.out().lines().skip(1).filter(l -> l.startsWith("bad,")).count();
    }

    @Test
    void predict_creditRows_reasonsColumnHoldsUpToThreeReasons() throws Exception {
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        int withReasons = 0;
        for (int i = 1; i < lines.length; i++) {
            int third = lines[i].indexOf(',', lines[i].indexOf(',') + 1);
            String reasons = lines[i].substring(third + 1);
            if (reasons.startsWith("\"")) {
                assertTrue(reasons.endsWith("\""), lines[i]);
                reasons = reasons.substring(1, reasons.length() - 1).replace("\"\"", "\"");
            }
            if (!reasons.isEmpty()) {
                withReasons++;
                assertTrue(reasons.split("; ").length <= 3, lines[i]);
                assertTrue(reasons.contains("bad"), lines[i]);
            }
        }
        assertTrue(withReasons > 4000, "rows with reasons: " + withReasons);
    }

    @Test
    void explain_creditRow_printsContributionsThatAddUpAndReasons() {
        CliRun run = CliRun.of("explain", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--row", "17");
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        String text = run.out();
        assertTrue(text.startsWith("row 17 of credit_data.csv\nscore: "), text);
        assertTrue(text.contains("(probability that Status = bad)"), text);
        for (String feature : new String[] {"Seniority", "Home", "Income", "Debt", "Amount"}) {
            assertTrue(Pattern.compile("(?m)^" + feature + "\\s").matcher(text).find(), feature + " missing:\n" + text);
        }
        Matcher sum = Pattern.compile("(?m)^sum: baseline (\\S+) \\+ contributions (\\S+) = (\\S+); score on the (.+) scale (\\S+)$")
                .matcher(text);
        assertTrue(sum.find(), text);
        assertEquals(Double.parseDouble(sum.group(5)), Double.parseDouble(sum.group(3)), 1e-6, text);
        assertTrue(text.contains("reasons towards bad:"), text);
        assertTrue(text.contains("reasons away from bad:"), text);
    }

    @Test
    void explain_modelWithoutData_printsTheReadableModel() {
        CliRun run = CliRun.of("explain", out.resolve("model.json").toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains(" model of Status"), run.out());
        assertTrue(run.out().contains("parameters: "), run.out());
    }

    @Test
    void explain_rowOutsideTheData_oneLineError() {
        for (String row : new String[] {"0", "4455"}) {
            CliRun run = CliRun.of("explain", out.resolve("model.json").toString(),
                    CREDIT.resolve("credit_data.csv").toString(), "--row", row);
            assertEquals(OccamCommand.USER_ERROR, run.exitCode());
            assertTrue(run.isOneLineError(), run.err());
            assertTrue(run.err().contains("4,454 data rows") && run.err().contains("no row " + row), run.err());
        }
        CliRun noData = CliRun.of("explain", out.resolve("model.json").toString(), "--row", "3");
        assertEquals(OccamCommand.USER_ERROR, noData.exitCode());
        assertTrue(noData.isOneLineError() && noData.err().contains("needs a DATA file"), noData.err());
    }

    @Test
    void predict_existingOutWithoutForce_refusedAndKept() throws Exception {
        Path existing = dir.resolve("keep.csv");
        Files.writeString(existing, "precious");
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--out", existing.toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("--force"), run.err());
        assertEquals("precious", Files.readString(existing));
    }

    @Test
    void fit_twice_sameLeaderboardApartFromTimes() throws Exception {
        // Without the example's latency bound: a measured time may decide eligibility differently on a busy
        // machine (that is the bound's job); everything else must come out the same.
        Path useCase = dir.resolve("twice.yaml");
        Files.writeString(useCase, Files.readString(CREDIT.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + CREDIT.resolve("credit_data.csv").toAbsolutePath())
                .replace("max_latency_us: 1000", "max_latency_us: 1000000")
                .replace("seed: 42", "seed: 42\n  candidates: [baseline, logistic, tree, naive-bayes, boosting]"));
        CliRun first = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("once").toString());
        assertEquals(OccamCommand.OK, first.exitCode(), first.err());
        CliRun second = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("again").toString());
        assertEquals(OccamCommand.OK, second.exitCode(), second.err());
        assertEquals(withoutTimes(dir.resolve("once").resolve("leaderboard.json")),
                withoutTimes(dir.resolve("again").resolve("leaderboard.json")));
    }

    @Test
    void fit_barOutOfReach_exitThreeWithPlainSentence() throws Exception {
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(CREDIT.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + CREDIT.resolve("credit_data.csv").toAbsolutePath())
                .replace("at_least: 0.80", "at_least: 0.95")
                .replace("seed: 42", "seed: 42\n  candidates: [baseline, logistic]"));
        CliRun run = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("unmet").toString());
        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("NOT MET: The use case is not met: the chosen model, logistic, reaches AUC 0.8")
                && run.out().contains("requires at least 0.95"), run.out());
    }

    private static String withoutTimes(Path leaderboard) throws Exception {
        JsonNode board = Json.MAPPER.readTree(leaderboard.toFile());
        for (JsonNode c : board.get("candidates")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove(java.util.List.of("fit_ms", "p50_us", "p99_us",
                    "why_not_eligible_timing"));
        }
        return board.toString();
    }
}
