package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UseCaseReaderTest {

    private static final Path FILE = Path.of("project", "usecase.yaml");

    private static final String MINIMAL = """
            name: demo
            question: Will it rain tomorrow?
            data:
              path: weather.csv
            target: rain
            success:
              metric: auc
              at_least: 0.7
            """;

    private static final String FULL = """
            name: credit-scoring
            question: Will this applicant repay the loan?
            data:
              path: data/credit_data.csv
              exclude: [id, row_number]
            target: Status
            task: classification
            positive: bad
            threshold: 0.30
            success:
              metric: auc
              at_least: 0.80
            current_rule: "CASE WHEN Records = 'yes' OR Debt > Income THEN 1 ELSE 0 END"
            constraints:
              max_latency_us: 1000
              max_parameters: 10000
              interpretable: true
              monotone: {Income: decreasing, Debt: increasing}
            fairness:
              protected: [Age, Marital]
              min_selection_rate_ratio: 0.8
            selection:
              rule: one-se
              alpha: 0.10
              candidates: [baseline, current-rule, logistic, tree]
              folds: 10
              repeats: 3
              seed: -7
            stakeholders: [credit risk team, compliance]
            operation: real-time API behind the loan app, retrained monthly
            """;

    private static UseCase parse(String yaml) throws UseCaseException {
        return UseCaseReader.parse(yaml, FILE);
    }

    /** The message of the failure, checked to be one line that starts with the file's name. */
    private static String error(String yaml) {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(yaml));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), () -> "not one line: " + message);
        assertTrue(message.startsWith("usecase.yaml"), message);
        return message;
    }

    private static String replace(String yaml, String line, String replacement) {
        assertTrue(yaml.contains(line), line);
        return yaml.replace(line, replacement);
    }

    // --- valid files ---------------------------------------------------------------------------------

    @Test
    void parse_everyKey_readsEveryField() throws UseCaseException {
        UseCase u = parse(FULL);
        Path base = FILE.toAbsolutePath().normalize().getParent();
        assertEquals(FILE, u.file());
        assertEquals("credit-scoring", u.name());
        assertEquals("Will this applicant repay the loan?", u.question());
        assertEquals(base.resolve("data/credit_data.csv"), u.data().path());
        assertNull(u.data().sql());
        assertNull(u.data().jdbc());
        assertEquals(List.of("id", "row_number"), u.data().exclude());
        assertEquals(base, u.data().baseDirectory());
        assertFalse(u.data().isQuery());
        assertEquals("Status", u.target());
        assertEquals(Task.CLASSIFICATION, u.task());
        assertEquals("bad", u.positive());
        assertEquals(0.30, u.threshold());
        assertEquals(new Success(Metric.AUC, 0.80, true), u.success());
        assertEquals("CASE WHEN Records = 'yes' OR Debt > Income THEN 1 ELSE 0 END", u.currentRule());
        assertEquals(1000.0, u.constraints().maxLatencyUs());
        assertEquals(10000L, u.constraints().maxParameters());
        assertTrue(u.constraints().interpretable());
        assertEquals(Map.of("Income", Monotone.DECREASING, "Debt", Monotone.INCREASING), u.constraints().monotone());
        assertEquals(List.of("Income", "Debt"), List.copyOf(u.constraints().monotone().keySet()));
        assertEquals(List.of("Age", "Marital"), u.fairness().protectedAttributes());
        assertEquals(0.8, u.fairness().minSelectionRateRatio());
        assertFalse(u.fairness().useProtected());
        assertEquals(SelectionRule.ONE_SE, u.selection().rule());
        assertEquals(0.10, u.selection().alpha());
        assertEquals(List.of("baseline", "current-rule", "logistic", "tree"), u.selection().ids());
        assertEquals(10, u.selection().folds());
        assertEquals(3, u.selection().repeats());
        assertEquals(-7L, u.selection().seed());
        assertEquals(List.of("credit risk team", "compliance"), u.stakeholders());
        assertEquals("real-time API behind the loan app, retrained monthly", u.operation());
        assertEquals(List.of("baseline", "current-rule", "logistic", "tree"), u.candidateFamilies());
    }

    @Test
    void parse_onlyRequiredKeys_appliesDefaults() throws UseCaseException {
        UseCase u = parse(MINIMAL);
        assertNull(u.task());
        assertEquals(Task.CLASSIFICATION, u.impliedTask());
        assertNull(u.positive());
        assertNull(u.threshold());
        assertNull(u.currentRule());
        assertEquals(Constraints.NONE, u.constraints());
        assertNull(u.constraints().maxLatencyUs());
        assertNull(u.constraints().maxParameters());
        assertFalse(u.constraints().interpretable());
        assertTrue(u.constraints().monotone().isEmpty());
        assertEquals(Fairness.NONE, u.fairness());
        assertFalse(u.fairness().useProtected());
        assertEquals(new SelectionSpec(SelectionRule.SIGNIFICANCE, 0.05, List.of(), 5, 2, 42), u.selection());
        assertEquals(List.of(), u.stakeholders());
        assertNull(u.operation());
        assertEquals(List.of(), u.data().exclude());
        assertFalse(u.candidateFamilies().contains("current-rule"));
        // neither current-rule nor formula nor onnx (an existing model's file must be named)
        assertEquals(SelectionSpec.FAMILIES.size() - 3, u.candidateFamilies().size());
    }

    @Test
    void parse_emptySections_appliesDefaults() throws UseCaseException {
        UseCase u = parse(MINIMAL + "constraints:\nfairness: {}\nselection:\n");
        assertEquals(Constraints.NONE, u.constraints());
        assertEquals(Fairness.NONE, u.fairness());
        assertEquals(SelectionSpec.DEFAULTS, u.selection());
    }

    @Test
    void parse_sqlWithJdbc_readsQuery() throws UseCaseException {
        UseCase u = parse(replace(MINIMAL, "  path: weather.csv\n",
                "  sql: SELECT * FROM weather WHERE day > '2020-01-01'\n  jdbc: jdbc:postgresql://127.0.0.1/meteo\n"));
        assertNull(u.data().path());
        assertEquals("SELECT * FROM weather WHERE day > '2020-01-01'", u.data().sql());
        assertEquals("jdbc:postgresql://127.0.0.1/meteo", u.data().jdbc());
        assertTrue(u.data().isQuery());
    }

    @Test
    void parse_regressionMetric_impliesRegression() throws UseCaseException {
        UseCase u = parse(replace(replace(MINIMAL, "metric: auc", "metric: rmse"), "at_least: 0.7", "at_most: 3.5"));
        assertNull(u.task());
        assertEquals(Task.REGRESSION, u.impliedTask());
        assertEquals(new Success(Metric.RMSE, 3.5, false), u.success());
    }

    @Test
    void parse_lossWithAtMost_reads() throws UseCaseException {
        UseCase u = parse(replace(replace(MINIMAL, "metric: auc", "metric: LogLoss"), "at_least: 0.7", "at_most: 0.4"));
        assertEquals(new Success(Metric.LOGLOSS, 0.4, false), u.success());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "positive: 1|1",
        "positive: yes|yes",
        "positive: Yes|Yes",
        "positive: true|true",
        "positive: \"1\"|1",
        "positive: 1.0|1.0",
        "positive: bad|bad"})
    void parse_positiveOfAnyScalarType_keepsTextAsWritten(String line, String expected) throws UseCaseException {
        assertEquals(expected, parse(MINIMAL + line + "\n").positive());
    }

    @Test
    void parse_relativeDataPath_resolvesAgainstUseCaseFolder(@TempDir Path dir) throws UseCaseException {
        UseCase u = UseCaseReader.parse(replace(MINIMAL, "weather.csv", "../shared/weather.csv"),
                dir.resolve("project/usecase.yaml"));
        assertEquals(dir.resolve("shared/weather.csv").toAbsolutePath(), u.data().path());
        assertEquals(dir.resolve("project").toAbsolutePath(), u.data().baseDirectory());
    }

    @Test
    void parse_absoluteDataPath_keepsIt(@TempDir Path dir) throws UseCaseException {
        Path data = dir.resolve("elsewhere/weather.csv").toAbsolutePath();
        UseCase u = parse(replace(MINIMAL, "weather.csv", data.toString()));
        assertEquals(data, u.data().path());
    }

    @Test
    void parse_wholeNumbersInOtherNotations_reads() throws UseCaseException {
        UseCase u = parse(MINIMAL + "constraints:\n  max_parameters: 1e4\n  max_latency_us: 250\n"
                + "selection:\n  folds: 10.0\n  seed: 10_000\n");
        assertEquals(10000L, u.constraints().maxParameters());
        assertEquals(250.0, u.constraints().maxLatencyUs());
        assertEquals(10, u.selection().folds());
        assertEquals(10000L, u.selection().seed());
    }

    @Test
    void parse_caseOfChoices_ignored() throws UseCaseException {
        UseCase u = parse(MINIMAL + "task: Classification\nselection:\n  rule: BEST\n  candidates: [Tree, KNN]\n"
                + "constraints:\n  monotone: {x: Increasing}\n");
        assertEquals(Task.CLASSIFICATION, u.task());
        assertEquals(SelectionRule.BEST, u.selection().rule());
        assertEquals(List.of("tree", "knn"), u.selection().ids());
        assertEquals(Monotone.INCREASING, u.constraints().monotone().get("x"));
    }

    @Test
    void parse_byteOrderMark_ignored() throws UseCaseException {
        assertEquals("demo", parse("\uFEFF" + MINIMAL).name());
    }

    @Test
    void read_file_parsesIt(@TempDir Path dir) throws IOException, UseCaseException {
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, FULL, StandardCharsets.UTF_8);
        UseCase u = UseCaseReader.read(file);
        assertEquals(file, u.file());
        assertEquals(dir.toAbsolutePath().resolve("data/credit_data.csv"), u.data().path());
    }

    // --- missing and required ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: demo\\n|name",
        "question: Will it rain tomorrow?\\n|question",
        "data:\\n  path: weather.csv\\n|data",
        "target: rain\\n|target",
        "success:\\n  metric: auc\\n  at_least: 0.7\\n|success"})
    void parse_requiredKeyMissing_namesIt(String lines, String key) {
        String yaml = replace(MINIMAL, lines.replace("\\n", "\n"), "");
        assertTrue(error(yaml).startsWith("usecase.yaml: missing required key '" + key + "' ("));
    }

    @Test
    void parse_severalRequiredKeysMissing_namesThemAll() {
        assertEquals("usecase.yaml: missing required keys 'target' (the column to predict); 'success' (the metric and "
                + "the bound a model must reach, such as {metric: auc, at_least: 0.8})",
                error("name: demo\nquestion: Will it rain?\ndata:\n  path: weather.csv\n"));
    }

    @Test
    void parse_successWithoutMetric_saysSoAtItsLine() {
        assertEquals("usecase.yaml line 6: success needs metric (one of auc, logloss, accuracy, f1, brier, macro_auc, "
                + "pr_auc, recall_at_precision, rmse, mae, r2, mape)", error(replace(MINIMAL, "  metric: auc\n", "")));
    }

    @Test
    void parse_successWithoutBound_saysWhichBound() {
        assertTrue(error(replace(MINIMAL, "  at_least: 0.7\n", "")).contains("success needs at_least"));
        String loss = replace(replace(MINIMAL, "metric: auc", "metric: brier"), "  at_least: 0.7\n", "");
        assertTrue(error(loss).contains("success needs at_most (the highest acceptable brier"));
    }

    @Test
    void parse_bothBounds_refused() {
        assertEquals("usecase.yaml line 9: success has both at_least and at_most; keep one (at_least: higher auc is "
                + "better)", error(MINIMAL.replace("  at_least: 0.7\n", "  at_least: 0.7\n  at_most: 0.9\n")));
    }

    @Test
    void parse_dataWithoutPathOrSql_refused() {
        assertEquals("usecase.yaml line 3: data needs path (a CSV or Parquet file) or sql (a query)",
                error(replace(MINIMAL, "  path: weather.csv\n", "  exclude: [id]\n")));
        assertEquals("usecase.yaml line 3: data needs path (a CSV or Parquet file) or sql (a query)",
                error(replace(MINIMAL, "  path: weather.csv\n", "")));
    }

    @Test
    void parse_dataWithPathAndSql_refused() {
        assertEquals("usecase.yaml line 5: data has both path and sql; keep one",
                error(replace(MINIMAL, "  path: weather.csv\n", "  path: weather.csv\n  sql: SELECT 1\n")));
    }

    @Test
    void parse_jdbcWithoutSql_refused() {
        assertEquals("usecase.yaml line 5: data.jdbc needs data.sql, the query to run on that database, instead of "
                + "data.path", error(replace(MINIMAL, "  path: weather.csv\n",
                        "  path: weather.csv\n  jdbc: jdbc:postgresql://127.0.0.1/meteo\n")));
    }

    @Test
    void parse_jdbcNotAUrl_refused() {
        assertTrue(error(replace(MINIMAL, "  path: weather.csv\n", "  sql: SELECT 1\n  jdbc: postgresql://db\n"))
                .endsWith("data.jdbc must be a JDBC URL starting with 'jdbc:': 'postgresql://db'"));
    }

    @Test
    void parse_keyWithoutValue_refused() {
        assertEquals("usecase.yaml line 9: threshold has no value; give a number or delete the key",
                error(MINIMAL + "threshold:\n"));
        assertEquals("usecase.yaml line 1: name has no value; give text or delete the key",
                error(replace(MINIMAL, "name: demo", "name:")));
    }

    // --- unknown keys ------------------------------------------------------------------------------------

    @Test
    void parse_unknownTopLevelKey_namesKeyLineAndSuggestion() {
        assertEquals("usecase.yaml line 5: unknown key 'taget' (did you mean 'target'?; known keys: name, question, "
                + "data, target, task, positive, threshold, interval, time, success, current_rule, constraints, fairness, selection, "
                + "stakeholders, operation, formula, start, costs)", error(replace(MINIMAL, "target: rain", "taget: rain")));
    }

    @Test
    void parse_unknownNestedKey_namesSectionAndLine() {
        String yaml = MINIMAL + "selection:\n  rule: best\n  fodls: 10\n";
        assertEquals("usecase.yaml line 11: unknown key 'fodls' in selection (did you mean 'folds'?; known keys: "
                + "rule, alpha, candidates, folds, repeats, seed, split, groups, class_weight)", error(yaml));
    }

    @Test
    void parse_unknownKeyInData_namesLine() {
        assertTrue(error(replace(MINIMAL, "  path: weather.csv", "  paht: weather.csv"))
                .startsWith("usecase.yaml line 4: unknown key 'paht' in data (did you mean 'path'?;"));
    }

    @Test
    void parse_unknownKeyWithOtherSpelling_suggestsKnownKey() {
        assertTrue(error(MINIMAL + "constraints:\n  maxLatencyUs: 5\n")
                .contains("unknown key 'maxLatencyUs' in constraints (did you mean 'max_latency_us'?;"));
        assertTrue(error(replace(MINIMAL, "at_least", "at-least")).contains("(did you mean 'at_least'?;"));
    }

    @Test
    void parse_keyInWrongSection_saysWhereItBelongs() {
        assertTrue(error(MINIMAL + "folds: 10\n")
                .startsWith("usecase.yaml line 9: unknown key 'folds' (it belongs under selection:; known keys:"));
        assertTrue(error(replace(MINIMAL, "target: rain\n", "  target: rain\n"))
                .startsWith("usecase.yaml line 5: unknown key 'target' in data (it belongs at the top level, not "
                        + "indented; known keys: path, sql, jdbc, exclude, drop_leaks)"));
    }

    @Test
    void parse_unknownKeyFarFromAny_listsKnownKeysOnly() {
        assertTrue(error(MINIMAL + "colour: blue\n").startsWith("usecase.yaml line 9: unknown key 'colour' (known "
                + "keys: name,"));
    }

    @Test
    void parse_duplicateKey_namesBothLines() {
        assertEquals("usecase.yaml line 9: duplicate key 'target' (first given on line 5)",
                error(MINIMAL + "target: snow\n"));
    }

    // --- ranges and values -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "threshold: 0|line 9: threshold must be in (0, 1): 0.0",
        "threshold: 1|line 9: threshold must be in (0, 1): 1.0",
        "threshold: -0.2|line 9: threshold must be in (0, 1): -0.2",
        "constraints:\\n  max_latency_us: 0|line 10: constraints.max_latency_us must be > 0: 0.0",
        "constraints:\\n  max_latency_us: -5|line 10: constraints.max_latency_us must be > 0: -5.0",
        "constraints:\\n  max_parameters: 0|line 10: constraints.max_parameters must be >= 1: 0",
        "fairness:\\n  protected: [sex]\\n  min_selection_rate_ratio: 0|line 11: fairness.min_selection_rate_ratio must be in (0, 1]: 0.0",
        "fairness:\\n  protected: [sex]\\n  min_selection_rate_ratio: 1.25|line 11: fairness.min_selection_rate_ratio must be in (0, 1]: 1.25",
        "selection:\\n  alpha: 0|line 10: selection.alpha must be in (0, 0.5]: 0.0",
        "selection:\\n  alpha: 0.6|line 10: selection.alpha must be in (0, 0.5]: 0.6",
        "selection:\\n  folds: 1|line 10: selection.folds must be >= 2: 1",
        "selection:\\n  repeats: 0|line 10: selection.repeats must be >= 1: 0"})
    void parse_valueOutOfRange_namesKeyLineAndValue(String lines, String expected) {
        assertEquals("usecase.yaml " + expected, error(MINIMAL + lines.replace("\\n", "\n") + "\n"));
    }

    @Test
    void parse_alphaAtHalf_accepted() throws UseCaseException {
        assertEquals(0.5, parse(MINIMAL + "selection:\n  alpha: 0.5\n").selection().alpha());
        assertEquals(1.0, parse(MINIMAL + "fairness:\n  protected: [sex]\n  min_selection_rate_ratio: 1\n")
                .fairness().minSelectionRateRatio());
    }

    @Test
    void parse_badName_showsValueAndSuggestion() {
        assertEquals("usecase.yaml line 1: name must be lowercase letters, digits and hyphens ([a-z0-9-]+): "
                + "'Credit Scoring' (try 'credit-scoring')", error(replace(MINIMAL, "name: demo", "name: Credit Scoring")));
        assertTrue(error(replace(MINIMAL, "name: demo", "name: demo_v2")).contains("'demo_v2' (try 'demo-v2')"));
    }

    @Test
    void parse_boundAsPercentage_saysShare() {
        assertEquals("usecase.yaml line 8: success.at_least must be in [0, 1] for auc (a share, not a percentage): 80.0",
                error(replace(MINIMAL, "at_least: 0.7", "at_least: 80")));
    }

    @Test
    void parse_negativeLossBound_refused() {
        assertTrue(error(replace(replace(MINIMAL, "metric: auc", "metric: mae"), "at_least: 0.7", "at_most: -1"))
                .endsWith("line 8: success.at_most must be >= 0 for mae: -1.0"));
    }

    @Test
    void parse_atMostForHigherIsBetter_saysUseAtLeast() {
        assertEquals("usecase.yaml line 8: success.at_most is for losses; higher auc is better, so use at_least",
                error(replace(MINIMAL, "at_least: 0.7", "at_most: 0.7")));
    }

    @Test
    void parse_atLeastForLoss_saysUseAtMost() {
        assertEquals("usecase.yaml line 8: success.at_least is for metrics where higher is better; logloss is a loss, "
                + "so use at_most", error(replace(MINIMAL, "metric: auc", "metric: logloss")));
    }

    @Test
    void parse_unknownMetric_listsMetricsAndSuggests() {
        assertEquals("usecase.yaml line 7: success.metric must be one of auc, logloss, accuracy, f1, brier, macro_auc, "
                + "pr_auc, recall_at_precision, rmse, mae, r2, mape: 'acc' (did you mean 'accuracy'?)", error(replace(MINIMAL, "metric: auc", "metric: acc")));
    }

    @Test
    void parse_metricOfOtherTask_refused() {
        String yaml = replace(replace(MINIMAL, "metric: auc", "metric: rmse"), "at_least: 0.7", "at_most: 2")
                + "task: classification\n";
        assertEquals("usecase.yaml line 7: success.metric rmse is for regression, but task is classification; for "
                + "classification use auc, logloss, accuracy, f1, brier, macro_auc, pr_auc, recall_at_precision",
                error(yaml));
    }

    // --- recall at a precision -------------------------------------------------------------------------

    private static final String RECALL = replace(MINIMAL, "  metric: auc\n  at_least: 0.7\n",
            "  metric: recall_at_precision\n  precision: 0.9\n  at_least: 0.4\n");

    @Test
    void parse_recallAtPrecision_readsThePrecision() throws UseCaseException {
        UseCase u = parse(RECALL);
        assertEquals(dev.occam.core.evaluate.Metric.recallAtPrecision(0.9), u.success().metric());
        assertEquals("recall_at_precision_0.9", u.success().metric().key());
        assertEquals(0.4, u.success().bound());
        assertEquals(dev.occam.runtime.Task.CLASSIFICATION, u.impliedTask());
        // The flow form of the issue, the metric's name in any case.
        String flow = replace(MINIMAL, "success:\n  metric: auc\n  at_least: 0.7\n",
                "success: {metric: Recall_At_Precision, precision: 0.95, at_least: 0.4}\n");
        assertEquals("recall_at_precision_0.95", parse(flow).success().metric().key());
    }

    @Test
    void parse_recallAtPrecisionWithoutPrecision_saysWhatToGive() {
        assertEquals("usecase.yaml line 6: success needs precision (the precision the recall is read at, a share in "
                + "(0, 1) such as 0.9: the largest recall whose precision is at least 0.9)",
                error(replace(RECALL, "  precision: 0.9\n", "")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|success.precision must be in (0, 1) for recall_at_precision: 0.0",
        "1|success.precision must be in (0, 1) for recall_at_precision: 1.0",
        "-0.5|success.precision must be in (0, 1) for recall_at_precision: -0.5",
        "90|success.precision must be in (0, 1) for recall_at_precision (a share, not a percentage): 90.0",
        "high|success.precision must be a number"})
    void parse_precisionOutOfRange_namesLineAndValue(String value, String expected) {
        String message = error(replace(RECALL, "precision: 0.9", "precision: " + value));
        assertTrue(message.startsWith("usecase.yaml line 8: " + expected), message);
    }

    @Test
    void parse_precisionWithAnotherMetric_refused() {
        assertEquals("usecase.yaml line 8: success.precision is the precision recall_at_precision reads the recall at;"
                + " auc takes none (delete it, or use metric: recall_at_precision)",
                error(replace(MINIMAL, "  metric: auc\n", "  metric: auc\n  precision: 0.9\n")));
    }

    @Test
    void parse_recallAtPrecisionForRegression_refusedNamingMetricAndTask() {
        assertEquals("usecase.yaml line 7: success.metric recall_at_precision_0.9 is for classification, but task is"
                + " regression; for regression use rmse, mae, r2, mape", error(RECALL + "task: regression\n"));
    }

    @Test
    void parse_recallAtPrecisionBoundOutsideUnitInterval_refused() {
        assertTrue(error(replace(RECALL, "at_least: 0.4", "at_least: 40"))
                .endsWith("success.at_least must be in [0, 1] for recall_at_precision_0.9 (a share, not a percentage): "
                        + "40.0"));
        assertTrue(error(replace(RECALL, "at_least: 0.4", "at_most: 0.4"))
                .contains("higher recall_at_precision_0.9 is better, so use at_least"));
    }

    @Test
    void parse_unknownTask_refused() {
        assertEquals("usecase.yaml line 9: task must be one of classification, regression: 'regresion' (did you mean "
                + "'regression'?)", error(MINIMAL + "task: regresion\n"));
    }

    @Test
    void parse_thresholdOrPositiveForRegression_refused() {
        String regression = replace(replace(MINIMAL, "metric: auc", "metric: r2"), "at_least: 0.7", "at_least: 0.5");
        assertEquals("usecase.yaml line 9: threshold is a probability cut-off, so it is only for classification, but "
                + "success.metric r2 is for regression", error(regression + "threshold: 0.5\n"));
        assertEquals("usecase.yaml line 10: positive names the class to score, so it is only for classification, but "
                + "task is regression", error(regression + "task: regression\npositive: yes\n"));
    }

    private static final String REGRESSION = replace(replace(MINIMAL, "metric: auc", "metric: rmse"), "at_least: 0.7",
            "at_most: 30000");

    @Test
    void parse_interval_readOrDefault() throws UseCaseException {
        assertNull(parse(REGRESSION).interval());
        assertEquals(0.9, parse(REGRESSION).intervalLevel());
        assertEquals(0.95, parse(REGRESSION + "interval: 0.95\n").intervalLevel());
        assertEquals(0.9, parse(MINIMAL).intervalLevel(), "classification keeps the default, which it never uses");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "interval: 0|line 9: interval must be in (0, 1), a share such as 0.9 for 90%: 0",
        "interval: 1|line 9: interval must be in (0, 1), a share such as 0.9 for 90%: 1",
        "interval: 90|line 9: interval must be in (0, 1), a share such as 0.9 for 90%: 90",
        "interval: -0.5|line 9: interval must be in (0, 1), a share such as 0.9 for 90%: -0.5",
        "interval: ninety|line 9: interval must be a number: 'ninety'",
        "intervall: 0.9|line 9: unknown key 'intervall' (did you mean 'interval'?; known keys: name, question, data, target, task, positive, threshold, interval, time, success, current_rule, constraints, fairness, selection, stakeholders, operation, formula, start, costs)"})
    void parse_badInterval_namesKeyLineAndValue(String line, String expected) {
        assertEquals("usecase.yaml " + expected, error(REGRESSION + line + "\n"));
    }

    @Test
    void parse_intervalForClassification_refused() {
        assertEquals("usecase.yaml line 9: interval is the coverage of a regression model's prediction interval, so it"
                + " is only for regression, but success.metric auc is for classification", error(MINIMAL + "interval: 0.9\n"));
    }

    @Test
    void parse_unknownCandidate_listsFamiliesAtItsLine() {
        String yaml = MINIMAL + "selection:\n  candidates:\n    - baseline\n    - logistics\n";
        assertEquals("usecase.yaml line 12: unknown model family 'logistics' in selection.candidates (did you mean "
                + "'logistic'?; known: baseline, current-rule, rules, logistic, linear, formula, lasso, scorecard, tree, knn, "
                + "naive-bayes, random-forest, boosting, mlp, onnx)", error(yaml));
    }

    @Test
    void parse_currentRuleCandidateWithoutRule_refused() {
        assertEquals("usecase.yaml line 10: selection.candidates lists current-rule, but there is no current_rule",
                error(MINIMAL + "selection:\n  candidates: [baseline, current-rule]\n"));
    }

    @Test
    void parse_emptyOrRepeatedCandidates_refused() {
        assertEquals("usecase.yaml line 10: selection.candidates is empty; delete the key to try every family",
                error(MINIMAL + "selection:\n  candidates: []\n"));
        assertEquals("usecase.yaml line 10: selection.candidates lists 'tree' twice",
                error(MINIMAL + "selection:\n  candidates: [tree, tree]\n"));
    }

    @Test
    void parse_unknownRule_suggests() {
        assertEquals("usecase.yaml line 10: selection.rule must be one of significance, one-se, best: 'one_se' (did "
                + "you mean 'one-se'?)", error(MINIMAL + "selection:\n  rule: one_se\n"));
    }

    @Test
    void parse_monotoneDirectionUnknown_namesColumnLine() {
        assertEquals("usecase.yaml line 12: constraints.monotone.Debt must be increasing or decreasing: 'up'",
                error(MINIMAL + "constraints:\n  monotone:\n    Income: decreasing\n    Debt: up\n"));
    }

    @Test
    void parse_monotoneNotAMapping_refused() {
        assertTrue(error(MINIMAL + "constraints:\n  monotone: [Income]\n")
                .endsWith("line 10: constraints.monotone must be a mapping of column: increasing | decreasing, such as "
                        + "{Income: decreasing}: a list"));
    }

    @Test
    void parse_contradictoryColumnRoles_refused() {
        assertEquals("usecase.yaml line 5: data.exclude lists the target 'rain'; the target is never a feature anyway",
                error(replace(MINIMAL, "  path: weather.csv\n", "  path: weather.csv\n  exclude: [rain]\n")));
        assertEquals("usecase.yaml line 10: fairness.protected lists the target 'rain'",
                error(MINIMAL + "fairness:\n  protected: [rain]\n"));
        assertEquals("usecase.yaml line 10: constraints.monotone names 'sex', which is not a feature: it is protected "
                + "and fairness.use_protected is false",
                error(MINIMAL + "constraints:\n  monotone: {sex: increasing}\nfairness:\n  protected: [sex]\n"));
        assertEquals("usecase.yaml line 10: fairness.use_protected needs fairness.protected, the columns it lets the "
                + "model use", error(MINIMAL + "fairness:\n  use_protected: true\n"));
        assertEquals("usecase.yaml line 10: fairness.min_selection_rate_ratio needs fairness.protected, the columns "
                + "whose groups are compared", error(MINIMAL + "fairness:\n  min_selection_rate_ratio: 0.8\n"));
    }

    @Test
    void parse_emptyText_refused() {
        assertEquals("usecase.yaml line 2: question is empty", error(replace(MINIMAL, "question: Will it rain tomorrow?",
                "question: \"\"")));
        assertEquals("usecase.yaml line 9: current_rule is empty; give a value or delete the key",
                error(MINIMAL + "current_rule: ' '\n"));
    }

    // --- wrong types -------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "selection:\\n  folds: five|line 10: selection.folds must be a whole number: 'five'",
        "selection:\\n  folds: 2.5|line 10: selection.folds must be a whole number: '2.5'",
        "selection:\\n  seed: 99999999999999999999|line 10: selection.seed must be a whole number that fits in 64 bits: '99999999999999999999'",
        "selection:\\n  alpha: \"0.05\"|line 10: selection.alpha must be a number: '0.05' (remove the quotes)",
        "selection:\\n  alpha: [0.05]|line 10: selection.alpha must be a number, not a list",
        "threshold: .inf|line 9: threshold must be a finite number: '.inf'",
        "constraints:\\n  interpretable: maybe|line 10: constraints.interpretable must be true or false: 'maybe'",
        "fairness:\\n  protected: Age, Marital|line 10: fairness.protected must be a list, such as [a, b]: 'Age, Marital' (write it in brackets)",
        "stakeholders: {team: risk}|line 9: stakeholders must be a list, such as [a, b]: a mapping",
        "selection: significance|line 9: selection must be a mapping of keys (rule, alpha, candidates, folds, repeats, seed, split, groups, class_weight) on the lines below it, indented: 'significance'",
        "operation: [batch]|line 9: operation must be text, not a list"})
    void parse_wrongType_saysWhatWasExpected(String lines, String expected) {
        assertEquals("usecase.yaml " + expected, error(MINIMAL + lines.replace("\\n", "\n") + "\n"));
    }

    @Test
    void parse_listItemNotText_namesItsLine() {
        assertEquals("usecase.yaml line 12: fairness.protected items must be text, not a mapping",
                error(MINIMAL + "fairness:\n  protected:\n    - Age\n    - {Marital: x}\n"));
    }

    @Test
    void parse_yamlBooleanWords_readAsBooleans() throws UseCaseException {
        assertTrue(parse(MINIMAL + "constraints:\n  interpretable: yes\n").constraints().interpretable());
        assertFalse(parse(MINIMAL + "constraints:\n  interpretable: off\n").constraints().interpretable());
    }

    // --- the file as a whole -----------------------------------------------------------------------------

    @Test
    void parse_yamlSyntaxError_namesLine() {
        String yaml = "name: demo\ndata:\n  path: a.csv\n   sql: b\n";
        assertEquals("usecase.yaml line 4: YAML syntax error: mapping values are not allowed here (check the "
                + "indentation above, or quote a value that contains ': ')", error(yaml));
    }

    @Test
    void parse_unclosedQuote_namesWhereItStarted() {
        String message = error("name: demo\nquestion: \"Will it rain?\ntarget: rain\n");
        assertTrue(message.startsWith("usecase.yaml line 4: YAML syntax error: found unexpected end of stream (while "
                + "scanning a quoted scalar that starts on line 2)"), message);
    }

    @Test
    void parse_tabIndentation_saysSpaces() {
        assertEquals("usecase.yaml line 3: YAML syntax error: a tab character; YAML indents with spaces only (while "
                + "scanning for the next token)", error("name: demo\ndata:\n\tpath: a.csv\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "# only a comment\n"})
    void parse_emptyFile_saysEmpty(String yaml) {
        assertEquals("usecase.yaml: the file is empty; `occam init` writes a template to start from", error(yaml));
    }

    @Test
    void parse_documentWithoutKeys_saysNoKeys() {
        assertEquals("usecase.yaml: the file has no keys; `occam init` writes a template to start from", error("---\n"));
    }

    @Test
    void parse_topLevelNotAMapping_saysSo() {
        assertEquals("usecase.yaml line 1: expected keys such as 'name: my-project' at the top level, found a list",
                error("- name: demo\n- target: rain\n"));
        assertEquals("usecase.yaml line 1: expected keys such as 'name: my-project' at the top level, found "
                + "'just some text'", error("just some text\n"));
    }

    @Test
    void parse_secondDocument_refused() {
        assertEquals("usecase.yaml line 10: a second YAML document begins here (after '---'); a use case is one "
                + "document", error(MINIMAL + "---\nname: other\n"));
    }

    @Test
    void parse_alias_refused() {
        assertEquals("usecase.yaml line 9: YAML aliases (*t) are not supported; write the value out",
                error(replace(MINIMAL, "target: rain", "target: &t rain") + "operation: *t\n"));
    }

    @Test
    void read_missingFile_saysNoSuchFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void read_folder_saysWhichFileToGive(@TempDir Path dir) {
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": is a folder, not a use-case file"), e.getMessage());
    }

    @Test
    void read_notUtf8_saysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("usecase.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.read(file));
        assertEquals(file + ": not UTF-8 text; save it as UTF-8", e.getMessage());
    }

    @Test
    void parse_errorWithLine_reportsLine() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(MINIMAL + "colour: blue\n"));
        assertEquals(9, e.line());
        UseCaseException noLine = assertThrows(UseCaseException.class, () -> parse(replace(MINIMAL, "target: rain\n", "")));
        assertEquals(0, noLine.line());
    }
}
