package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.evaluate.Curves;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the report draws that is not in the card, computed here so the report only renders
 * ({@code report-data.json}): ROC and calibration curves from the held-out scores of the chosen model and of
 * the best complex model (rung 4 and up), a few example decisions of the chosen model with their reasons,
 * and a histogram of each numeric column.
 */
final class ReportData {

    static final String FORMAT = "occam-report-data/1";
    static final int COMPLEX_RUNG = 4;
    private static final int ROC_POINTS = 200;
    private static final int CALIBRATION_BANDS = dev.occam.core.evaluate.Reliability.ECE_BANDS;
    private static final int HISTOGRAM_BINS = 20;
    private static final int REASONS = 3;

    private ReportData() {
    }

    static ObjectNode build(FitResult result, Frame table, Frame features) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        ArrayNode curves = root.putArray("curves");
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
        ArrayNode examples = root.putArray("examples");
        if (result.model() != null) {
            addExamples(examples, result.model(), features);
        }
        ArrayNode histograms = root.putArray("histograms");
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                addHistogram(histograms, n);
            }
        }
        return root;
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

    private static void addCurves(ArrayNode out, String role, LeaderboardEntry entry, FitResult result) {
        if (entry.evaluation().heldOut() == null) {
            return;
        }
        double[] truth = result.target().values();
        var roc = Curves.roc(entry.evaluation().heldOut(), truth, ROC_POINTS);
        ObjectNode node = out.addObject();
        node.put("role", role);
        node.put("model", entry.id());
        node.put("rung", entry.rung());
        node.put("eligible", entry.eligible());
        node.put("auc", Curves.area(roc));
        ArrayNode points = node.putArray("roc");
        for (Curves.RocPoint p : roc) {
            points.addArray().add(p.falsePositiveRate()).add(p.truePositiveRate());
        }
        ArrayNode calibration = node.putArray("calibration");
        for (Curves.CalibrationBin b : Curves.calibration(entry.evaluation().heldOut(), truth, CALIBRATION_BANDS)) {
            ObjectNode x = calibration.addObject();
            x.put("low", b.low());
            x.put("high", b.high());
            x.put("predictions", b.predictions());
            x.put("mean_score", b.meanScore());
            x.put("observed_rate", b.observedRate());
        }
        var check = result.calibration();
        if (role.equals("chosen") && check != null && check.calibrator() != null) {
            // The same held-out scores after the calibrator, fitted inside the folds as the choice was made.
            node.put("calibrator", check.calibrator().method());
            ArrayNode after = node.putArray("calibration_after");
            for (Curves.CalibrationBin b : check.calibrationAfter(CALIBRATION_BANDS)) {
                ObjectNode x = after.addObject();
                x.put("low", b.low());
                x.put("high", b.high());
                x.put("predictions", b.predictions());
                x.put("mean_score", b.meanScore());
                x.put("observed_rate", b.observedRate());
            }
        }
    }

    /** Five rows of the data, by the chosen model's score: lowest, quartiles, median, highest. */
    private static void addExamples(ArrayNode out, Model model, Frame features) {
        double[] scores = model.score(features);
        int[] order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        Map<String, Double> picks = new LinkedHashMap<>();
        picks.put("lowest score", 0.0);
        picks.put("lower quartile", 0.25);
        picks.put("median", 0.5);
        picks.put("upper quartile", 0.75);
        picks.put("highest score", 1.0);
        boolean[] used = new boolean[scores.length];
        for (Map.Entry<String, Double> pick : picks.entrySet()) {
            int row = order[(int) Math.round(pick.getValue() * (order.length - 1))];
            if (used[row]) {
                continue;
            }
            used[row] = true;
            Row values = ExplainJob.row(model, features, row);
            Explanation e = model.explain(values);
            Prediction p = model.predict(values);
            ObjectNode x = out.addObject();
            x.put("label", pick.getKey());
            x.put("row", row);
            x.put("score", p.score());
            if (p.label() != null) {
                x.put("decision", p.label());
            }
            x.put("scale", e.scale().words());
            ArrayNode raises = x.putArray("raises");
            e.reasons(REASONS, Explanation.Direction.RAISES).forEach(raises::add);
            ArrayNode lowers = x.putArray("lowers");
            e.reasons(REASONS, Explanation.Direction.LOWERS).forEach(lowers::add);
        }
    }

    private static void addHistogram(ArrayNode out, NumericColumn column) {
        double[] present = Arrays.stream(column.values()).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return;
        }
        double min = Arrays.stream(present).min().orElseThrow();
        double max = Arrays.stream(present).max().orElseThrow();
        int bins = min == max ? 1 : HISTOGRAM_BINS;
        double width = min == max ? 1 : (max - min) / bins;
        int[] counts = new int[bins];
        for (double v : present) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        ObjectNode x = out.addObject();
        x.put("column", column.name());
        x.put("min", min);
        x.put("max", max);
        x.put("bin_width", width);
        ArrayNode c = x.putArray("counts");
        for (int k : counts) {
            c.add(k);
        }
    }
}
