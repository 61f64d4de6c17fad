package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
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
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code occam explain}: one decision taken apart (the row's values, the score, the baseline, every
 * feature's contribution, that they add up, and the reasons in words), or, without data, the model as a
 * person reads it ({@link Model#describe()}).
 */
public final class ExplainJob {

    /** Reasons printed per side. */
    static final int REASONS = 3;

    private ExplainJob() {
    }

    /** The readable model: preparation, coefficients, rules, points or trees. */
    public static String describe(Path modelFile) throws IOException {
        return ModelFile.load(modelFile).describe() + "\n";
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
                double v = ((NumericColumn) c).values()[i];
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
        boolean classification = model.target().isClassification();
        String positive = model.target().positive();
        if (classification) {
            sb.append(String.format(Locale.ROOT, "score: %.4f (probability that %s = %s); called %s at threshold %s%n",
                    e.score(), model.target().name(), positive, e.score() >= model.threshold() ? positive
                            : model.target().negative(), Json.number(model.threshold())));
        } else {
            sb.append("score: ").append(Json.number(e.score())).append(" (predicted ").append(model.target().name())
                    .append(")\n");
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
