package dev.occam.runtime;

import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.FrameEncoder;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Transform;
import dev.occam.runtime.scorer.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted, immutable, thread-safe model: preparation steps, then a {@link Scorer}, then (for
 * classification, optionally) a {@link Calibrator} mapping the scorer's score to a calibrated probability,
 * then the task's {@link Decision} (a threshold on that probability, the most probable class, or the value
 * itself). One instance can be shared by every thread of a server. It carries
 * the {@link FitDiagnostics} of its fit, which every copy ({@code with...}) keeps.
 *
 * <p>Batch scoring is row-by-row scoring in a loop, so the two always agree.
 */
public final class Model {

    /** Values in one tile of rows read for {@link #score(Frame)}: 16K values, 128 KB, stay in the core's cache. */
    private static final int SCORE_TILE_VALUES = 1 << 14;

    private final String family;
    private final TargetInfo target;
    private final List<Transform> preparation;
    private final Scorer scorer;
    private final Decision decision;
    /** The training rows' typical values, for reason codes; null when not recorded. */
    private final TypicalValues typical;
    /** For each column the scorer reads, the raw feature it comes from. */
    private final int[] featureOf;
    /** How the fit went, in words; {@link FitDiagnostics#CLEAN} when there is nothing to say. */
    private final FitDiagnostics diagnostics;
    /** The regression prediction interval; null for classification and for models fitted without one. */
    private final PredictionInterval interval;
    /** Applied to the scorer's score (classification); null when the model is not calibrated. */
    private final Calibrator calibration;

    /** A model deciding by its task's default policy ({@link Task#defaultDecision()}), without typical values. */
    public Model(String family, TargetInfo target, List<Transform> preparation, Scorer scorer) {
        this(family, target, preparation, scorer, target.task().defaultDecision(), null);
    }

    /**
     * @param decision how scores become a call; must be one the target's task makes ({@link Task#check})
     * @param typical the training rows' typical values, read by reason codes; null when unknown
     * @throws IllegalArgumentException when the preparation does not chain into the scorer, the decision is not
     *     the task's, or the typical values are not of the model's features
     */
    public Model(String family, TargetInfo target, List<Transform> preparation, Scorer scorer, Decision decision,
            TypicalValues typical) {
        this(family, target, preparation, scorer, decision, typical, FitDiagnostics.CLEAN);
    }

    /**
     * @param diagnostics how the fit went (see {@link FitDiagnostics})
     * @throws IllegalArgumentException as {@link #Model(String, TargetInfo, List, Scorer, Decision, TypicalValues)}
     */
    public Model(String family, TargetInfo target, List<Transform> preparation, Scorer scorer, Decision decision,
            TypicalValues typical, FitDiagnostics diagnostics) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.family = Objects.requireNonNull(family, "family");
        this.target = Objects.requireNonNull(target, "target");
        this.preparation = List.copyOf(preparation);
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        int scores = target.task().scoresPerRow(target);
        if (scorer.classCount() != scores) {
            throw new IllegalArgumentException("target '" + target.name() + "' has " + (scores == 1 ? "one score"
                    : scores + " classes") + ", but the scorer gives " + scorer.classCount());
        }
        this.decision = target.task().check(Objects.requireNonNull(decision, "decision"));
        Schema expected = scorer.input();
        for (int i = this.preparation.size() - 1; i >= 0; i--) {
            Transform t = this.preparation.get(i);
            if (!t.output().equals(expected)) {
                throw new IllegalArgumentException("preparation step " + i + " (" + t.describe()
                        + ") does not produce what the next step reads");
            }
            expected = t.input();
        }
        int[] groups = dev.occam.runtime.scorer.Attribution.identity(scorer.input().size());
        for (int i = this.preparation.size() - 1; i >= 0; i--) {
            int[] sources = this.preparation.get(i).sources();
            for (int c = 0; c < groups.length; c++) {
                groups[c] = sources[groups[c]];
            }
        }
        this.featureOf = groups;
        if (typical != null && !typical.schema().equals(schema())) {
            throw new IllegalArgumentException("typical values are recorded for " + typical.schema().names()
                    + ", but the model reads " + schema().names());
        }
        this.typical = typical;
        this.interval = null;
        this.calibration = null;
    }

    /** {@code base} with an interval (checked by {@link #withInterval}); final fields keep the model safely shared. */
    /**
     * {@code base} with an interval and a calibrator (checked by {@link #withInterval} and
     * {@link #withCalibration}); final fields keep the model safely shared.
     */
    private Model(Model base, PredictionInterval interval, Calibrator calibration) {
        this.family = base.family;
        this.target = base.target;
        this.preparation = base.preparation;
        this.scorer = base.scorer;
        this.decision = base.decision;
        this.typical = base.typical;
        this.featureOf = base.featureOf;
        this.diagnostics = base.diagnostics;
        this.interval = interval;
        this.calibration = calibration;
    }

    /** A model with only a scorer: no preparation, the task's default decision (threshold 0.5 for two classes). */
    public static Model of(String family, TargetInfo target, Scorer scorer) {
        return new Model(family, target, List.of(), scorer);
    }

    public String family() {
        return family;
    }

    public TargetInfo target() {
        return target;
    }

    /** The features the model reads, in order. */
    public Schema schema() {
        return preparation.isEmpty() ? scorer.input() : preparation.get(0).input();
    }

    public List<Transform> preparation() {
        return preparation;
    }

    public Scorer scorer() {
        return scorer;
    }

    /** How the model turns scores into a call (see {@link Decision}). */
    public Decision decision() {
        return decision;
    }

    /** The decision threshold of a two-class model; NaN for the other tasks, which decide without one. */
    public double threshold() {
        return decision instanceof Decision.AtThreshold at ? at.threshold() : Double.NaN;
    }

    /** This model with the given steps run before its own preparation. */
    public Model withPreparation(List<Transform> before) {
        List<Transform> all = new ArrayList<>(before);
        all.addAll(preparation);
        // Typical values describe the raw features, which the new steps change: they are not kept.
        return carryOver(new Model(family, target, all, scorer, decision, null, diagnostics));
    }

    /** This model deciding by {@code newDecision}. @throws IllegalArgumentException when the task does not make it */
    public Model withDecision(Decision newDecision) {
        return carryOver(new Model(family, target, preparation, scorer, newDecision, typical, diagnostics));
    }

    /**
     * A two-class model calling the positive class at {@code newThreshold}.
     *
     * @param newThreshold on the calibrated scale when the model has a calibrator
     * @throws IllegalArgumentException for the other tasks, which decide without a threshold
     */
    public Model withThreshold(double newThreshold) {
        return withDecision(new Decision.AtThreshold(newThreshold));
    }

    public Model withFamily(String newFamily) {
        return carryOver(new Model(newFamily, target, preparation, scorer, decision, typical, diagnostics));
    }

    /**
     * This model with the typical values of its training rows, which reason codes compare a row with.
     *
     * @throws IllegalArgumentException when the frame lacks one of the model's features
     */
    public Model withTypicalValues(Frame training) {
        return carryOver(new Model(family, target, preparation, scorer, decision,
                TypicalValues.of(training, schema()), diagnostics));
    }

    /**
     * This model with a calibrator applied after its scorer (null removes it). The threshold is kept as it
     * is: it is read on the calibrated scale, so set it again with {@link #withThreshold} when it was chosen
     * on the uncalibrated one.
     *
     * @throws IllegalArgumentException for a regression model
     */
    public Model withCalibration(Calibrator newCalibration) {
        if (newCalibration != null && !target.isClassification()) {
            throw new IllegalArgumentException("a calibrator maps one score to a probability; " + target.name()
                    + " is a " + target.task().word() + " target");
        }
        return new Model(this, interval, newCalibration);
    }

    /** The calibrator applied after the scorer, or null when the model is not calibrated. */
    public Calibrator calibration() {
        return calibration;
    }

    /** How the fit went: convergence, the estimation method, findings in words (see {@link FitDiagnostics}). */
    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /** This model with the given diagnostics, which the learner that fitted it sets. */
    public Model withDiagnostics(FitDiagnostics newDiagnostics) {
        return carryOver(new Model(family, target, preparation, scorer, decision, typical, newDiagnostics));
    }

    /**
     * This model with a prediction interval around each prediction ({@link Prediction#lower()},
     * {@link Prediction#upper()}).
     *
     * @throws IllegalArgumentException when the model is a classifier: its score is a probability, not a value
     */
    public Model withInterval(PredictionInterval newInterval) {
        Objects.requireNonNull(newInterval, "interval");
        if (!target.isRegression()) {
            throw new IllegalArgumentException("a prediction interval is for regression, but " + target.name()
                    + " is a " + target.task().word() + " target");
        }
        return new Model(this, newInterval, calibration);
    }

    /** The regression prediction interval, or null (classification, or a model fitted without one). */
    public PredictionInterval interval() {
        return interval;
    }

    /** A fresh copy (made by a {@code with...} method) with what this model carries besides its constructor's arguments. */
    private Model carryOver(Model copy) {
        return interval == null && calibration == null ? copy : new Model(copy, interval, calibration);
    }

    /** The training rows' typical values, or null when they were not recorded. */
    public TypicalValues typicalValues() {
        return typical;
    }

    /**
     * Explains one row of named values: its score taken apart into one contribution per raw feature of
     * {@link #schema()}, on the scale its scorer explains (see {@link Explanation.Scale}), against a baseline
     * that does not depend on the row. The contributions of the prepared columns of a feature (its
     * indicators) are summed back to it. Values are reported as given. A calibrated model explains its
     * uncalibrated score: {@link Explanation#value()} and the contributions are on the scorer's own scale,
     * while {@link Explanation#score()} is the calibrated probability that {@link #predict} reports (the
     * calibrator is monotone, so a contribution that raises the uncalibrated score never lowers the
     * probability).
     *
     * @throws IllegalArgumentException naming a field that cannot be read
     */
    public Explanation explain(Row row) {
        double[] x = schema().encode(row);
        List<Object> given = new ArrayList<>();
        for (Feature f : schema().features()) {
            given.add(row.get(f.name()));
        }
        return explain(x, given);
    }

    /** Explains one row encoded against {@link #schema()} (see {@link #explain(Row)}); values are decoded. */
    public Explanation explainEncoded(double[] x) {
        return explain(x, new ArrayList<>(schema().decode(x).values()));
    }

    private Explanation explain(double[] x, List<Object> given) {
        Schema raw = schema();
        if (x.length != raw.size()) {
            throw new IllegalArgumentException("row has " + x.length + " values, the model reads " + raw.size());
        }
        double[] v = x;
        for (Transform t : preparation) {
            v = t.apply(v);
        }
        dev.occam.runtime.scorer.Attribution a = scorer.attribute(v, featureOf, raw.size());
        Explanation.Scale scale = a.logOdds() ? Explanation.Scale.LOG_ODDS
                : target.isRegression() ? Explanation.Scale.VALUE : Explanation.Scale.PROBABILITY;
        double[] c = a.contributions();
        List<Explanation.Contribution> contributions = new ArrayList<>(raw.size());
        java.util.Map<String, Object> typicalByName = new java.util.LinkedHashMap<>();
        for (int j = 0; j < raw.size(); j++) {
            String name = raw.feature(j).name();
            contributions.add(new Explanation.Contribution(name, given.get(j), c[j]));
            if (typical != null) {
                typicalByName.put(name, typical.value(j));
            }
        }
        java.util.Map<String, Explanation.Points> points = new java.util.HashMap<>();
        if (scorer instanceof dev.occam.runtime.scorer.ScorecardScorer card && preparation.isEmpty()) {
            for (dev.occam.runtime.scorer.ScorecardScorer.Characteristic ch : card.characteristics()) {
                points.put(raw.feature(ch.feature()).name(),
                        new Explanation.Points(ch.points(x[ch.feature()]), ch.averagePoints()));
            }
        }
        String explainedClass = null;
        if (target.isMulticlass()) {
            double[] p = scorer.scoreClasses(v);
            explainedClass = target.levels().get(dev.occam.runtime.scorer.MulticlassScorer.argmax(p));
        }
        return new Explanation(target, calibrated(scorer.score(v)), scale, a.value(), a.baseline(), contributions, typicalByName,
                points, explainedClass);
    }

    /** How many numbers the fitted function is made of (the scorer's; preparation statistics are not counted). */
    public long parameterCount() {
        return scorer.parameterCount();
    }

    /**
     * Every class's probability for one row encoded against {@link #schema()}, in the target's level order,
     * summing to 1 (multiclass).
     *
     * @throws UnsupportedOperationException when the target is not multiclass
     */
    public double[] scoreClasses(double[] x) {
        if (!target.isMulticlass()) {
            throw new UnsupportedOperationException(target.name() + " is a " + target.task().word()
                    + " target: one score per row (score)");
        }
        double[] v = x;
        for (Transform t : preparation) {
            v = t.apply(v);
        }
        return scorer.scoreClasses(v);
    }

    /** {@link #scoreClasses(double[])} for every row of a frame, in order (row by row). */
    public double[][] scoreClasses(Frame frame) {
        FrameEncoder reader = new FrameEncoder(schema(), frame);
        double[][] out = new double[frame.rows()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scoreClasses(reader.row(i));
        }
        return out;
    }

    /**
     * Scores one row encoded against {@link #schema()}: the calibrated probability when there is a calibrator;
     * for multiclass, the probability of the called (most probable) class.
     */
    public double score(double[] x) {
        double[] v = x;
        for (Transform t : preparation) {
            v = t.apply(v);
        }
        return calibrated(scorer.score(v));
    }

    private double calibrated(double score) {
        return calibration == null ? score : calibration.apply(score);
    }

    /** Predicts one row encoded against {@link #schema()}. */
    public Prediction predictEncoded(double[] x) {
        return target.isMulticlass() ? classPrediction(scoreClasses(x)) : prediction(score(x));
    }

    /** Predicts one row of named values. @throws IllegalArgumentException naming a field that cannot be read */
    public Prediction predict(Row row) {
        return predictEncoded(schema().encode(row));
    }

    /**
     * Predicts one row given as feature name to value: a {@link Number} (or numeric text) for a number, the
     * level's text for a category, null or absent for missing. Extra entries are ignored.
     *
     * @throws IllegalArgumentException naming a field that cannot be read
     */
    public Prediction predict(java.util.Map<String, ?> values) {
        return predict(Row.of(values));
    }

    /**
     * As {@link #predict(java.util.Map)}, but strict, as {@code occam serve --strict} is over HTTP: every feature
     * must have a key (a {@code null} value is a missing value, given on purpose) and every key must be a feature,
     * so a misspelt or forgotten name fails instead of being scored as missing.
     *
     * @throws IllegalArgumentException naming every unknown key and every missing feature, or a field that cannot
     *     be read
     */
    public Prediction predictStrict(java.util.Map<String, ?> values) {
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (String key : values.keySet()) {
            if (schema().indexOf(key) < 0) {
                unknown.add(key);
            }
        }
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (Feature f : schema().features()) {
            if (!values.containsKey(f.name())) {
                missing.add(f.name());
            }
        }
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            java.util.Collections.sort(unknown);
            StringBuilder sb = new StringBuilder();
            if (!unknown.isEmpty()) {
                sb.append(unknown.size() == 1 ? "unknown key " : "unknown keys ").append(quoted(unknown))
                        .append(" (the model reads ").append(schema().names()).append(")");
            }
            if (!missing.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(missing.size() == 1 ? "missing key " : "missing keys ")
                        .append(quoted(missing)).append(" (put null for a value that is not known)");
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return predict(Row.of(values));
    }

    private static String quoted(java.util.List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(n).append('\'');
        }
        return sb.toString();
    }

    /** Predicts every row of a frame, in order. Columns are matched by name; extra columns are ignored. */
    public Prediction[] predict(Frame frame) {
        if (target.isMulticlass()) {
            double[][] p = scoreClasses(frame);
            Prediction[] out = new Prediction[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = classPrediction(p[i]);
            }
            return out;
        }
        double[] scores = score(frame);
        Prediction[] out = new Prediction[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = prediction(scores[i]);
        }
        return out;
    }

    /**
     * Scores every row of a frame, in order: the same arithmetic as {@link #score(double[])} row by row, with one
     * buffer per preparation step reused across rows (batch scoring allocates nothing per row).
     */
    public double[] score(Frame frame) {
        double[] out = new double[frame.rows()];
        // The scorer's input rows of one block: the scorer walks its parameters over the block (Scorer.scoreBlock).
        double[][] block = new double[Math.max(1, Math.min(out.length, SCORE_BLOCK))][inputWidth()];
        double[] blockScores = new double[block.length];
        RowPreparer rows = new RowPreparer(frame);
        for (int start = 0; start < out.length; start += block.length) {
            int count = Math.min(block.length, out.length - start);
            rows.prepare(start, count, block, 0);
            scorer.scoreBlock(block, count, blockScores);
            for (int k = 0; k < count; k++) {
                out[start + k] = calibrated(blockScores[k]);
            }
        }
        return out;
    }

    /** How many values a row has once prepared: what the scorer reads. */
    private int inputWidth() {
        return scorer.input().size();
    }

    /**
     * Reads a frame's rows in tiles (a column at a time: contiguous reads) and prepares each row as
     * {@link #score(double[])} does, with one buffer per preparation step reused across rows.
     */
    private final class RowPreparer {
        private final FrameEncoder reader;
        private final double[][] buffers;
        private final double[] tile;
        private final int tileRows;
        /** The tile's first row, and how many rows it holds. */
        private int tileStart;
        private int tileLength;

        RowPreparer(Frame frame) {
            reader = new FrameEncoder(schema(), frame);
            int steps = preparation.size();
            buffers = new double[steps + 1][];
            buffers[0] = new double[schema().size()];
            for (int t = 0; t < steps; t++) {
                Transform step = preparation.get(t);
                // A step that copies the row as it is: the next step reads the same buffer.
                buffers[t + 1] = step.copiesEveryRow() ? buffers[t] : new double[step.output().size()];
            }
            int width = schema().size();
            tileRows = Math.max(1, Math.min(frame.rows(), SCORE_TILE_VALUES / Math.max(1, width)));
            tile = new double[tileRows * width];
        }

        /** Rows {@code from .. from + count - 1}, read in order, prepared into {@code into[at ..]}. */
        void prepare(int from, int count, double[][] into, int at) {
            int width = schema().size();
            int steps = preparation.size();
            for (int k = 0; k < count; k++) {
                int row = from + k;
                if (row < tileStart || row >= tileStart + tileLength) {
                    tileStart = row;
                    tileLength = Math.min(tileRows, reader.rows() - row);
                    reader.rowsInto(tileStart, tileLength, tile);
                }
                System.arraycopy(tile, (row - tileStart) * width, buffers[0], 0, width);
                for (int t = 0; t < steps; t++) {
                    if (buffers[t + 1] != buffers[t]) {
                        preparation.get(t).applyInto(buffers[t], buffers[t + 1]);
                    }
                }
                System.arraycopy(buffers[steps], 0, into[at + k], 0, into[at + k].length);
            }
        }
    }

    /**
     * The rows of {@code frame} read and prepared once, as the scorer reads them, to be scored again with one raw
     * feature's values taken from other rows ({@link Prepared#scoreWith}); null for a multiclass model (its rows are
     * scored by {@link #scoreClasses}) or when the prepared rows would hold more than {@code maxValues} values.
     */
    public Prepared prepare(Frame frame, long maxValues) {
        if (target.isMulticlass() || (long) frame.rows() * inputWidth() > maxValues) {
            return null;
        }
        double[][] rows = new double[frame.rows()][inputWidth()];
        new RowPreparer(frame).prepare(0, rows.length, rows, 0);
        return new Prepared(rows);
    }

    /** A frame's rows prepared once ({@link #prepare}); immutable, so any thread may score them. */
    public final class Prepared {
        private final double[][] rows;

        private Prepared(double[][] rows) {
            this.rows = rows;
        }

        /**
         * The scores of the rows with raw feature {@code feature} (an index of {@link #schema()}) read from row
         * {@code order[i]} for row i, every other feature from row i: bit for bit what {@link #score(Frame)} gives
         * for the frame with that column put in that order (a permutation importance's shuffle), without reading
         * and preparing every row again. Each preparation step computes an output column from exactly one input
         * column ({@link Transform#sources}), so only the columns that come from the feature differ, and they are
         * row {@code order[i]}'s prepared values.
         */
        public double[] scoreWith(int feature, int[] order) {
            if (order.length != rows.length) {
                throw new IllegalArgumentException("order has " + order.length + " rows, the frame " + rows.length);
            }
            int width = inputWidth();
            int dependents = 0;
            int[] fromFeature = new int[width];
            for (int d = 0; d < width; d++) {
                if (featureOf[d] == feature) {
                    fromFeature[dependents++] = d;
                }
            }
            double[] out = new double[rows.length];
            double[][] block = new double[Math.max(1, Math.min(out.length, SCORE_BLOCK))][width];
            double[] blockScores = new double[block.length];
            for (int start = 0; start < out.length; start += block.length) {
                int count = Math.min(block.length, out.length - start);
                for (int k = 0; k < count; k++) {
                    double[] row = block[k];
                    System.arraycopy(rows[start + k], 0, row, 0, width);
                    double[] donor = rows[order[start + k]];
                    for (int e = 0; e < dependents; e++) {
                        row[fromFeature[e]] = donor[fromFeature[e]];
                    }
                }
                scorer.scoreBlock(block, count, blockScores);
                for (int k = 0; k < count; k++) {
                    out[start + k] = calibrated(blockScores[k]);
                }
            }
            return out;
        }
    }

    /** Rows scored together by {@link #score(Frame)}: enough to reuse a tree's top levels, few enough to stay in cache. */
    private static final int SCORE_BLOCK = 256;

    /** The task's prediction of one score; a regression model with an interval adds its ends. */
    private Prediction prediction(double score) {
        return interval == null ? target.task().predict(target, new double[] {score}, decision)
                : new Prediction(score, null, interval.lower(score), interval.upper(score));
    }

    private Prediction classPrediction(double[] p) {
        return target.task().predict(target, p, decision);
    }

    /** A person's reading of the model: preparation, the fitted function, the threshold. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(family).append(" model of ").append(target.name());
        if (target.isMulticlass()) {
            sb.append(" (").append(target.classCount()).append(" classes: ").append(String.join(", ", target.levels()))
                    .append("; called: ").append(decision.describe()).append(')');
        }
        if (target.isClassification()) {
            sb.append(" (score = probability that ").append(target.name()).append(" = ").append(target.positive())
                    .append(calibration == null ? "" : ", after " + calibration.method() + " calibration")
                    .append("; called ").append(target.positive()).append(" at or above ")
                    .append(dev.occam.runtime.io.Json.number(threshold())).append(')');
        }
        sb.append('\n');
        sb.append("parameters: ").append(parameterCount()).append('\n');
        if (interval != null) {
            sb.append(interval.describe()).append('\n');
        }
        for (Transform t : preparation) {
            sb.append(t.describe()).append('\n');
        }
        sb.append(scorer instanceof dev.occam.runtime.scorer.MulticlassScorer multi && target.isMulticlass()
                ? multi.describe(target.levels())
                : scorer instanceof dev.occam.runtime.scorer.NaiveBayesScorer bayes && target.isMulticlass()
                        ? bayes.describe(target.levels()) : scorer.describe());
        if (calibration != null) {
            if (sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
            sb.append(calibration.describe()).append("\n(the function above gives the uncalibrated score; the"
                    + " calibrator maps it to the reported probability, which the threshold is compared with)\n");
        }
        return sb.toString();
    }
}
