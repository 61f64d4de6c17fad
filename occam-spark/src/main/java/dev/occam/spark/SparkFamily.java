package dev.occam.spark;

import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.tree.CostComplexity;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.ConstantScorer;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.NaiveBayesScorer;
import dev.occam.runtime.scorer.Scorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * One rung of the ladder on MLlib: how its rows are prepared ({@link Prep.Kind}), how MLlib fits it, which column
 * of MLlib's output is the score (the positive class's probability, or the predicted value), and how the fitted
 * MLlib model becomes Occam's runtime scorer (as {@code XGBoostModels} brings XGBoost's trees home):
 *
 * <ul>
 *   <li>{@code logistic}: {@code GeneralizedLinearRegression} (binomial, logit; iteratively reweighted least
 *       squares, as R's glm), with its standard errors, into a {@link LinearScorer} on treatment indicators;
 *   <li>{@code linear}: {@code LinearRegression} by the normal equations, with its standard errors;
 *   <li>{@code tree}: grown by MLlib (a regression tree, on the 0/1 label for two classes) with the local tree's
 *       controls and cut back by the local rung's cost-complexity rule ({@link #pruned}); {@code boosting}: its
 *       depth and rounds chosen by the local rung's early stopping on the same inner validation rows, 256 bins
 *       as XGBoost's histograms, a missing number filled below the column's range so its trees can send missing
 *       values their own way;
 *   <li>{@code tree}, {@code random-forest}, {@code boosting}: MLlib's trees node by node, a threshold split
 *       {@code x <= t} becoming Occam's {@code x < nextUp(t)} (the same rows go left), a category split its level
 *       set; a classification leaf's value is its positive share (a forest averages them, as MLlib does), boosted
 *       trees' leaves are scaled by their tree weight, and by 2 for classification, where MLlib's probability is
 *       {@code 1 / (1 + exp(-2 margin))};
 *   <li>{@code naive-bayes}: MLlib's Gaussian naive Bayes on every prepared column (indicators included), its
 *       class means and variances as they are, into a {@link NaiveBayesScorer};
 *   <li>{@code mlp}: MLlib's perceptron on standardised numbers and 0/1 indicators, its L-BFGS iterations chosen
 *       on the same inner validation rows ({@link #perceptron}); cross-validated but not brought home: its hidden
 *       units are logistic and Occam's runtime networks ({@code MlpScorer}) use rectified linear units;
 *   <li>{@code baseline}: the training rows' mean (the positive share), no MLlib model.
 * </ul>
 */
final class SparkFamily {

    /** The families this engine plays, in ladder order. */
    static final List<String> FAMILIES = List.of("baseline", "logistic", "linear", "tree", "naive-bayes",
            "random-forest", "boosting", "mlp");

    static final String FEATURES = "features";
    static final String SCORE = "occam_score";

    /** Why each family the ladder has and this engine does not is missing. */
    static Optional<String> unavailable(String family, boolean classification) {
        return switch (family) {
            case "rules" -> Optional.of("MLlib has no rule lists");
            case "lasso" -> Optional.of("MLlib's elastic net has no inner cross-validation of the penalty as glmnet's");
            case "scorecard" -> Optional.of("MLlib has no weight-of-evidence binning");
            case "knn" -> Optional.of("MLlib has no exact nearest neighbours");
            case "formula" -> Optional.of("MLlib has no nonlinear least squares");
            case "naive-bayes", "mlp" -> classification ? Optional.empty()
                    : Optional.of("MLlib's " + family + " classifies only");
            default -> FAMILIES.contains(family) ? Optional.empty()
                    : Optional.of("not one of this engine's families (" + String.join(", ", FAMILIES) + ")");
        };
    }

    /** The preparation a family's rows get. */
    static Prep.Kind prepKind(String family) {
        return switch (family) {
            case "tree", "random-forest", "boosting" -> Prep.Kind.CODES;
            case "logistic", "linear" -> Prep.Kind.CONTRASTS;
            default -> Prep.Kind.INDICATORS;
        };
    }

    /** A family fitted on Spark: something that adds {@link #SCORE} to prepared rows. */
    interface Fitted {
        Dataset<Row> score(Dataset<Row> prepared);
    }

    /** MLlib's model and the column of its output that is the score. */
    record OnSpark(Model<?> model, Column score) implements Fitted {
        @Override
        public Dataset<Row> score(Dataset<Row> prepared) {
            return model.transform(prepared).withColumn(SCORE, score);
        }
    }

    /** The baseline: one number for every row. */
    record Constant(double value) implements Fitted {
        @Override
        public Dataset<Row> score(Dataset<Row> prepared) {
            return prepared.withColumn(SCORE, functions.lit(value));
        }
    }

    /**
     * Settings of MLlib's learners, close to the local engine's defaults where MLlib allows and Spark's cost per
     * job permits (docs/spark.md says which differ and why). The tree and boosting take the local rungs' own
     * options: the tree is grown with rpart's controls and cut back at their complexity, boosting stops early on
     * the local rung's inner validation rows and chooses its depth among the same depths.
     *
     * @param tree the local tree rung's options ({@link DecisionTree.Options#defaults()})
     * @param boosting the local boosting rung's options: learning rate, most rounds, depth or depths, rounds
     *     without improvement before stopping, the seed of the inner validation rows
     * @param boostingFirstRounds rounds of the first boosting run of each depth; when the validation loss still
     *     improves in its last {@code earlyStopping} rounds, the run is repeated with twice as many (MLlib cannot
     *     add rounds to a model, and its first rounds are the same in every run)
     * @param boostingBins the most bins of a number's values in a boosted tree (XGBoost's {@code hist}: 256)
     * @param boostingMissingApart whether boosting fills a missing number with a value below every training value
     *     (its trees can then send the missing values their own way, as XGBoost learns a direction for them)
     *     rather than with the median
     * @param mlpHidden the perceptron's hidden sizes, the one of least loss on the inner validation rows kept
     * @param mlpIterations the perceptron's L-BFGS iterations tried, in increasing order, each from the same seeded
     *     start, chosen on the inner validation rows (early stopping: MLlib's perceptron has no penalty)
     * @param bins the most bins of a number's values in the forest's trees
     */
    record Settings(DecisionTree.Options tree, int forestTrees, int forestDepth,
            GradientBoosting.Options boosting, int boostingFirstRounds, int boostingBins,
            boolean boostingMissingApart, List<Integer> mlpHidden, List<Integer> mlpIterations, int bins) {

        static final Settings DEFAULTS = new Settings(DecisionTree.Options.defaults(), 100, 12,
                GradientBoosting.Options.defaults(), 100, 256, true, List.of(32), List.of(10, 20, 30, 45, 60, 80, 100),
                32);

        Settings {
            Objects.requireNonNull(tree, "tree");
            Objects.requireNonNull(boosting, "boosting");
            mlpHidden = List.copyOf(mlpHidden);
            mlpIterations = List.copyOf(mlpIterations);
            if (tree.classRisk() != DecisionTree.ClassRisk.SQUARED_ERROR) {
                throw new IllegalArgumentException("the Spark engine grows class probability trees (class risk "
                        + "SQUARED_ERROR), not " + tree.classRisk());
            }
            if (tree.maxDepth() > MLLIB_MAX_DEPTH) {
                throw new IllegalArgumentException("MLlib grows trees to depth " + MLLIB_MAX_DEPTH + " at most: "
                        + tree.maxDepth());
            }
            if (boosting.earlyStopping() < 1) {
                throw new IllegalArgumentException("boosting on Spark stops early; earlyStopping must be >= 1: "
                        + boosting.earlyStopping());
            }
            if (mlpHidden.isEmpty() || mlpHidden.stream().anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("perceptron hidden sizes must be >= 1, at least one: " + mlpHidden);
            }
            for (int i = 0; i < mlpIterations.size(); i++) {
                if (mlpIterations.get(i) < 1 || i > 0 && mlpIterations.get(i) <= mlpIterations.get(i - 1)) {
                    throw new IllegalArgumentException("perceptron iterations must be >= 1 and increasing: "
                            + mlpIterations);
                }
            }
            if (mlpIterations.isEmpty() || forestTrees < 1 || forestDepth < 1 || boostingFirstRounds < 1
                    || boostingBins < 2 || bins < 2) {
                throw new IllegalArgumentException("Spark settings out of range: forest " + forestTrees
                        + " trees of depth " + forestDepth + ", boosting's first run " + boostingFirstRounds
                        + " rounds and " + boostingBins + " bins, perceptron iterations " + mlpIterations
                        + ", bins " + bins);
            }
        }

        /** Whether the family's missing numbers are filled below their range rather than with the median. */
        boolean missingBelowRange(String family) {
            return boostingMissingApart && family.equals("boosting");
        }
    }

    /**
     * Rows per leaf of a boosted tree: XGBoost's {@code min_child_weight} 1 in hessian units is about 5 rows where
     * p(1 - p) is near the credit example's 0.2; MLlib counts rows.
     */
    static final int BOOSTING_MIN_ROWS = 5;

    /** The deepest tree MLlib grows. */
    static final int MLLIB_MAX_DEPTH = 30;

    /**
     * @param train prepared rows: {@link SparkTable#ROW}, {@link SparkTable#LABEL} and {@link #FEATURES}
     * @param prep the rows' preparation (their width, which columns are numbers)
     * @param maxLevels the most levels of any category (trees need a bin per level)
     * @param innerValidation true on the training rows boosting holds out to stop early (the local rung's rows,
     *     {@link GradientBoosting#validationSplit}); read by {@code boosting} only
     */
    static Fitted fit(String family, Dataset<Row> train, boolean classification, Prep prep, int maxLevels,
            long seed, Settings settings, Column innerValidation) {
        String label = SparkTable.LABEL;
        int bins = Math.max(settings.bins(), maxLevels);
        Column positive = org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64")
                .getItem(1);
        Column prediction = functions.col("prediction");
        switch (family) {
            case "baseline": {
                Row mean = train.agg(functions.avg(label)).first();
                return new Constant(mean.getDouble(0));
            }
            case "logistic":
                return new OnSpark(new GeneralizedLinearRegression().setFamily("binomial").setLink("logit")
                        .setLabelCol(label).setFeaturesCol(FEATURES).setMaxIter(50).setTol(1e-10).fit(train),
                        prediction);
            case "linear":
                return new OnSpark(new LinearRegression().setSolver("normal").setRegParam(0.0)
                        .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), prediction);
            case "tree":
                return tree(train, maxLevels, seed, settings.tree(), prediction);
            case "random-forest":
                return classification
                        ? new OnSpark(new RandomForestClassifier().setNumTrees(settings.forestTrees())
                                .setMaxDepth(settings.forestDepth())
                                .setFeatureSubsetStrategy("sqrt").setMaxBins(bins).setSeed(seed)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), positive)
                        : new OnSpark(new RandomForestRegressor().setNumTrees(settings.forestTrees())
                                .setMaxDepth(settings.forestDepth())
                                .setFeatureSubsetStrategy("onethird").setMaxBins(bins).setSeed(seed)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), prediction);
            case "boosting":
                return boosting(train, innerValidation, classification,
                        Math.max(settings.boostingBins(), maxLevels), seed, settings,
                        classification ? positive : prediction);
            case "naive-bayes":
                return new OnSpark(new NaiveBayes().setModelType("gaussian").setLabelCol(label)
                        .setFeaturesCol(FEATURES).fit(train), positive);
            case "mlp":
                return perceptron(train, innerValidation, prep, seed, settings, positive);
            default:
                throw new IllegalArgumentException("the Spark engine has no family '" + family + "'");
        }
    }

    /**
     * The tree rung on MLlib: grown with rpart's controls (MLlib's {@code minInstancesPerNode} as the local
     * {@code minLeaf}, to the local {@code maxDepth}), then cut back as the local tree is ({@link #pruned}), and
     * kept as an MLlib model of the pruned nodes, so Spark scores the same tree that comes home.
     *
     * <p>A two-class target is grown as MLlib's regression tree on the 0/1 label: the local tree's class
     * probability tree (rpart's {@code method = "anova"} on the 0/1 target). Its splits rank as the local tree's
     * Gini splits do (for a 0/1 target the squared-error decrease is half the Gini decrease), its leaves hold
     * the positive share, and it orders a category's levels by their positive share as the local tree does
     * (MLlib's classification tree orders them by their count of positive rows). Numeric features split as the
     * local tree's do: between any two adjacent values below {@link DecisionTree#HISTOGRAM_MIN_ROWS} training
     * rows (MLlib tries the midpoint of every pair when it has a bin per row), between
     * {@link DecisionTree#HISTOGRAM_BINS} quantile bins from there on.
     */
    private static Fitted tree(Dataset<Row> train, int maxLevels, long seed, DecisionTree.Options options,
            Column score) {
        long rows = train.count();
        int bins = Math.max(maxLevels, rows < DecisionTree.HISTOGRAM_MIN_ROWS ? (int) Math.max(rows, 2)
                : DecisionTree.HISTOGRAM_BINS);
        DecisionTreeRegressionModel grown = new DecisionTreeRegressor().setMaxDepth(options.maxDepth())
                .setMinInstancesPerNode(options.minLeaf()).setMaxBins(bins).setSeed(seed)
                .setLabelCol(SparkTable.LABEL).setFeaturesCol(FEATURES).fit(train);
        DecisionTreeRegressionModel cut = new DecisionTreeRegressionModel(grown.uid(),
                pruned(grown.rootNode(), options), grown.numFeatures());
        return new OnSpark(cut.setFeaturesCol(FEATURES), score);
    }

    /**
     * MLlib's grown regression tree cut back by the local tree rung's rules: a node with fewer than
     * {@code minSplit} rows is not split (rpart's {@code minsplit}; MLlib has only the rows per leaf), and the
     * rest is pruned by cost-complexity at {@code complexity * rootRisk} ({@link CostComplexity}, the local rung's
     * own code). A node's risk is its sum of squared deviations (MLlib's variance times its rows), which on a
     * 0/1 label is the local class probability tree's {@code n p (1 - p)}. A node cut back becomes a leaf
     * holding its own mean, as the local tree's.
     */
    static Node pruned(Node root, DecisionTree.Options options) {
        List<Node> nodes = new ArrayList<>();
        preorder(root, nodes);
        int n = nodes.size();
        int[] left = new int[n];
        int[] right = new int[n];
        double[] risk = new double[n];
        boolean[] unsplit = new boolean[n];
        indexChildren(root, left, right, new int[] {0});
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            double rows = node.impurityStats().count();
            // From the node's statistics: MLlib marks the impurity of a leaf it could not split as -1.
            risk[i] = node.impurityStats().calculate() * rows;
            unsplit[i] = node instanceof InternalNode && rows < options.minSplit();
        }
        int[] grownLeft = left.clone();
        for (int i = 0; i < n; i++) {
            if (unsplit[i]) {
                grownLeft[i] = -1;
            }
        }
        boolean[] collapsed = CostComplexity.collapsed(grownLeft, right, risk, options.complexity() * risk[0]);
        for (int i = 0; i < n; i++) {
            collapsed[i] |= unsplit[i];
        }
        return rebuild(nodes, left, right, collapsed, 0);
    }

    private static void preorder(Node node, List<Node> out) {
        out.add(node);
        if (node instanceof InternalNode inner) {
            preorder(inner.leftChild(), out);
            preorder(inner.rightChild(), out);
        }
    }

    /** Fills each node's children's preorder positions (-1 for a leaf), counting nodes in {@code position}. */
    private static void indexChildren(Node node, int[] left, int[] right, int[] position) {
        int at = position[0]++;
        if (!(node instanceof InternalNode inner)) {
            left[at] = -1;
            right[at] = -1;
            return;
        }
        left[at] = position[0];
        indexChildren(inner.leftChild(), left, right, position);
        right[at] = position[0];
        indexChildren(inner.rightChild(), left, right, position);
    }

    private static Node rebuild(List<Node> nodes, int[] left, int[] right, boolean[] collapsed, int i) {
        Node node = nodes.get(i);
        if (!(node instanceof InternalNode inner)) {
            return node;
        }
        if (collapsed[i]) {
            return new LeafNode(node.prediction(), node.impurity(), node.impurityStats());
        }
        return new InternalNode(inner.prediction(), inner.impurity(), inner.gain(),
                rebuild(nodes, left, right, collapsed, left[i]), rebuild(nodes, left, right, collapsed, right[i]),
                inner.split(), inner.impurityStats());
    }

    /**
     * Boosting as the local rung chooses it ({@code GradientBoosting}'s early stopping): on the training rows
     * less the inner validation rows, each depth of the local options is boosted at the local learning rate, and
     * its validation loss (MLlib's log loss or squared error, each round's from {@code evaluateEachIteration})
     * is read round by round until it has not improved for {@code earlyStopping} rounds; the depth and rounds of
     * the least loss (ties: the earlier) are then boosted on every training row. Differs from XGBoost in the
     * steps themselves (docs/spark.md): MLlib fits each tree to the gradient, without Newton steps or an L2 leaf
     * penalty.
     */
    private static Fitted boosting(Dataset<Row> train, Column innerValidation, boolean classification, int bins,
            long seed, Settings settings, Column score) {
        GradientBoosting.Options options = settings.boosting();
        Dataset<Row> inner = train.filter(functions.not(innerValidation)).cache();
        Dataset<Row> held = train.filter(innerValidation).cache();
        try {
            List<Integer> depths = options.maxDepth() > 0 ? List.of(options.maxDepth()) : options.depths();
            int bestDepth = depths.get(0);
            int bestRounds = 1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int depth : depths) {
                int cap = Math.min(settings.boostingFirstRounds(), options.rounds());
                while (true) {
                    double[] loss = validationLoss(gbt(classification, depth, cap, options, bins, seed)
                            .fit(inner), held);
                    int best = 0;
                    double least = Double.POSITIVE_INFINITY;
                    int round = 0;
                    for (; round < cap && round - best <= options.earlyStopping(); round++) {
                        if (loss[round] < least) {
                            least = loss[round];
                            best = round;
                        }
                    }
                    if (round - best > options.earlyStopping() || cap >= options.rounds()) {
                        if (least < bestLoss) {
                            bestLoss = least;
                            bestDepth = depth;
                            bestRounds = best + 1;
                        }
                        break;
                    }
                    cap = Math.min(2 * cap, options.rounds());
                }
            }
            return new OnSpark(gbt(classification, bestDepth, bestRounds, options, bins, seed).fit(train), score);
        } finally {
            inner.unpersist();
            held.unpersist();
        }
    }

    private static org.apache.spark.ml.Predictor<Vector, ?, ?> gbt(boolean classification, int depth, int rounds,
            GradientBoosting.Options options, int bins, long seed) {
        return classification
                ? new GBTClassifier().setMaxIter(rounds).setMaxDepth(depth).setStepSize(options.learningRate())
                        .setMaxBins(bins).setSeed(seed).setMinInstancesPerNode(BOOSTING_MIN_ROWS)
                        .setLabelCol(SparkTable.LABEL).setFeaturesCol(FEATURES)
                : new GBTRegressor().setMaxIter(rounds).setMaxDepth(depth).setStepSize(options.learningRate())
                        .setMaxBins(bins).setSeed(seed).setMinInstancesPerNode(BOOSTING_MIN_ROWS)
                        .setLabelCol(SparkTable.LABEL).setFeaturesCol(FEATURES);
    }

    /** The loss on the held rows after each round (MLlib's loss of the model: log loss, or squared error). */
    private static double[] validationLoss(Object model, Dataset<Row> held) {
        return model instanceof GBTClassificationModel c ? c.evaluateEachIteration(held)
                : ((GBTRegressionModel) model).evaluateEachIteration(held, "squared");
    }

    /**
     * The perceptron, its size and iterations chosen as the local rung chooses its penalty: on the training rows
     * less the inner validation rows (boosting's, {@link GradientBoosting#validationSplit}), each hidden size is
     * trained for each number of L-BFGS iterations in turn, from the same seeded start (so a longer run passes
     * through the shorter one's weights), and the log loss on the held rows is measured after each; a size stops
     * after two settings in a row that do not lower it. The size and iterations of the least loss (ties: the
     * earlier) are then trained on every training row. Stopping early is the regulariser MLlib's perceptron
     * lacks (it has no penalty; the local rung chooses its L2 penalty on its own held rows).
     */
    private static Fitted perceptron(Dataset<Row> train, Column innerValidation, Prep prep, long seed,
            Settings settings, Column positive) {
        Dataset<Row> inner = train.filter(functions.not(innerValidation)).cache();
        Dataset<Row> held = train.filter(innerValidation).cache();
        try {
            int bestHidden = settings.mlpHidden().get(0);
            int bestIterations = settings.mlpIterations().get(0);
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int hidden : settings.mlpHidden()) {
                double least = Double.POSITIVE_INFINITY;
                int worse = 0;
                for (int iterations : settings.mlpIterations()) {
                    double loss = logLoss(perceptron(inner, prep, hidden, iterations, seed, positive)
                            .score(held), positive);
                    if (loss < least) {
                        least = loss;
                        worse = 0;
                    } else if (++worse == 2) {
                        break;
                    }
                    if (loss < bestLoss) {
                        bestLoss = loss;
                        bestHidden = hidden;
                        bestIterations = iterations;
                    }
                }
            }
            return perceptron(train, prep, bestHidden, bestIterations, seed, positive);
        } finally {
            inner.unpersist();
            held.unpersist();
        }
    }

    /**
     * The perceptron trained on {@code rows}: its numbers standardised by their mean and standard deviation on
     * those rows (the optimiser stalls on raw incomes and amounts), its indicators left 0/1, as the local rung's
     * pipeline prepares them (standardised, a rare level's indicator takes large values and dominates).
     */
    private static Perceptron perceptron(Dataset<Row> rows, Prep prep, int hidden, int iterations, long seed,
            Column positive) {
        boolean[] numbers = prep.numbers();
        Row moments = rows.select(Summarizer.metrics("mean", "variance").summary(functions.col(FEATURES)).as("m"))
                .select("m.mean", "m.variance").first();
        double[] mean = ((Vector) moments.getAs(0)).toArray();
        double[] variance = ((Vector) moments.getAs(1)).toArray();
        double[] scale = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            boolean standardise = numbers[j] && variance[j] > 0;
            scale[j] = standardise ? 1.0 / Math.sqrt(variance[j]) : 1.0;
            mean[j] = standardise ? mean[j] : 0.0;
        }
        MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {prep.width(), hidden, 2}).setMaxIter(iterations).setSeed(seed)
                .setLabelCol(SparkTable.LABEL).setFeaturesCol(SCALED).fit(Perceptron.scaled(rows, mean, scale));
        return new Perceptron(model, mean, scale, positive);
    }

    static final String SCALED = "scaled";

    /** MLlib's perceptron of standardised numbers: the shift and scale of each prepared column, then the model. */
    record Perceptron(MultilayerPerceptronClassificationModel model, double[] mean, double[] scale, Column positive)
            implements Fitted {

        static Dataset<Row> scaled(Dataset<Row> rows, double[] mean, double[] scale) {
            UserDefinedFunction standardise = functions.udf((UDF1<Vector, Vector>) v -> {
                double[] x = v.toArray();
                double[] out = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    out[j] = (x[j] - mean[j]) * scale[j];
                }
                return Vectors.dense(out);
            }, SQLDataTypes.VectorType());
            return rows.withColumn(SCALED, standardise.apply(functions.col(FEATURES)));
        }

        @Override
        public Dataset<Row> score(Dataset<Row> prepared) {
            return model.transform(scaled(prepared, mean, scale)).withColumn(SCORE, positive);
        }
    }

    /** The mean log loss of the positive-class probability {@code positive} on scored rows (clipped at 1e-15). */
    private static double logLoss(Dataset<Row> scored, Column positive) {
        Column p = functions.greatest(functions.lit(1e-15), functions.least(functions.lit(1 - 1e-15), positive));
        Column y = functions.col(SparkTable.LABEL);
        Column loss = functions.negate(y.multiply(functions.log(p))
                .plus(functions.lit(1).minus(y).multiply(functions.log(functions.lit(1).minus(p)))));
        return scored.agg(functions.avg(loss)).first().getDouble(0);
    }

    /**
     * The fitted model as Occam's runtime scorer of the prepared columns, or empty when it cannot come home
     * ({@code mlp}).
     *
     * @param prepared the schema of the prepared columns (what MLlib's feature vector holds, in order)
     */
    static Optional<Scorer> toScorer(String family, Fitted fitted, Schema prepared, TargetInfo target) {
        boolean classification = !target.isRegression();
        if (fitted instanceof Constant c) {
            return Optional.of(new ConstantScorer(prepared, c.value()));
        }
        if (!(fitted instanceof OnSpark onSpark)) {
            return Optional.empty();
        }
        Model<?> model = onSpark.model();
        return switch (family) {
            case "logistic" -> Optional.of(logistic((GeneralizedLinearRegressionModel) model, prepared));
            case "linear" -> Optional.of(linear((LinearRegressionModel) model, prepared));
            // A regression tree either way: on a 0/1 label its leaves' means are the positive shares.
            case "tree" -> Optional.of(new TreeScorer(prepared,
                    treeNodes(((DecisionTreeRegressionModel) model).rootNode(), prepared, false, 1.0)));
            case "random-forest" -> {
                List<TreeEnsembleScorer.Tree> trees = new ArrayList<>();
                if (classification) {
                    for (DecisionTreeClassificationModel t : ((RandomForestClassificationModel) model).trees()) {
                        trees.add(TreeEnsembleScorer.Tree.of(treeNodes(t.rootNode(), prepared, true, 1.0)));
                    }
                } else {
                    for (DecisionTreeRegressionModel t : ((RandomForestRegressionModel) model).trees()) {
                        trees.add(TreeEnsembleScorer.Tree.of(treeNodes(t.rootNode(), prepared, false, 1.0)));
                    }
                }
                yield Optional.of(TreeEnsembleScorer.mean(prepared, trees));
            }
            case "boosting" -> {
                List<TreeEnsembleScorer.Tree> trees = new ArrayList<>();
                DecisionTreeRegressionModel[] members = classification
                        ? ((GBTClassificationModel) model).trees() : ((GBTRegressionModel) model).trees();
                double[] weights = classification
                        ? ((GBTClassificationModel) model).treeWeights() : ((GBTRegressionModel) model).treeWeights();
                for (int t = 0; t < members.length; t++) {
                    // MLlib's probability is 1 / (1 + exp(-2 margin)): the factor 2 goes into the leaves (exact).
                    double scale = (classification ? 2.0 : 1.0) * weights[t];
                    trees.add(TreeEnsembleScorer.Tree.of(treeNodes(members[t].rootNode(), prepared, false, scale)));
                }
                yield Optional.of(TreeEnsembleScorer.sum(prepared, trees, 0.0,
                        classification ? LinearScorer.Link.LOGIT : LinearScorer.Link.IDENTITY,
                        TreeEnsembleScorer.Precision.FLOAT64));
            }
            case "naive-bayes" -> Optional.of(naiveBayes((NaiveBayesModel) model, prepared));
            default -> Optional.empty();
        };
    }

    /** Why a family's model stays on Spark; empty when it comes home. */
    static Optional<String> notDeployable(String family) {
        return family.equals("mlp")
                ? Optional.of("its model cannot come home: MLlib's hidden units are logistic and Occam's runtime "
                        + "networks use rectified linear units")
                : Optional.empty();
    }

    /** Weights and biases of MLlib's perceptron, the parameter count of a model that stays on Spark. */
    static long parameters(Fitted fitted) {
        return fitted instanceof Perceptron p ? p.model().weights().size() : -1;
    }

    private static LinearScorer logistic(GeneralizedLinearRegressionModel model, Schema prepared) {
        double[] beta = model.coefficients().toArray();
        LinearScorer.Inference inference = null;
        if (model.hasSummary()) {
            GeneralizedLinearRegressionTrainingSummary s = model.summary();
            // MLlib lists the intercept last; Occam first.
            inference = inference("z", s.coefficientStandardErrors(), s.tValues(), s.pValues(), Map.of(
                    "deviance", s.deviance(), "null_deviance", s.nullDeviance(), "aic", s.aic(),
                    "iterations", (double) s.numIterations()));
        }
        return new LinearScorer(prepared, LinearScorer.Link.LOGIT, model.intercept(), beta,
                new boolean[beta.length], inference);
    }

    private static LinearScorer linear(LinearRegressionModel model, Schema prepared) {
        double[] beta = model.coefficients().toArray();
        LinearScorer.Inference inference = null;
        if (model.hasSummary()) {
            var s = model.summary();
            inference = inference("t", s.coefficientStandardErrors(), s.tValues(), s.pValues(), Map.of(
                    "r_squared", s.r2(), "rmse", s.rootMeanSquaredError()));
        }
        return new LinearScorer(prepared, LinearScorer.Link.IDENTITY, model.intercept(), beta,
                new boolean[beta.length], inference);
    }

    /** MLlib's per-term arrays (coefficients, then the intercept) in Occam's order (the intercept, then each). */
    private static LinearScorer.Inference inference(String statistic, double[] se, double[] stat, double[] p,
            Map<String, Double> fit) {
        return new LinearScorer.Inference(statistic, interceptFirst(se), interceptFirst(stat), interceptFirst(p),
                new LinkedHashMap<>(fit));
    }

    private static double[] interceptFirst(double[] mllib) {
        double[] out = new double[mllib.length];
        out[0] = mllib[mllib.length - 1];
        System.arraycopy(mllib, 0, out, 1, mllib.length - 1);
        return out;
    }

    private static NaiveBayesScorer naiveBayes(NaiveBayesModel model, Schema prepared) {
        Matrix theta = model.theta();
        Matrix sigma = model.sigma();
        Vector pi = model.pi();
        int classes = pi.size();
        double[] prior = new double[classes];
        for (int c = 0; c < classes; c++) {
            prior[c] = Math.exp(pi.apply(c));
        }
        List<NaiveBayesScorer.Likelihood> likelihoods = new ArrayList<>();
        for (int j = 0; j < prepared.size(); j++) {
            double[] mean = new double[classes];
            double[] variance = new double[classes];
            for (int c = 0; c < classes; c++) {
                mean[c] = theta.apply(c, j);
                variance[c] = sigma.apply(c, j);
            }
            likelihoods.add(new NaiveBayesScorer.Gaussian(mean, variance));
        }
        return new NaiveBayesScorer(prepared, prior, likelihoods);
    }

    /**
     * MLlib's tree in preorder as Occam's nodes. A leaf's value: its positive share (classification, from the
     * class counts, as MLlib's probability) or its prediction times {@code scale}; its count: the training weight
     * that reached it.
     */
    static List<TreeScorer.Node> treeNodes(Node root, Schema prepared, boolean classShare, double scale) {
        List<TreeScorer.Node> out = new ArrayList<>();
        add(root, out, prepared, classShare, scale);
        return out;
    }

    private static int add(Node node, List<TreeScorer.Node> out, Schema prepared, boolean classShare,
            double scale) {
        int at = out.size();
        int count = (int) Math.round(node.impurityStats().count());
        double value;
        if (classShare) {
            double[] stats = node.impurityStats().stats();
            double total = 0;
            for (double s : stats) {
                total += s;
            }
            value = total == 0 ? 0.0 : stats[1] / total;
        } else {
            value = node.prediction() * scale;
        }
        if (!(node instanceof InternalNode inner)) {
            out.add(TreeScorer.Node.leaf(value, count));
            return at;
        }
        out.add(null);
        int left = add(inner.leftChild(), out, prepared, classShare, scale);
        int right = add(inner.rightChild(), out, prepared, classShare, scale);
        Split split = inner.split();
        int feature = split.featureIndex();
        TreeScorer.Node n;
        if (split instanceof ContinuousSplit c) {
            // MLlib sends x <= t left, Occam x < t: the next double above t sends the same rows left.
            n = new TreeScorer.Node(feature, Math.nextUp(c.threshold()), null, false, left, right, value, count);
        } else {
            CategoricalSplit c = (CategoricalSplit) split;
            boolean[] levels = new boolean[prepared.feature(feature).levels().size()];
            for (double l : c.leftCategories()) {
                levels[(int) l] = true;
            }
            n = new TreeScorer.Node(feature, Double.NaN, levels, false, left, right, value, count);
        }
        out.set(at, n);
        return at;
    }
}
