package dev.occam.spark;

import dev.occam.core.calibrate.CalibrationChoice;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CvResidualInterval;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.Latency;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.jobs.FairnessFindings;
import dev.occam.core.jobs.FitEngine;
import dev.occam.core.jobs.FitJob;
import dev.occam.core.jobs.FitWriter;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.select.Constraints;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.select.Selection;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code occam fit --engine spark}: the use case played on Apache Spark. Spark reads the data
 * ({@link SparkTable}), the rungs MLlib has are cross-validated on the local engine's folds ({@link SparkLadder}),
 * today's rule is evaluated by Spark SQL, and the rest is the local engine's own code on the driver: the fairness
 * audit of the held-out decisions, the constraints, the corrected comparison and the verdict
 * ({@link Selection}), the calibration check and the prediction interval of the chosen model, and the files
 * ({@link FitWriter}). The chosen model comes home as an ordinary {@code model.json}.
 */
public final class SparkFitEngine implements FitEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public FitResult fit(UseCase useCase, Path outputDirectory, Settings settings, FitJob.Progress progress)
            throws DataException, IOException {
        Ladder.check(useCase.selection().candidates());
        SparkSession spark = Sessions.open(settings.master());
        try {
            return fit(spark, useCase, outputDirectory, progress);
        } finally {
            spark.stop();
        }
    }

    private final SparkFamily.Settings settings;

    /** The engine with MLlib's settings of docs/spark.md ({@code ServiceLoader} calls this). */
    public SparkFitEngine() {
        this(SparkFamily.Settings.DEFAULTS);
    }

    SparkFitEngine(SparkFamily.Settings settings) {
        this.settings = settings;
    }

    /** The fit in a session the caller owns (tests share one). */
    public FitResult fit(SparkSession spark, UseCase useCase, Path outputDirectory, FitJob.Progress progress)
            throws DataException, IOException {
        long started = System.nanoTime();
        Dataset<Row> raw = SparkTable.read(spark, useCase.data()).cache();
        SparkTable table = SparkTable.of(spark, useCase, raw);
        Task task = table.target.info().task();
        Metric metric = useCase.success().metric();
        if (!metric.supports(task)) {
            throw new IllegalArgumentException("success metric " + metric.key() + " is for " + metric.task().word()
                    + ", but " + useCase.target() + " is a " + task.word() + " target");
        }
        List<String> notes = new ArrayList<>(table.notes);
        List<String> warnings = new ArrayList<>();
        List<Candidate> candidates = Ladder.candidates(task, useCase.selection().candidates(),
                useCase.currentRule(), useCase.constraints().monotone(), useCase.formula());
        double[] ruleScores = null;
        if (useCase.currentRule() != null && candidates.stream().anyMatch(c -> c instanceof Candidate.OfRule)) {
            ruleScores = ruleScores(raw, useCase.currentRule(), table, notes);
        }
        raw.unpersist();

        // The honesty checks on the driver's sample: the columns are the same, the rows fewer.
        List<LeakageCheck.Suspect> suspects = LeakageCheck.suspects(table.sampleFeatures, table.sampleTarget,
                useCase.selection().seed());
        FairnessFindings fairness = new FairnessFindings(useCase, table.protectedColumns, table.target);
        notes.add("on the Spark engine the proxy ranking of the fairness audit is not computed (it reads every "
                + "feature of every row on one machine)");

        int total = candidates.size() * table.folds.size();
        int[] done = {0};
        SparkLadder ladder = new SparkLadder(spark, table, metric, useCase.threshold(), useCase.selection().seed(),
                settings);
        List<LeaderboardEntry> entries = new ArrayList<>();
        Map<String, Model> models = new LinkedHashMap<>();
        Map<String, Latency> latencies = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate instanceof Candidate.OfRule rule) {
                entries.add(judgeRule(rule, ruleScores, table, metric, useCase, fairness));
                done[0] += table.folds.size();
                continue;
            }
            Candidate.OfLearner learner = (Candidate.OfLearner) candidate;
            String family = learner.learner().family();
            Optional<String> missing = SparkFamily.unavailable(family, table.target.isClassification());
            if (missing.isPresent()) {
                Evaluation failed = Evaluation.failed(family, learner.rung(), metric,
                        "not available on this engine: " + missing.get()).withId(candidate.id());
                entries.add(judge(learner, failed, -1, Latency.NONE, List.of(), useCase, fairness));
                done[0] += table.folds.size();
                continue;
            }
            if (!learner.options().isEmpty()) {
                notes.add(candidate.id() + ": its options are the local learner's; the Spark engine fits MLlib's "
                        + family + " with its own settings (docs/spark.md)");
            }
            SparkLadder.Played played = ladder.play(candidate.id(), family, learner.rung(), id -> {
                done[0]++;
                progress.foldDone(id, learner.rung(), done[0], total, (System.nanoTime() - started) / 1e9);
            });
            List<String> reasons = new ArrayList<>();
            SparkFamily.notDeployable(family).ifPresent(reasons::add);
            Latency latency = Latency.NONE;
            if (played.model() != null) {
                models.put(candidate.id(), played.model());
                latency = Latency.measure(played.model(), table.sampleFeatures,
                        useCase.constraints().maxLatencyUs());
                latencies.put(candidate.id(), latency);
                for (String finding : played.model().diagnostics().findings()) {
                    warnings.add(candidate.id() + ": " + finding);
                }
            }
            entries.add(judge(learner, played.evaluation(), played.parameters(), latency, reasons, useCase, fairness));
        }
        Latency.busyNote(latencies).ifPresent(warnings::add);

        Selection.Verdict verdict = Selection.choose(entries, metric, useCase.selection().rule(),
                useCase.selection().alpha(), table.testTrainRatio);
        LeaderboardEntry chosenEntry = verdict.chosen();
        Model chosen = chosenEntry == null ? null : models.get(chosenEntry.id());
        CalibrationChoice calibration = null;
        if (chosen != null && table.target.isClassification()) {
            calibration = CalibrationChoice.assess(chosenEntry.id(), chosenEntry.evaluation().heldOut(),
                    table.target.values(), table.folds);
            // The calibrated threshold is set on the driver's sample of rows.
            chosen = calibration.applyTo(chosen, table.sampleFeatures, table.sampleTarget, useCase.threshold());
        }
        if (chosen != null && table.target.info().isRegression()) {
            try {
                chosen = CvResidualInterval.attach(chosen, chosenEntry.evaluation(), table.target.values(),
                        table.folds, useCase.intervalLevel());
            } catch (IllegalArgumentException e) {
                notes.add("no prediction interval for " + chosenEntry.id() + ": " + e.getMessage());
            }
        }
        if (chosen != null) {
            notes.add("on the Spark engine the chosen model's permutation importance and partial dependence are not "
                    + "computed (they need its fold models on one machine); occam explain reads model.json");
        }
        notes.add("played on Spark (" + spark.sparkContext().master() + ", Spark " + spark.version() + ") in "
                + Math.round((System.nanoTime() - started) / 1e9) + " s");
        FitResult result = new FitResult(useCase, table.rowsRead, table.rowsDropped, table.schema.size(),
                table.target, metric, table.folds.size(), table.splitter, verdict, chosen, table.setAside, suspects,
                notes, warnings, outputDirectory, fairness.report(), null, calibration);
        Files.createDirectories(outputDirectory);
        DataSource source = new DataSource(useCase.data().path(), useCase.data().sql(), useCase.data().jdbc(),
                useCase.data().baseDirectory());
        FitWriter.write(result, source, table.sampleTable, table.sampleFeatures, outputDirectory);
        return result;
    }

    private static LeaderboardEntry judge(Candidate.OfLearner candidate, Evaluation evaluation, long parameters,
            Latency latency, List<String> extraReasons, UseCase useCase, FairnessFindings fairness) {
        LeaderboardEntry entry = new LeaderboardEntry(evaluation, parameters,
                candidate.capabilities().contains(Capability.EXPLAINABLE), candidate.deployable(), List.of(),
                latency.p50Micros(), latency.p99Micros(), null, false, candidate.options());
        FairnessAudit audit = evaluation.succeeded() ? fairness.audit(evaluation) : null;
        fairness.record(evaluation.id(), audit);
        List<String> reasons = new ArrayList<>(extraReasons);
        // MLlib's learners hold no monotone direction, whatever the local learner of the same family can.
        java.util.Set<Capability> onSpark = java.util.EnumSet.noneOf(Capability.class);
        onSpark.addAll(candidate.capabilities());
        onSpark.remove(Capability.MONOTONE_CONSTRAINTS);
        reasons.addAll(Constraints.reasons(entry, useCase.constraints(), onSpark,
                !useCase.constraints().monotone().isEmpty(), audit, useCase.fairness().minSelectionRateRatio()));
        return entry.withIneligibility(reasons);
    }

    /** Today's rule as Spark SQL on every kept row, in row order; NULL counts as 0, as on the local engine. */
    private static double[] ruleScores(Dataset<Row> raw, String sql, SparkTable table, List<String> notes) {
        List<Row> all = raw.select(functions.expr(sql).cast("double")).collectAsList();
        int[] kept = table.keptRows;
        double[] out = new double[kept.length];
        int nulls = 0;
        for (int k = 0; k < kept.length; k++) {
            Row r = all.get(kept[k]);
            if (r.isNullAt(0)) {
                nulls++;
            } else {
                out[k] = r.getDouble(0);
            }
        }
        if (nulls > 0) {
            notes.add(dev.occam.core.ladder.Candidate.CURRENT_RULE + ": " + nulls + " rows gave NULL and counted as 0");
        }
        return out;
    }

    /** Today's rule on the folds, as the local engine's tournament plays it. */
    private static LeaderboardEntry judgeRule(Candidate.OfRule candidate, double[] scores, SparkTable table,
            Metric metric, UseCase useCase, FairnessFindings fairness) {
        Target target = table.target;
        int n = target.size();
        int repeats = table.splitter.repeats();
        double[] heldOut = new double[n * repeats];
        double[] thresholds = new double[n * repeats];
        List<FoldResult> results = new ArrayList<>();
        for (Fold fold : table.folds) {
            double[] train = select(scores, fold.train());
            double[] test = select(scores, fold.test());
            double t = useCase.threshold() != null ? useCase.threshold()
                    : isZeroOne(train) ? 0.5
                    : DecisionThreshold.matchingPositiveShare(train, target.select(fold.train()).mean());
            for (int j = 0; j < test.length; j++) {
                heldOut[fold.repeat() * n + fold.test()[j]] = test[j];
                thresholds[fold.repeat() * n + fold.test()[j]] = t;
            }
            results.add(new FoldResult(fold.repeat(), fold.index(),
                    metric.compute(target.select(fold.test()).values(), test, t), 0.0, fold.train().length,
                    fold.test().length));
        }
        Evaluation evaluation = new Evaluation(candidate.id(), candidate.family(), candidate.rung(), metric, results,
                null, new HeldOutScores(n, repeats, heldOut, thresholds));
        LeaderboardEntry entry = new LeaderboardEntry(evaluation,
                dev.occam.core.data.SqlRule.conditionCount(candidate.sql()), true, candidate.deployable(), List.of(),
                Double.NaN, Double.NaN, null, false);
        FairnessAudit audit = fairness.audit(evaluation);
        fairness.record(evaluation.id(), audit);
        return entry.withIneligibility(Constraints.reasons(entry, dev.occam.core.usecase.Constraints.NONE,
                candidate.capabilities(), false, audit, useCase.fairness().minSelectionRateRatio()));
    }

    private static double[] select(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            out[j] = values[rows[j]];
        }
        return out;
    }

    private static boolean isZeroOne(double[] scores) {
        for (double s : scores) {
            if (s != 0.0 && s != 1.0) {
                return false;
            }
        }
        return true;
    }
}
