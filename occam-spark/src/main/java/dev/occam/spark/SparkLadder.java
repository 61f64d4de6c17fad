package dev.occam.spark;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One family on Spark, on the table's folds: for each fold, its preparation fitted on the training rows, MLlib's
 * fit, every row scored (the training rows set the decision threshold as the local engine sets it, the held-out
 * rows give the fold's metric and the held-out scores); then the refit on every row, brought home as an Occam
 * {@link Model}.
 */
final class SparkLadder {

    /** One family played. */
    record Played(Evaluation evaluation, SparkFamily.Fitted full, Model model, Prep prep, long parameters) {
    }

    /** Called after each fold. */
    interface FoldDone {
        void done(String family);
    }

    private final SparkSession spark;
    private final SparkTable table;
    private final Metric metric;
    private final Double threshold;
    private final long seed;
    private final int maxLevels;
    private final SparkFamily.Settings settings;

    SparkLadder(SparkSession spark, SparkTable table, Metric metric, Double threshold, long seed,
            SparkFamily.Settings settings) {
        this.settings = settings;
        this.spark = spark;
        this.table = table;
        this.metric = metric;
        this.threshold = threshold;
        this.seed = seed;
        int most = 2;
        for (Feature f : table.schema.features()) {
            most = Math.max(most, f.isCategorical() ? f.levels().size() : 0);
        }
        this.maxLevels = most;
    }

    Played play(String id, String family, int rung, FoldDone progress) {
        Target target = table.target;
        boolean classification = target.isClassification();
        int n = target.size();
        int repeats = table.splitter.repeats();
        double[] heldOut = new double[n * repeats];
        double[] thresholds = new double[n * repeats];
        List<FoldResult> results = new ArrayList<>();
        for (Fold fold : table.folds) {
            long start = System.nanoTime();
            Dataset<Row> train = table.rows.filter(
                    functions.col(SparkTable.fold(fold.repeat())).notEqual(fold.index()));
            Prep prep = fitPrep(train, SparkFamily.prepKind(family), settings.missingBelowRange(family));
            Dataset<Row> prepared = prepare(train, prep).cache();
            SparkFamily.Fitted fitted = SparkFamily.fit(family, prepared, classification, prep, maxLevels,
                    seed, settings, innerValidation(fold.train()));
            prepared.unpersist();
            double fitMillis = (System.nanoTime() - start) / 1e6;
            double[] scores = scores(fitted, prep);
            double t = threshold(scores, fold.train(), target);
            double[] test = new double[fold.test().length];
            for (int j = 0; j < test.length; j++) {
                int i = fold.test()[j];
                test[j] = scores[i];
                heldOut[fold.repeat() * n + i] = scores[i];
                thresholds[fold.repeat() * n + i] = t;
            }
            double value = metric.compute(target.select(fold.test()).values(), test, t);
            results.add(new FoldResult(fold.repeat(), fold.index(), value, fitMillis, fold.train().length,
                    fold.test().length));
            progress.done(id);
        }
        Evaluation evaluation = new Evaluation(id, family, rung, metric, results, null,
                new HeldOutScores(n, repeats, heldOut, thresholds));
        Refit refit = refit(family);
        return new Played(evaluation, refit.fitted, refit.model, refit.prep, refit.parameters);
    }

    /** The family fitted on every row, and (when it can come home) as an Occam model. */
    record Refit(SparkFamily.Fitted fitted, Prep prep, Model model, long parameters) {
    }

    Refit refit(String family) {
        Target target = table.target;
        Prep prep = fitPrep(table.rows, SparkFamily.prepKind(family), settings.missingBelowRange(family));
        Dataset<Row> prepared = prepare(table.rows, prep).cache();
        SparkFamily.Fitted fitted = SparkFamily.fit(family, prepared, target.isClassification(), prep,
                maxLevels, seed, settings, innerValidation(java.util.stream.IntStream.range(0, target.size())
                        .toArray()));
        Schema preparedSchema = prep.prepared(table.schema);
        Optional<Scorer> scorer = SparkFamily.toScorer(family, fitted, preparedSchema, target.info());
        Model model = null;
        long parameters;
        if (scorer.isPresent()) {
            Scorer s = scorer.get();
            if (s instanceof LinearScorer linear) {
                // Explanations measure each column from its training mean.
                Vector mean = prepared.select(Summarizer.mean(functions.col(SparkFamily.FEATURES))).first().getAs(0);
                s = linear.withReference(mean.toArray());
            }
            model = new Model(family, target.info(), prep.transforms(table.schema), s);
            if (target.isClassification()) {
                double[] all = scores(fitted, prep);
                int[] every = new int[all.length];
                for (int i = 0; i < every.length; i++) {
                    every[i] = i;
                }
                model = model.withThreshold(threshold(all, every, target));
            }
            model = model.withTypicalValues(table.sampleFeatures);
            parameters = model.parameterCount();
        } else {
            parameters = SparkFamily.parameters(fitted);
        }
        prepared.unpersist();
        return new Refit(fitted, prep, model, parameters);
    }

    /**
     * True on the rows boosting holds out from these training rows to stop early: the rows the local rung holds
     * out from the same training rows ({@link GradientBoosting#validationSplit}, stratified, seeded by the local
     * options' seed), so both engines choose on the same rows.
     */
    private Column innerValidation(int[] trainRows) {
        int[] held = GradientBoosting.validationSplit(table.target.select(trainRows), settings.boosting().seed())[1];
        boolean[] isHeld = new boolean[table.target.size()];
        for (int k : held) {
            isHeld[trainRows[k]] = true;
        }
        UserDefinedFunction lookup = functions.udf((UDF1<Long, Boolean>) row -> isHeld[(int) (long) row],
                DataTypes.BooleanType);
        return lookup.apply(functions.col(SparkTable.ROW));
    }

    /** The stated threshold, or the score that calls positive the share of training rows that are positive. */
    private double threshold(double[] scores, int[] trainRows, Target target) {
        if (!target.isClassification()) {
            return Double.NaN;
        }
        if (threshold != null) {
            return threshold;
        }
        double[] train = new double[trainRows.length];
        for (int j = 0; j < train.length; j++) {
            train[j] = scores[trainRows[j]];
        }
        return DecisionThreshold.matchingPositiveShare(train, target.select(trainRows).mean());
    }

    /** Every row's score by the fitted family, indexed by row position. */
    double[] scores(SparkFamily.Fitted fitted, Prep prep) {
        List<Row> rows = fitted.score(prepare(table.rows, prep)).select(SparkTable.ROW, SparkFamily.SCORE)
                .collectAsList();
        double[] out = new double[table.target.size()];
        for (Row r : rows) {
            out[(int) r.getLong(0)] = r.getDouble(1);
        }
        return out;
    }

    /**
     * The fill values from the training rows: each category's most frequent level, and each number's median
     * (Spark's {@code percentile_approx} at a relative error of 1e-4) or, with {@code belowRange}, a value below
     * every training value ({@link #belowRange}), so that a tree can split the missing values off by themselves.
     */
    Prep fitPrep(Dataset<Row> train, Prep.Kind kind, boolean belowRange) {
        Schema schema = table.schema;
        List<Column> aggregates = new ArrayList<>();
        for (int j = 0; j < schema.size(); j++) {
            Column c = functions.col(SparkTable.feature(j));
            aggregates.add(!schema.feature(j).isNumeric() ? functions.mode(c)
                    : belowRange ? functions.min(c)
                    : functions.percentile_approx(c, functions.lit(0.5), functions.lit(10_000)));
        }
        Row row = train.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .first();
        double[] fill = new double[schema.size()];
        for (int j = 0; j < fill.length; j++) {
            // A column with no value among the training rows is filled with 0 (a number) or the first level.
            fill[j] = row.isNullAt(j) ? 0.0 : ((Number) row.get(j)).doubleValue();
            if (belowRange && schema.feature(j).isNumeric() && !row.isNullAt(j)) {
                fill[j] = belowRange(fill[j]);
            }
        }
        return new Prep(kind, fill, Prep.levelCounts(schema));
    }

    /** A number below {@code min} by at least 1 (and by |min| more, so that it stays below a large minimum). */
    static double belowRange(double min) {
        return min - 1.0 - Math.abs(min);
    }

    /** Rows as MLlib reads them: position, label and the prepared feature vector (categories marked nominal). */
    Dataset<Row> prepare(Dataset<Row> rows, Prep prep) {
        int p = table.schema.size();
        JavaRDD<Row> vectors = rows.javaRDD().map(r -> {
            double[] x = new double[p];
            for (int j = 0; j < p; j++) {
                x[j] = r.isNullAt(2 + j) ? Double.NaN : r.getDouble(2 + j);
            }
            return RowFactory.create(r.getLong(0), r.getDouble(1), Vectors.dense(prep.apply(x)));
        });
        StructType type = DataTypes.createStructType(List.of(
                DataTypes.createStructField(SparkTable.ROW, DataTypes.LongType, false),
                DataTypes.createStructField(SparkTable.LABEL, DataTypes.DoubleType, false),
                attributes(prep).toStructField()));
        return spark.createDataFrame(vectors, type);
    }

    private AttributeGroup attributes(Prep prep) {
        Schema prepared = prep.prepared(table.schema);
        Attribute[] out = new Attribute[prepared.size()];
        for (int j = 0; j < out.length; j++) {
            Feature f = prepared.feature(j);
            out[j] = f.isCategorical()
                    ? NominalAttribute.defaultAttr().withName(f.name()).withIndex(j).withNumValues(f.levels().size())
                    : NumericAttribute.defaultAttr().withName(f.name()).withIndex(j);
        }
        return new AttributeGroup(SparkFamily.FEATURES, out);
    }
}
