package dev.occam.core.jobs;

import dev.occam.core.evaluate.Curves;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.results.ReportData;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds what the report draws that is not in the card ({@link ReportData}, {@code report-data.json}), computed
 * here so the report only renders: ROC and calibration curves from the held-out scores of the chosen model and of
 * the best complex model (rung 4 and up), a few example decisions of the chosen model with their reasons,
 * and a histogram of each numeric column.
 */
final class ReportDataBuilder {

    static final int COMPLEX_RUNG = 4;
    private static final int ROC_POINTS = 200;
    private static final int CALIBRATION_BANDS = dev.occam.core.evaluate.Reliability.ECE_BANDS;
    private static final int HISTOGRAM_BINS = 20;
    private static final int REASONS = 3;

    private ReportDataBuilder() {
    }

    static ReportData build(FitResult result, Frame table, Frame features) {
        List<ReportData.Curve> curves = new ArrayList<>();
        if (result.target().isClassification()) {
            LeaderboardEntry chosen = result.chosenEntry();
            if (chosen != null) {
                addCurves(curves, "chosen", chosen, result);
            }
            LeaderboardEntry complex = bestComplex(result);
            if (complex != null) {
                addCurves(curves, "best complex", complex, result);
            }
        }
        List<ReportData.Example> examples = new ArrayList<>();
        if (result.model() != null) {
            addExamples(examples, result.model(), features);
        }
        List<ReportData.Histogram> histograms = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                addHistogram(histograms, n);
            }
        }
        return new ReportData(ReportData.FORMAT, curves, examples, histograms, classes(result), decisions(result),
                regression(result));
    }

    /** Thresholds shown in the decision table: every 0.05, and the model's own. */
    private static final int THRESHOLD_STEPS = 19;
    private static final int MAX_POINTS = 1000;
    private static final int DECILES = 10;

    /**
     * The chosen two-class model's decision table: at each threshold, what its held-out scores (every repeat
     * pooled, through its calibrator when it has one, so on the scale its threshold is on) would give.
     */
    static ReportData.Decisions decisions(FitResult result) {
        LeaderboardEntry chosen = result.chosenEntry();
        Model model = result.model();
        if (!result.target().isClassification() || chosen == null || model == null
                || chosen.evaluation().heldOut() == null) {
            return null;
        }
        var heldOut = chosen.evaluation().heldOut();
        double[] scores = heldOut.scores();
        if (model.calibration() != null) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = model.calibration().apply(scores[i]);
            }
        }
        double[] truth = new double[scores.length];
        for (int r = 0; r < heldOut.repeats(); r++) {
            System.arraycopy(result.target().values(), 0, truth, r * heldOut.rows(), heldOut.rows());
        }
        var costs = result.useCase().costs();
        double chosenThreshold = model.threshold();
        java.util.TreeSet<Double> thresholds = new java.util.TreeSet<>();
        for (int k = 1; k <= THRESHOLD_STEPS; k++) {
            thresholds.add(Math.round(k * 5.0) / 100.0);
        }
        thresholds.add(chosenThreshold);
        List<ReportData.ThresholdRow> table = new ArrayList<>();
        for (double t : thresholds) {
            long tp = 0;
            long fp = 0;
            long positives = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean called = scores[i] >= t;
                boolean positive = truth[i] == 1.0;
                positives += positive ? 1 : 0;
                tp += called && positive ? 1 : 0;
                fp += called && !positive ? 1 : 0;
            }
            long calledPositive = tp + fp;
            table.add(new ReportData.ThresholdRow(t, calledPositive == 0 ? Double.NaN : (double) tp / calledPositive,
                    positives == 0 ? Double.NaN : (double) tp / positives,
                    1.0 - (double) calledPositive / scores.length,
                    costs == null ? null : costs.of(fp, positives - tp) / scores.length, t == chosenThreshold));
        }
        String chosenBy = costs != null ? "costs" : result.useCase().threshold() != null ? "use case" : "positive share";
        return new ReportData.Decisions(chosen.id(), chosenThreshold, chosenBy,
                costs == null ? null : costs.falsePositive(), costs == null ? null : costs.falseNegative(), table);
    }

    /** The chosen regression model's held-out diagnostics (first repeat); null for the other tasks. */
    static ReportData.Regression regression(FitResult result) {
        LeaderboardEntry chosen = result.chosenEntry();
        if (!result.target().info().isRegression() || chosen == null || chosen.evaluation().heldOut() == null) {
            return null;
        }
        var heldOut = chosen.evaluation().heldOut();
        int n = heldOut.rows();
        double[] actual = result.target().values();
        double[] predicted = new double[n];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = heldOut.score(0, i);
            residual[i] = actual[i] - predicted[i];
        }
        int step = (n + MAX_POINTS - 1) / MAX_POINTS;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i += step) {
            points.add(new double[] {predicted[i], actual[i]});
        }
        List<ReportData.Histogram> residuals = new ArrayList<>();
        addHistogram(residuals, new NumericColumn("residual", residual));
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> predicted[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        List<ReportData.DecileError> deciles = new ArrayList<>();
        for (int d = 0; d < DECILES; d++) {
            int from = (int) ((long) d * n / DECILES);
            int to = (int) ((long) (d + 1) * n / DECILES);
            if (to <= from) {
                continue;
            }
            double sumP = 0;
            double sumA = 0;
            double abs = 0;
            double sq = 0;
            for (int j = from; j < to; j++) {
                int i = order[j];
                sumP += predicted[i];
                sumA += actual[i];
                abs += Math.abs(residual[i]);
                sq += residual[i] * residual[i];
            }
            int rows = to - from;
            deciles.add(new ReportData.DecileError(d + 1, rows, predicted[order[from]], predicted[order[to - 1]],
                    sumP / rows, sumA / rows, abs / rows, Math.sqrt(sq / rows)));
        }
        return new ReportData.Regression(chosen.id(), points.toArray(double[][]::new),
                residuals.isEmpty() ? null : residuals.get(0), deciles);
    }

    /**
     * The best complex candidate other than the chosen one, by mean, eligible ones first; null when none was
     * evaluated.
     */
    static LeaderboardEntry bestComplex(FitResult result) {
        Comparator<LeaderboardEntry> byMean = Comparator.comparingDouble(e -> e.evaluation().mean());
        if (!result.metric().higherIsBetter()) {
            byMean = byMean.reversed();
        }
        Comparator<LeaderboardEntry> order = Comparator.comparing(LeaderboardEntry::eligible).thenComparing(byMean);
        return result.entries().stream()
                .filter(e -> e.rung() >= COMPLEX_RUNG && e != result.chosenEntry() && e.evaluation().succeeded()
                        && e.evaluation().heldOut() != null)
                .max(order).orElse(null);
    }

    private static void addCurves(List<ReportData.Curve> out, String role, LeaderboardEntry entry,
            FitResult result) {
        if (entry.evaluation().heldOut() == null) {
            return;
        }
        double[] truth = result.target().values();
        var roc = Curves.roc(entry.evaluation().heldOut(), truth, ROC_POINTS);
        double[][] points = roc.stream().map(p -> new double[] {p.falsePositiveRate(), p.truePositiveRate()})
                .toArray(double[][]::new);
        String calibrator = null;
        List<ReportData.CalibrationBin> after = null;
        var check = result.calibration();
        if (role.equals("chosen") && check != null && check.calibrator() != null) {
            // The same held-out scores after the calibrator, fitted inside the folds as the choice was made.
            calibrator = check.calibrator().method();
            after = bins(check.calibrationAfter(CALIBRATION_BANDS));
        }
        out.add(new ReportData.Curve(role, entry.id(), entry.rung(), entry.eligible(), Curves.area(roc), points,
                bins(Curves.calibration(entry.evaluation().heldOut(), truth, CALIBRATION_BANDS)), calibrator, after));
    }

    /** The chosen multiclass model's held-out confusion matrix and per-class AUC; null for the other tasks. */
    private static ReportData.Classes classes(FitResult result) {
        LeaderboardEntry chosen = result.chosenEntry();
        if (!result.target().isMulticlass() || chosen == null || chosen.evaluation().heldOut() == null
                || chosen.evaluation().heldOut().classProbabilities() == null) {
            return null;
        }
        var heldOut = chosen.evaluation().heldOut();
        List<String> levels = result.target().info().levels();
        int n = heldOut.rows();
        int[] truth = new int[n];
        double[][] probabilities = new double[n][];
        int[][] confusion = new int[levels.size()][levels.size()];
        int right = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = (int) result.target().values()[i];
            probabilities[i] = heldOut.classProbabilities(0, i);
            int called = dev.occam.runtime.scorer.MulticlassScorer.argmax(probabilities[i]);
            confusion[truth[i]][called]++;
            right += called == truth[i] ? 1 : 0;
        }
        return new ReportData.Classes(chosen.id(), levels, confusion,
                dev.occam.core.evaluate.Metric.oneVsRestAuc(truth, probabilities), (double) right / n);
    }

    private static List<ReportData.CalibrationBin> bins(List<Curves.CalibrationBin> bins) {
        return bins.stream().map(b -> new ReportData.CalibrationBin(b.low(), b.high(), b.predictions(),
                b.meanScore(), b.observedRate())).toList();
    }

    /**
     * The row at {@code rank} in the order of the rows by score, equal scores by row ({@code Double.compare}'s order,
     * as {@code sorted}, the scores sorted, has it): the score there, then among the rows of that score the one
     * as many places after the first as the rank is after the score's first place. A sort of primitives and a scan,
     * where sorting boxed row numbers by a comparator cost a sort of objects.
     */
    static int rowAtRank(double[] scores, double[] sorted, int rank) {
        double score = sorted[rank];
        int first = rank;
        while (first > 0 && Double.compare(sorted[first - 1], score) == 0) {
            first--;
        }
        int skip = rank - first;
        for (int i = 0; i < scores.length; i++) {
            if (Double.compare(scores[i], score) == 0 && skip-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("rank " + rank + " not found among " + scores.length + " scores");
    }

    /** Five rows of the data, by the chosen model's score: lowest, quartiles, median, highest. */
    private static void addExamples(List<ReportData.Example> out, Model model, Frame features) {
        double[] scores = model.score(features);
        Map<String, Double> picks = new LinkedHashMap<>();
        picks.put("lowest score", 0.0);
        picks.put("lower quartile", 0.25);
        picks.put("median", 0.5);
        picks.put("upper quartile", 0.75);
        picks.put("highest score", 1.0);
        double[] sorted = scores.clone();
        dev.occam.runtime.RadixSort.sort(sorted);
        boolean[] used = new boolean[scores.length];
        for (Map.Entry<String, Double> pick : picks.entrySet()) {
            int row = rowAtRank(scores, sorted, (int) Math.round(pick.getValue() * (scores.length - 1)));
            if (used[row]) {
                continue;
            }
            used[row] = true;
            Row values = ExplainJob.row(model, features, row);
            Explanation e = model.explain(values);
            Prediction p = model.predict(values);
            out.add(new ReportData.Example(pick.getKey(), row, p.score(), p.label(), e.scale().words(),
                    e.reasons(REASONS, Explanation.Direction.RAISES), e.reasons(REASONS, Explanation.Direction.LOWERS)));
        }
    }

    private static void addHistogram(List<ReportData.Histogram> out, NumericColumn column) {
        // Primitive loops over the column, not streams: a large table's every numeric column passes here.
        double[] values = column.values();
        int present = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                present++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (present == 0) {
            return;
        }
        int bins = min == max ? 1 : HISTOGRAM_BINS;
        double width = min == max ? 1 : (max - min) / bins;
        int[] counts = new int[bins];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
            }
        }
        out.add(new ReportData.Histogram(column.name(), min, max, width, counts));
    }
}
