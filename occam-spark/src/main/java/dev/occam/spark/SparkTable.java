package dev.occam.spark;

import dev.occam.core.data.DataException;
import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.usecase.DataSpec;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The use case's rows as Spark holds them. Spark reads the data itself (CSV with a header, {@code NA} or an empty
 * field missing; Parquet; a query over JDBC), and every row is encoded as Occam encodes one: a number as it is, a
 * category as its level's code among the column's levels in sorted order, missing as null. Each row carries its
 * position (file order), its target value and its fold in each repeat, computed on the driver by the local
 * engine's own splitter from the seed and the target ({@link Splitter.KFold}), so both engines validate on the
 * same rows.
 *
 * <p>What the driver holds: the target and the protected columns (one value per row, for the folds and the
 * fairness audit), the levels of every categorical feature, and a seeded sample of at most {@link #SAMPLE_ROWS}
 * rows (the card's data profile, the report's histograms and examples, typical values, latency).
 */
final class SparkTable {

    static final String ROW = "occam_row";
    static final String LABEL = "occam_label";
    /** Rows the driver keeps as an Occam frame for the card, the report and the models' typical values. */
    static final int SAMPLE_ROWS = 20_000;
    /** A category with more levels than this is set aside: trees need a bin per level, and it is an identifier. */
    static final int MAX_LEVELS = 1_000;

    final Dataset<Row> rows;
    final Schema schema;
    final Target target;
    final int rowsRead;
    final int rowsDropped;
    final Frame protectedColumns;
    final Frame sampleTable;
    final Frame sampleFeatures;
    final Target sampleTarget;
    final Splitter splitter;
    final List<Fold> folds;
    final double testTrainRatio;
    final Map<String, String> setAside;
    final List<String> notes;
    /** Positions in the file of the rows that have a target, in order (row k of the table is file row keptRows[k]). */
    final int[] keptRows;

    private SparkTable(Dataset<Row> rows, Schema schema, Target target, int rowsRead, int rowsDropped,
            Frame protectedColumns, Frame sampleTable, Frame sampleFeatures, Target sampleTarget, Splitter splitter,
            List<Fold> folds, Map<String, String> setAside, List<String> notes, int[] keptRows) {
        this.rows = rows;
        this.schema = schema;
        this.target = target;
        this.rowsRead = rowsRead;
        this.rowsDropped = rowsDropped;
        this.protectedColumns = protectedColumns;
        this.sampleTable = sampleTable;
        this.sampleFeatures = sampleFeatures;
        this.sampleTarget = sampleTarget;
        this.splitter = splitter;
        this.folds = folds;
        this.testTrainRatio = folds.stream().mapToDouble(f -> (double) f.test().length / f.train().length)
                .average().orElseThrow();
        this.setAside = setAside;
        this.notes = notes;
        this.keptRows = keptRows;
    }

    static String feature(int j) {
        return "f" + j;
    }

    static String fold(int repeat) {
        return "fold" + repeat;
    }

    /** The data as Spark reads it. @throws DataException naming the file or the query when Spark cannot */
    static Dataset<Row> read(SparkSession spark, DataSpec data) throws DataException {
        try {
            if (data.path() != null) {
                String path = data.path().toString();
                String lower = path.toLowerCase(java.util.Locale.ROOT);
                if (lower.endsWith(".parquet")) {
                    return spark.read().parquet(path);
                }
                if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
                    return spark.read().option("header", "true").option("inferSchema", "true")
                            .option("nullValue", "NA").csv(path);
                }
                throw new DataException("the Spark engine reads CSV (.csv, .csv.gz) and Parquet (.parquet) files; "
                        + path + " is neither");
            }
            if (data.jdbc() != null) {
                // A query as a derived table: the database runs it, Spark reads its rows.
                return spark.read().jdbc(data.jdbc(), "(" + data.sql() + ") occam_query", new Properties());
            }
        } catch (DataException e) {
            throw e;
        } catch (Exception e) {
            // Scala throws AnalysisException (a missing file, a bad query) without declaring it.
            throw new DataException("Spark cannot read the data: " + e.getMessage(), e);
        }
        throw new DataException("data.sql without data.jdbc is a DuckDB query, which the Spark engine does not "
                + "run; give data.path (CSV or Parquet) or data.jdbc with data.sql");
    }

    /**
     * @throws IllegalArgumentException when the data do not fit the use case (naming the column), or the use case
     *     asks for what this engine does not do (grouped or time-ordered folds, three or more classes)
     */
    static SparkTable of(SparkSession spark, UseCase useCase, Dataset<Row> raw) {
        var selection = useCase.selection();
        if (selection.groups() != null || selection.timeOrdered()) {
            throw new IllegalArgumentException("the Spark engine makes stratified k-fold splits only; run this use "
                    + "case (selection." + (selection.groups() != null ? "groups" : "split: time")
                    + ") on the local engine");
        }
        if (selection.balancedClasses()) {
            throw new IllegalArgumentException("the Spark engine does not weigh classes; run this use case "
                    + "(selection.class_weight: balanced) on the local engine");
        }
        List<String> notes = new ArrayList<>();
        StructType type = raw.schema();
        List<String> columns = List.of(type.fieldNames());
        Map<String, String> setAside = setAside(useCase, columns, notes);
        if (!columns.contains(useCase.target())) {
            throw new IllegalArgumentException("target column '" + useCase.target() + "' is not in the data; "
                    + "columns are " + String.join(", ", columns));
        }
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (StructField f : type.fields()) {
            numeric.put(f.name(), isNumeric(f.dataType()));
        }
        List<String> featureNames = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(useCase.target()) && !setAside.containsKey(c)) {
                featureNames.add(c);
            }
        }
        // Levels of every categorical feature, the target and the protected columns, in one pass.
        List<String> categorical = new ArrayList<>();
        for (String c : columns) {
            if (!numeric.get(c) && (featureNames.contains(c) || c.equals(useCase.target())
                    || useCase.fairness().protectedAttributes().contains(c))) {
                categorical.add(c);
            }
        }
        Map<String, List<String>> levels = levels(raw, categorical);
        List<Feature> features = new ArrayList<>();
        for (String c : new ArrayList<>(featureNames)) {
            if (numeric.get(c)) {
                features.add(Feature.numeric(c));
            } else if (levels.get(c).size() > MAX_LEVELS) {
                featureNames.remove(c);
                setAside.put(c, levels.get(c).size() + " levels, more than the Spark engine's " + MAX_LEVELS
                        + " (an identifier?)");
                notes.add("not used as a feature: " + c + " has " + levels.get(c).size() + " levels");
            } else {
                features.add(Feature.categorical(c, levels.get(c)));
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no feature columns are left once the target and the excluded columns "
                    + "are set aside");
        }
        Schema schema = new Schema(features);

        // The target and the protected columns on the driver, in file order, read by the local engine's rules.
        List<String> driverColumns = new ArrayList<>();
        driverColumns.add(useCase.target());
        for (String p : useCase.fairness().protectedAttributes()) {
            if (!driverColumns.contains(p)) {
                driverColumns.add(p);
            }
        }
        List<Row> collected = raw.select(driverColumns.stream().map(functions::col).toArray(
                org.apache.spark.sql.Column[]::new)).collectAsList();
        int rowsRead = collected.size();
        List<Column> driver = new ArrayList<>();
        for (int c = 0; c < driverColumns.size(); c++) {
            String name = driverColumns.get(c);
            driver.add(column(name, collected, c, numeric.get(name), levels.get(name)));
        }
        double[] position = new double[rowsRead];
        for (int i = 0; i < rowsRead; i++) {
            position[i] = i;
        }
        driver.add(new NumericColumn(ROW, position));
        List<String> drop = new ArrayList<>(driverColumns.subList(1, driverColumns.size()));
        LabelledData labelled = LabelledData.of(new Frame(driver), useCase.target(), useCase.task(),
                useCase.positive(), drop);
        notes.addAll(labelled.notes());
        Target target = labelled.target();
        if (target.isMulticlass()) {
            throw new IllegalArgumentException("the Spark engine plays two-class classification and regression; "
                    + useCase.target() + " has " + target.info().classCount() + " classes: run it on the local engine");
        }
        int[] kept = labelled.keptRows();
        Frame driverKept = new Frame(driver.subList(0, driver.size() - 1)).select(kept);
        Frame protectedColumns = new Frame(useCase.fairness().protectedAttributes().stream()
                .map(driverKept::column).toList());

        Splitter splitter = new Splitter.KFold(selection.seed(), selection.folds(), selection.repeats());
        List<Fold> folds = splitter.folds(target.size(), target.strata());
        int repeats = selection.repeats();
        int[][] foldOf = new int[repeats][target.size()];
        for (Fold f : folds) {
            for (int i : f.test()) {
                foldOf[f.repeat()][i] = f.index();
            }
        }
        int[] keptPosition = new int[rowsRead];
        java.util.Arrays.fill(keptPosition, -1);
        for (int k = 0; k < kept.length; k++) {
            keptPosition[kept[k]] = k;
        }

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<int[]> positions = jsc.broadcast(keptPosition);
        Broadcast<int[][]> foldsOf = jsc.broadcast(foldOf);
        Broadcast<double[]> labels = jsc.broadcast(target.values());
        int[] index = featureNames.stream().mapToInt(columns::indexOf).toArray();
        List<Map<String, Integer>> codes = new ArrayList<>();
        for (Feature f : features) {
            Map<String, Integer> m = new HashMap<>();
            if (f.isCategorical()) {
                for (int l = 0; l < f.levels().size(); l++) {
                    m.put(f.levels().get(l), l);
                }
            }
            codes.add(m);
        }
        Broadcast<List<Map<String, Integer>>> levelCodes = jsc.broadcast(codes);
        JavaRDD<Row> encoded = raw.javaRDD().zipWithIndex().flatMap(t -> {
            int k = positions.value()[(int) (long) t._2()];
            if (k < 0) {
                return java.util.Collections.emptyIterator();
            }
            Row r = t._1();
            Object[] values = new Object[2 + index.length + repeats];
            values[0] = (long) k;
            values[1] = labels.value()[k];
            for (int j = 0; j < index.length; j++) {
                Object v = r.get(index[j]);
                Map<String, Integer> m = levelCodes.value().get(j);
                if (v == null) {
                    values[2 + j] = null;
                } else if (m.isEmpty()) {
                    double d = ((Number) v).doubleValue();
                    values[2 + j] = Double.isNaN(d) ? null : d;
                } else {
                    values[2 + j] = (double) m.get(v.toString());
                }
            }
            for (int rep = 0; rep < repeats; rep++) {
                values[2 + index.length + rep] = foldsOf.value()[rep][k];
            }
            return java.util.List.of(RowFactory.create(values)).iterator();
        });
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ROW, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(LABEL, DataTypes.DoubleType, false));
        for (int j = 0; j < index.length; j++) {
            fields.add(DataTypes.createStructField(feature(j), DataTypes.DoubleType, true));
        }
        for (int rep = 0; rep < repeats; rep++) {
            fields.add(DataTypes.createStructField(fold(rep), DataTypes.IntegerType, false));
        }
        Dataset<Row> rows = spark.createDataFrame(encoded, DataTypes.createStructType(fields)).cache();
        rows.count();

        // A seeded sample on the driver: the card's profile, the report's histograms and examples.
        Sample sample = sample(rows, schema, featureNames, target, selection.seed());
        if (sample.table.rows() < rowsRead) {
            notes.add("the data profile in the card and the report is of a seeded sample of " + sample.table.rows()
                    + " of the " + rowsRead + " rows (the Spark engine keeps the rows on the cluster)");
        }
        return new SparkTable(rows, schema, target, rowsRead, labelled.rowsDropped(), protectedColumns,
                sample.table, sample.features, sample.target, splitter, folds, setAside, notes, kept);
    }

    private record Sample(Frame table, Frame features, Target target) {
    }

    private static Sample sample(Dataset<Row> rows, Schema schema, List<String> featureNames, Target target,
            long seed) {
        int n = target.size();
        // Row positions of the sample among the kept rows, chosen on the driver with the seed.
        int take = Math.min(n, SAMPLE_ROWS);
        int[] chosen;
        if (take == n) {
            chosen = new int[n];
            for (int i = 0; i < n; i++) {
                chosen[i] = i;
            }
        } else {
            java.util.Random random = new java.util.Random(seed);
            TreeSet<Integer> set = new TreeSet<>();
            while (set.size() < take) {
                set.add(random.nextInt(n));
            }
            chosen = set.stream().mapToInt(Integer::intValue).toArray();
        }
        // The encoded rows at those positions (they carry it), fetched in one filter.
        List<Row> picked;
        List<Integer> keptOrder;
        {
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (int c : chosen) {
                wanted.add((long) c);
            }
            // The encoded rows hold the features; the table columns that are not features come from the raw rows.
            List<org.apache.spark.sql.Column> select = new ArrayList<>();
            select.add(functions.col(ROW));
            for (int j = 0; j < featureNames.size(); j++) {
                select.add(functions.col(feature(j)));
            }
            picked = rows.select(select.toArray(org.apache.spark.sql.Column[]::new))
                    .filter(functions.col(ROW).isin(wanted.toArray())).orderBy(ROW).collectAsList();
            keptOrder = new ArrayList<>();
            for (Row r : picked) {
                keptOrder.add((int) r.getLong(0));
            }
        }
        int m = picked.size();
        List<Column> featureColumns = new ArrayList<>();
        for (int j = 0; j < featureNames.size(); j++) {
            Feature f = schema.feature(j);
            if (f.isNumeric()) {
                double[] v = new double[m];
                for (int i = 0; i < m; i++) {
                    v[i] = picked.get(i).isNullAt(j + 1) ? Double.NaN : picked.get(i).getDouble(j + 1);
                }
                featureColumns.add(new NumericColumn(f.name(), v));
            } else {
                int[] c = new int[m];
                for (int i = 0; i < m; i++) {
                    c[i] = picked.get(i).isNullAt(j + 1) ? CategoricalColumn.MISSING
                            : (int) picked.get(i).getDouble(j + 1);
                }
                featureColumns.add(new CategoricalColumn(f.name(), f.levels(), c));
            }
        }
        Frame features = new Frame(featureColumns);
        int[] at = keptOrder.stream().mapToInt(Integer::intValue).toArray();
        Target sampleTarget = target.select(at);
        // The table as the card describes it: the features and the target (the other columns are not profiled).
        List<Column> table = new ArrayList<>(featureColumns);
        table.add(target.info().isRegression() ? new NumericColumn(target.info().name(), sampleTarget.values())
                : targetColumn(target.info(), sampleTarget.values()));
        return new Sample(new Frame(table), features, sampleTarget);
    }

    private static Column targetColumn(dev.occam.runtime.TargetInfo info, double[] values) {
        List<String> names = List.of(info.negative(), info.positive());
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = (int) values[i];
        }
        return new CategoricalColumn(info.name(), names, codes);
    }

    private static boolean isNumeric(DataType type) {
        return type instanceof NumericType && !(type instanceof BooleanType);
    }

    /** Each column's distinct present values, sorted, computed in one aggregation. */
    private static Map<String, List<String>> levels(Dataset<Row> raw, List<String> columns) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return out;
        }
        org.apache.spark.sql.Column[] sets = columns.stream()
                .map(c -> functions.collect_set(functions.col(c).cast(DataTypes.StringType)))
                .toArray(org.apache.spark.sql.Column[]::new);
        Row row = raw.agg(sets[0], java.util.Arrays.copyOfRange(sets, 1, sets.length)).first();
        for (int c = 0; c < columns.size(); c++) {
            List<String> values = new ArrayList<>(row.<String>getList(c));
            java.util.Collections.sort(values);
            out.put(columns.get(c), values);
        }
        return out;
    }

    /** One collected column as Occam reads it: numbers as they are, text by its sorted levels, null missing. */
    private static Column column(String name, List<Row> rows, int c, boolean numeric, List<String> levels) {
        if (numeric) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i).isNullAt(c) ? Double.NaN : ((Number) rows.get(i).get(c)).doubleValue();
            }
            return new NumericColumn(name, v);
        }
        Map<String, Integer> code = new HashMap<>();
        for (int l = 0; l < levels.size(); l++) {
            code.put(levels.get(l), l);
        }
        int[] codes = new int[rows.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rows.get(i).isNullAt(c) ? CategoricalColumn.MISSING : code.get(rows.get(i).get(c).toString());
        }
        return new CategoricalColumn(name, levels, codes);
    }

    /** Columns that are never features, each with the reason, as the local engine sets them aside. */
    private static Map<String, String> setAside(UseCase useCase, List<String> columns, List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String column : useCase.data().exclude()) {
            requireColumn(columns, column, "data.exclude");
            out.put(column, "excluded by the use case");
        }
        for (String column : useCase.fairness().protectedAttributes()) {
            requireColumn(columns, column, "fairness.protected");
            if (!useCase.fairness().useProtected()) {
                out.putIfAbsent(column, "protected attribute (fairness.use_protected is false)");
            }
        }
        if (useCase.time() != null) {
            requireColumn(columns, useCase.time(), "time");
            out.put(useCase.time(), "orders the rows in time (time)");
        }
        if (!out.isEmpty()) {
            notes.add("not used as features: " + String.join(", ", out.keySet()));
        }
        return out;
    }

    private static void requireColumn(List<String> columns, String column, String key) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException(key + " names column '" + column + "', which is not in the data; "
                    + "columns are " + String.join(", ", columns));
        }
    }
}
