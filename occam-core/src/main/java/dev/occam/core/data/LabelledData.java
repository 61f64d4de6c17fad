package dev.occam.core.data;

import dev.occam.runtime.Task;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A table split into the features a learner may read and the target it learns, with the decisions
 * made on the way written down as notes (rows dropped, task or positive class inferred), so the
 * user is told.
 */
public record LabelledData(Frame features, Target target, int rowsDropped, int[] keptRows, List<String> notes) {

    public LabelledData {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        notes = List.copyOf(notes);
        keptRows = keptRows.clone();
    }

    /** The rows of the original table that were kept (those with a target value), in order. */
    @Override
    public int[] keptRows() {
        return keptRows.clone();
    }

    /**
     * Separates the target column from the table.
     *
     * @param task the stated task, or null to infer it (categorical or two-valued -> classification)
     * @param positive the stated positive class, or null to take the rarer class
     * @param dropColumns columns that are never features (exclusions, protected attributes)
     * @throws IllegalArgumentException with a one-line message naming the column or value at fault
     */
    /**
     * When a column differs from {@code name} only in case: many databases (H2, Oracle, Snowflake) upper-case names
     * that are not quoted in the query, so say so. Empty when none does.
     */
    public static String caseHint(Frame table, String name) {
        for (String n : table.schema().names()) {
            if (n.equalsIgnoreCase(name)) {
                return " ('" + n + "' differs only in case: a database may upper-case names the query does not quote;"
                        + " write \"" + name + "\" in the query, or use '" + n + "' in the use case)";
            }
        }
        return "";
    }

    public static LabelledData of(Frame table, String targetName, Task task, String positive, List<String> dropColumns) {
        if (!table.hasColumn(targetName)) {
            throw new IllegalArgumentException("target column '" + targetName + "' is not in the data; columns are "
                    + String.join(", ", table.schema().names()) + caseHint(table, targetName));
        }
        List<String> notes = new ArrayList<>();
        Column y = table.column(targetName);
        int[] keep = java.util.stream.IntStream.range(0, y.size()).filter(i -> !y.isMissing(i)).toArray();
        int dropped = y.size() - keep.length;
        if (dropped > 0) {
            notes.add("dropped " + dropped + " rows with no value of " + targetName);
        }
        if (keep.length == 0) {
            throw new IllegalArgumentException("target column '" + targetName + "' has no values");
        }
        Frame rows = dropped > 0 ? table.select(keep) : table;
        Column yc = rows.column(targetName);
        List<String> drop = new ArrayList<>(dropColumns);
        drop.add(targetName);
        Frame features = rows.without(drop);
        if (features.columnCount() == 0) {
            throw new IllegalArgumentException("no feature columns are left once the target and the excluded columns are set aside");
        }
        List<String> values = distinctValues(yc);
        Task resolved = task;
        if (resolved == null) {
            resolved = yc instanceof CategoricalColumn || values.size() == 2 ? Task.CLASSIFICATION : Task.REGRESSION;
            notes.add("task inferred: " + resolved.word() + " ("
                    + targetName + " has " + values.size() + " distinct values)");
        }
        if (resolved != Task.REGRESSION && values.size() > 2) {
            return multiclass(features, yc, targetName, values, positive, dropped, keep, notes);
        }
        if (resolved == Task.REGRESSION) {
            if (!(yc instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("target '" + targetName + "' holds text (for example '" + values.get(0)
                        + "'), so it cannot be a regression target");
            }
            return new LabelledData(features, new Target(TargetInfo.regression(targetName), nc.values().clone()),
                    dropped, keep, notes);
        }
        if (values.size() != 2) {
            throw new IllegalArgumentException("target '" + targetName + "' has " + values.size() + " class ("
                    + preview(values) + "); a classification target needs two or more");
        }
        String pos = positive;
        if (pos == null) {
            double share = share(yc, values.get(0));
            pos = share <= 0.5 ? values.get(0) : values.get(1);
            notes.add("positive class inferred: " + pos + " (the rarer class)");
        } else if (!values.contains(pos)) {
            throw new IllegalArgumentException("positive class '" + pos + "' is not a value of '" + targetName
                    + "'; its values are " + String.join(", ", values));
        }
        String neg = values.get(0).equals(pos) ? values.get(1) : values.get(0);
        double[] v = new double[yc.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = text(yc, i).equals(pos) ? 1.0 : 0.0;
        }
        return new LabelledData(features, new Target(TargetInfo.classification(targetName, pos, neg), v), dropped, keep, notes);
    }

    /** The most classes a multiclass target may have: more are rarely classes, and each costs a model per class. */
    public static final int MAX_CLASSES = 50;

    /** A target of three or more classes: codes 0..K-1 in the sorted order of the class names. */
    private static LabelledData multiclass(Frame features, Column yc, String targetName, List<String> values,
            String positive, int dropped, int[] keep, List<String> notes) {
        if (values.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("target '" + targetName + "' has more than " + MAX_CLASSES
                    + " classes (" + preview(values) + "); that is not a classification target Occam can fit");
        }
        if (positive != null) {
            throw new IllegalArgumentException("positive names the class to score among two, but '" + targetName
                    + "' has " + values.size() + " classes (" + preview(values)
                    + "); remove positive to predict every class's probability");
        }
        java.util.Map<String, Integer> code = new java.util.HashMap<>();
        for (int k = 0; k < values.size(); k++) {
            code.put(values.get(k), k);
        }
        double[] v = new double[yc.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = code.get(text(yc, i));
        }
        notes.add("multiclass target: " + targetName + " has " + values.size() + " classes (" + preview(values)
                + "); every class's probability is predicted and the most probable is called");
        return new LabelledData(features, new Target(TargetInfo.multiclass(targetName, values), v), dropped, keep,
                notes);
    }

    private static List<String> distinctValues(Column c) {
        TreeSet<String> set = new TreeSet<>();
        for (int i = 0; i < c.size() && set.size() <= 50; i++) {
            if (!c.isMissing(i)) {
                set.add(text(c, i));
            }
        }
        return new ArrayList<>(set);
    }

    private static String text(Column c, int i) {
        return c instanceof CategoricalColumn cc ? cc.level(i) : Json.number(((NumericColumn) c).value(i));
    }

    private static double share(Column c, String value) {
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            if (text(c, i).equals(value)) {
                n++;
            }
        }
        return (double) n / c.size();
    }

    private static String preview(List<String> values) {
        return values.size() <= 6 ? String.join(", ", values)
                : String.join(", ", values.subList(0, 6)) + ", ...";
    }
}
