package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.explain.CoefficientTable;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.MulticlassScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code occam explain}: one decision taken apart (the row's values, the score, the baseline, every
 * feature's contribution, that they add up, and the reasons in words); the model's behaviour on a data
 * file (permutation importance, partial dependence); or, without data, the model as a person reads it
 * ({@link Model#describe()}, with confidence intervals and odds ratios for the linear family).
 */
public final class ExplainJob {

    /** Reasons printed per side. */
    static final int REASONS = 3;

    private ExplainJob() {
    }

    /**
     * The readable model: preparation, coefficients, rules, points or trees; for the linear family also
     * the coefficients' confidence intervals and, for logistic models, odds ratios.
     */
    public static String describe(Path modelFile) throws IOException {
        Model model = ModelFile.load(modelFile);
        StringBuilder sb = new StringBuilder(model.describe()).append('\n');
        CoefficientTable.of(model).ifPresent(table -> appendCoefficients(table, sb));
        if (model.scorer() instanceof MulticlassScorer classes && classes.hasReference()) {
            // The multinomial logit: one table per class, its log-odds against the first (reference) class.
            List<String> levels = model.target().levels();
            for (int k = 0; k < classes.components().size(); k++) {
                if (classes.components().get(k) instanceof LinearScorer linear) {
                    CoefficientTable table = CoefficientTable.of(linear, CoefficientTable.DEFAULT_CONFIDENCE);
                    if (table.statistic() != null) {
                        sb.append("\nclass ").append(levels.get(k + 1)).append(" against ").append(levels.get(0))
                                .append(" (log-odds):");
                        appendCoefficients(table, sb);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void appendCoefficients(CoefficientTable table, StringBuilder sb) {
        if (table.statistic() == null && !table.hasOddsRatios()) {
            return;
        }
        String level = Json.number(100 * table.confidence()) + "%";
        sb.append('\n').append(table.hasOddsRatios() ? "odds ratios and " : "").append(level)
                .append(" confidence intervals").append(table.statistic() == null
                        ? " (penalised fit: no standard errors, so no intervals)" : "").append(":\n");
        sb.append(String.format(Locale.ROOT, "%-28s %12s %25s", "term", "estimate", level + " interval"));
        if (table.hasOddsRatios()) {
            sb.append(String.format(Locale.ROOT, " %12s %25s", "odds ratio", level + " interval"));
        }
        sb.append('\n');
        for (CoefficientTable.Term t : table.terms()) {
            if (t.aliased()) {
                sb.append(String.format(Locale.ROOT, "%-28s %12s%n", t.name(), "aliased"));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-28s %12s %25s", t.name(), number(t.estimate()),
                    interval(t.low(), t.high())));
            if (table.hasOddsRatios()) {
                sb.append(String.format(Locale.ROOT, " %12s %25s", number(t.oddsRatio()),
                        interval(t.oddsRatioLow(), t.oddsRatioHigh())));
            }
            sb.append('\n');
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String interval(double low, double high) {
        return Double.isNaN(low) ? "-" : "[" + number(low) + ", " + number(high) + "]";
    }

    /**
     * The model's global explanation on a data file: permutation importance when the file has the target
     * column (rows without a target value are left out), and partial dependence of the top features.
     */
    public static String global(Path modelFile, Path dataFile, long seed) throws IOException, DataException {
        Model model = ModelFile.load(modelFile);
        Frame frame = MissingColumns.asModelReads(model, DataLoader.load(new DataSource(dataFile, null, null, null)));
        String targetName = model.target().name();
        double[] truth = null;
        Frame data = frame;
        if (frame.hasColumn(targetName)) {
            Column y = frame.column(targetName);
            int[] keep = java.util.stream.IntStream.range(0, y.size()).filter(i -> !y.isMissing(i)).toArray();
            data = frame.select(keep);
            Column kept = data.column(targetName);
            truth = new double[keep.length];
            for (int i = 0; i < truth.length; i++) {
                String value = kept instanceof CategoricalColumn c ? c.level(i)
                        : Json.number(((NumericColumn) kept).value(i));
                if (model.target().isMulticlass()) {
                    truth[i] = model.target().levels().indexOf(value);
                    if (truth[i] < 0) {
                        throw new DataException(dataFile + ": " + targetName + " holds '" + value + "' at row "
                                + (keep[i] + 1) + ", which is not one of the model's classes "
                                + model.target().levels());
                    }
                    continue;
                }
                truth[i] = model.target().isClassification() ? (value.equals(model.target().positive()) ? 1 : 0)
                        : ((NumericColumn) kept).value(i);
            }
        }
        GlobalExplanation g;
        try {
            g = GlobalExplanation.of(model, data, truth, null, seed);
        } catch (IllegalArgumentException e) {
            throw new DataException(dataFile + ": " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(model.family()).append(" model of ").append(targetName).append(" on ").append(dataFile)
                .append(String.format(Locale.ROOT, " (%,d rows)%n", data.rows()));
        if (g.importance().isEmpty()) {
            sb.append("no ").append(targetName).append(" column in the data: no importance, partial dependence only\n");
        } else {
            sb.append("importance: drop in ").append(g.metric().key().toUpperCase(Locale.ROOT))
                    .append(" when a feature is shuffled (").append(g.repeats())
                    .append(" shuffles each, on these rows: on the model's own training rows it flatters the model)\n");
            for (var f : g.importance()) {
                sb.append(String.format(Locale.ROOT, "  %-16s %8.4f ± %.4f%n", f.feature(), f.meanDrop(),
                        f.standardDeviation()));
            }
        }
        sb.append("partial dependence: the mean score with the feature set to each value\n");
        int shown = 0;
        for (var curve : g.partialDependence()) {
            if (shown++ == GlobalExplanation.TOP_FEATURES) {
                break;
            }
            sb.append("  ").append(curve.feature()).append(':');
            for (int k = 0; k < curve.meanScore().length; k++) {
                String at = curve.categorical() ? curve.levels().get(k) : Json.number(curve.grid()[k]);
                sb.append(' ').append(at).append(" -> ").append(String.format(Locale.ROOT, "%.3f", curve.meanScore()[k]))
                        .append(k + 1 < curve.meanScore().length ? "," : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Explains data row {@code row} (1-based, the header not counted) of the data file.
     *
     * @throws DataException when the row number is outside the data, naming the number of rows, or the data
     *     lacks a column the model reads
     */
    public static String explainRow(Path modelFile, Path dataFile, int row) throws IOException, DataException {
        Model model = ModelFile.load(modelFile);
        Frame frame = DataLoader.load(new DataSource(dataFile, null, null, null));
        if (row < 1 || row > frame.rows()) {
            throw new DataException(dataFile + " has " + String.format(Locale.ROOT, "%,d", frame.rows())
                    + " data rows (1 to " + frame.rows() + "); there is no row " + row);
        }
        Row values;
        Explanation e;
        try {
            values = row(model, frame, row - 1);
            e = model.explain(values);
        } catch (IllegalArgumentException ex) {
            throw new DataException(dataFile + ": " + ex.getMessage());
        }
        return text(model, dataFile, row, values, e);
    }

    /**
     * Data row {@code i} (0-based) as named values, reading the model's features by name: numbers, levels as
     * text, null for missing.
     *
     * @throws IllegalArgumentException when the frame lacks a feature of the model
     */
    static Row row(Model model, Frame frame, int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Feature f : model.schema().features()) {
            if (!frame.hasColumn(f.name())) {
                throw new IllegalArgumentException("the data has no column '" + f.name() + "', which the model needs");
            }
            Column c = frame.column(f.name());
            if (c instanceof CategoricalColumn cat) {
                values.put(f.name(), cat.isMissing(i) ? null : cat.level(i));
            } else {
                double v = ((NumericColumn) c).value(i);
                values.put(f.name(), Double.isNaN(v) ? null : (Object) v);
            }
        }
        return Row.of(values);
    }

    private static String text(Model model, Path dataFile, int row, Row values, Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("row ").append(row).append(" of ").append(dataFile.getFileName()).append('\n');
        int width = 8;
        for (Explanation.Contribution c : e.contributions()) {
            width = Math.max(width, c.feature().length());
        }
        boolean classification = model.target().isClassification() || model.target().isMulticlass();
        String positive = model.target().isMulticlass() ? e.explainedClass() : model.target().positive();
        if (model.target().isMulticlass()) {
            sb.append(String.format(Locale.ROOT, "called %s, the most probable class (probability %.4f); the"
                    + " contributions explain %s's score%n", positive, e.score(), positive));
        } else if (classification) {
            sb.append(String.format(Locale.ROOT, "score: %.4f (probability that %s = %s); called %s at threshold %s%n",
                    e.score(), model.target().name(), positive, e.score() >= model.threshold() ? positive
                            : model.target().negative(), Json.number(model.threshold())));
        } else {
            sb.append("score: ").append(Json.number(e.score())).append(" (predicted ").append(model.target().name())
                    .append(")\n");
        }
        if (model.calibration() != null) {
            sb.append("explained before calibration: the contributions add up to the model's uncalibrated score, which the "
                    + model.calibration().method() + " calibrator maps to the probability above\n");
        }
        sb.append("explained on the ").append(e.scale().words()).append(" scale, from the baseline ")
                .append(fmt(e.baseline())).append(" (the expected ").append(e.scale().words())
                .append(" of the model's reference rows)\n");
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-16s  %12s%n", "feature", "value", "contribution"));
        for (Explanation.Contribution c : e.byImportance()) {
            String v = c.value() == null ? "(missing)" : c.value() instanceof Double d ? Json.number(d) : c.value().toString();
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-16s  %+12.6f%n", c.feature(), v, c.contribution()));
        }
        double sum = 0;
        for (Explanation.Contribution c : e.contributions()) {
            sum += c.contribution();
        }
        sb.append("sum: baseline ").append(fmt(e.baseline())).append(" + contributions ").append(fmt(sum))
                .append(" = ").append(fmt(e.total())).append("; score on the ").append(e.scale().words())
                .append(" scale ").append(fmt(e.value())).append('\n');
        appendReasons(sb, e.reasons(REASONS, Explanation.Direction.RAISES), classification
                ? "reasons towards " + positive : "reasons the prediction is higher");
        appendReasons(sb, e.reasons(REASONS, Explanation.Direction.LOWERS), classification
                ? "reasons away from " + positive : "reasons the prediction is lower");
        return sb.toString();
    }

    private static void appendReasons(StringBuilder sb, List<String> reasons, String title) {
        sb.append(title).append(':');
        if (reasons.isEmpty()) {
            sb.append(" none\n");
            return;
        }
        sb.append('\n');
        for (int k = 0; k < reasons.size(); k++) {
            sb.append("  ").append(k + 1).append(". ").append(reasons.get(k)).append('\n');
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
