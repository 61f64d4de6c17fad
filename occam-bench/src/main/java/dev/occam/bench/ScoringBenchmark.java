package dev.occam.bench;

import dev.occam.cli.OccamCommand;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Guardrail;
import dev.occam.runtime.Model;
import dev.occam.runtime.Occam;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row scoring latency of every family, as {@code occam serve} and an embedding application see it (JMH
 * SampleTime: every call's time is sampled, so the p50 and p99 are read off the distribution, not a mean).
 *
 * <p>Three measurements per family: {@link #predictRow} ({@link Model#predict(Row)}: encoding against the schema,
 * preparation, scorer, calibration and the call), {@link #scoreEncoded} ({@link Model#score(double[])} on a row
 * encoded once in the setup: preparation, scorer, calibration) and {@link #predictWithReasons} (what one
 * {@code /predict} answer computes besides the JSON: the guardrails, the prediction and the top three reasons, as in
 * {@code OccamServer.score}).
 *
 * <p>The models are fitted in the setup from the credit example ({@code Status}, positive {@code bad}), one use case
 * per family with {@code candidates: [family]}, through the command line's own entry point ({@code occam fit}, in
 * process, 2-fold cross-validation: only the model refitted on all rows is scored here), and kept in the folder
 * given by the system property {@code occam.bench.models} so later runs reuse them. {@code linear} is a regression
 * family: it is fitted on ames ({@code Sale_Price}). The rows scored are the first 256 of the data set, taken in
 * turn, so the branches of trees and rules are not all predicted alike. Data come from {@code occam.bench.credit}
 * and {@code occam.bench.ames} (CSV paths; bench/score-bench.sh sets all three).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {

    /**
     * The families the benchmark fits (every family Occam's ladder has, today's SQL rule aside), and
     * {@code boosting-100x6}: exactly 100 trees of depth 6 (early stopping off), the size issue 12's target names;
     * the {@code boosting} rung chooses its own depth and rounds on the credit data.
     */
    @Param({"baseline", "rules", "logistic", "lasso", "scorecard", "tree", "knn", "naive-bayes", "random-forest",
            "boosting", "boosting-100x6", "mlp", "linear"})
    public String family;

    /** The use case's candidate for a benchmark family. */
    private static String candidate(String family) {
        return family.equals("boosting-100x6")
                ? "{id: boosting-100x6, learner: boosting, options: {rounds: 100, max_depth: 6, early_stopping: 0}}"
                : family;
    }

    /** The rows kept from the data set, in file order. */
    static final int ROWS = 256;

    private Model model;
    private Row[] rows;
    private double[][] encoded;
    private int next;

    @Setup(Level.Trial)
    public void fitOrLoad() throws IOException {
        boolean regression = family.equals("linear");
        Path data = Path.of(property(regression ? "occam.bench.ames" : "occam.bench.credit"));
        Path dir = Path.of(property("occam.bench.models")).resolve(family);
        Path modelFile = dir.resolve("fit/model.json");
        if (!Files.exists(modelFile)) {
            fit(data, regression, dir);
        }
        model = Occam.load(modelFile);
        rows = readRows(data, regression ? "Sale_Price" : "Status", ROWS);
        encoded = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            encoded[i] = model.schema().encode(rows[i]);
        }
    }

    @Benchmark
    public Prediction predictRow() {
        return model.predict(rows[advance()]);
    }

    @Benchmark
    public double scoreEncoded() {
        return model.score(encoded[advance()]);
    }

    /** Guardrails, prediction and the top three reasons, as one row of {@code /predict} computes them. */
    @Benchmark
    public Object predictWithReasons() {
        Row row = rows[advance()];
        List<Guardrail> guardrails = Guardrail.check(model, row);
        Prediction p = model.predict(row);
        Explanation e = model.explain(row);
        return new Object[] {guardrails, p, e.predictionReasons(3)};
    }

    private int advance() {
        int i = next;
        next = i + 1 == rows.length ? 0 : i + 1;
        return i;
    }

    private void fit(Path data, boolean regression, Path dir) throws IOException {
        Files.createDirectories(dir);
        String yaml = "name: bench-" + family + "\n"
                + "question: How fast does one row score?\n"
                + "data:\n  path: " + data.toAbsolutePath() + "\n"
                + (regression
                        ? "target: Sale_Price\ntask: regression\nsuccess:\n  metric: r2\n  at_least: 0.0\n"
                        : "target: Status\ntask: classification\npositive: bad\nsuccess:\n  metric: auc\n  at_least: 0.5\n")
                + "selection:\n  folds: 2\n  repeats: 1\n  seed: 42\n  candidates: [" + candidate(family) + "]\n";
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, yaml, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        int code = OccamCommand.execute(new PrintWriter(out, true), new PrintWriter(out, true), "fit",
                useCase.toString(), "--out", dir.resolve("fit").toString(), "--threads", "1");
        if (!Files.exists(dir.resolve("fit/model.json"))) {
            throw new IllegalStateException("occam fit of " + family + " wrote no model (exit code " + code + "):\n"
                    + out);
        }
    }

    /** The first {@code limit} rows of a CSV without quoted commas: numbers as doubles, NA or empty as missing. */
    static Row[] readRows(Path csv, String target, int limit) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] names = lines.get(0).split(",", -1);
        List<Row> out = new ArrayList<>();
        for (int i = 1; i < lines.size() && out.size() < limit; i++) {
            String[] cells = lines.get(i).split(",", -1);
            Map<String, Object> values = new LinkedHashMap<>();
            for (int j = 0; j < names.length; j++) {
                if (names[j].equals(target)) {
                    continue;
                }
                String c = cells[j];
                values.put(names[j], c.isEmpty() || c.equals("NA") ? null : number(c));
            }
            out.add(Row.of(values));
        }
        return out.toArray(Row[]::new);
    }

    private static Object number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (bench/score-bench.sh sets it)");
        }
        return v;
    }
}
