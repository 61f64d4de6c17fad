package dev.occam.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tree rung on Spark is the local tree rung's method: where MLlib can try the same splits as the local tree (no
 * missing values, fewer than 10,000 rows, so MLlib's candidate thresholds are the midpoints between adjacent values
 * as the local tree's, and a category's levels ordered by their share or mean as the local tree orders them),
 * MLlib's tree grown with rpart's controls and cut back by the local cost-complexity rule
 * ({@link SparkFamily#pruned}) is the local {@link DecisionTree}'s tree: every row's score to 1e-12, a two-class
 * target's (the class probability tree) as a number's.
 */
class SparkTreePruningTest {

    private static final int ROWS = 1500;
    private static final int COLUMNS = 4;
    private static final List<String> LEVELS = List.of("a", "b", "c", "d", "e", "f");

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tree_whereSplitsCanAgree_equalsTheLocalTreeOnEveryRow(boolean classification) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[COLUMNS][ROWS];
        double[] y = new double[ROWS];
        int[] group = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            group[i] = random.nextInt(LEVELS.size());
            double signal = group[i] == 1 || group[i] == 4 ? 1.5 : group[i] == 2 ? -0.7 : 0;
            for (int j = 0; j < COLUMNS; j++) {
                x[j][i] = random.nextInt(120);
                signal += (j % 2 == 0 ? 1 : -1) * (x[j][i] - 60) / (20.0 * (j + 1));
            }
            double noisy = signal + random.nextGaussian();
            y[i] = classification ? (noisy > 0 ? 1 : 0) : noisy;
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < COLUMNS; j++) {
            columns.add(new NumericColumn("x" + j, x[j]));
        }
        columns.add(new CategoricalColumn("g", LEVELS, group));
        Frame frame = new Frame(columns);
        TargetInfo info = classification ? TargetInfo.classification("y", "1", "0") : TargetInfo.regression("y");
        Model local = new DecisionTree(DecisionTree.Options.defaults()).fit(frame, new Target(info, y));

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(RowFactory.create((long) i, y[i], Vectors.dense(row(x, group, i))));
        }
        StructType type = DataTypes.createStructType(List.of(
                DataTypes.createStructField(SparkTable.ROW, DataTypes.LongType, false),
                DataTypes.createStructField(SparkTable.LABEL, DataTypes.DoubleType, false),
                features().toStructField()));
        Dataset<Row> data = LocalSpark.session().createDataFrame(rows, type);
        int[] levels = new int[COLUMNS + 1];
        levels[COLUMNS] = LEVELS.size();
        Prep codes = new Prep(Prep.Kind.CODES, new double[COLUMNS + 1], levels);
        SparkFamily.Fitted fitted = SparkFamily.fit("tree", data, classification, codes, LEVELS.size(), 42L,
                SparkFamily.Settings.DEFAULTS, functions.lit(false));
        List<Row> scored = fitted.score(data).select(SparkTable.ROW, SparkFamily.SCORE).collectAsList();

        double worst = 0;
        java.util.Set<Double> leaves = new java.util.HashSet<>();
        for (Row r : scored) {
            int i = (int) r.getLong(0);
            worst = Math.max(worst, Math.abs(local.score(row(x, group, i)) - r.getDouble(1)));
            leaves.add(r.getDouble(1));
        }
        assertEquals(ROWS, scored.size());
        // A tree that was not cut back would have many more leaves than a pruned one; this one has a handful.
        assertTrue(leaves.size() > 3 && leaves.size() < 40, "leaves: " + leaves.size());
        assertTrue(worst <= 1e-12, "largest difference from the local tree: " + worst);
    }

    /** Row i as both engines read it: the numbers, then the level's code. */
    private static double[] row(double[][] x, int[] group, int i) {
        double[] v = new double[COLUMNS + 1];
        for (int j = 0; j < COLUMNS; j++) {
            v[j] = x[j][i];
        }
        v[COLUMNS] = group[i];
        return v;
    }

    /** The feature vector's metadata: the last column nominal, so MLlib splits it as a set of levels. */
    private static AttributeGroup features() {
        Attribute[] out = new Attribute[COLUMNS + 1];
        for (int j = 0; j < COLUMNS; j++) {
            out[j] = NumericAttribute.defaultAttr().withName("x" + j).withIndex(j);
        }
        out[COLUMNS] = NominalAttribute.defaultAttr().withName("g").withIndex(COLUMNS).withNumValues(LEVELS.size());
        return new AttributeGroup(SparkFamily.FEATURES, out);
    }
}
