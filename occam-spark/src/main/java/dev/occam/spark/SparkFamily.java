package dev.occam.spark;

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
import java.util.Optional;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
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
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 *   <li>{@code tree}, {@code random-forest}, {@code boosting}: MLlib's trees node by node, a threshold split
 *       {@code x <= t} becoming Occam's {@code x < nextUp(t)} (the same rows go left), a category split its level
 *       set; a classification leaf's value is its positive share (a forest averages them, as MLlib does), boosted
 *       trees' leaves are scaled by their tree weight, and by 2 for classification, where MLlib's probability is
 *       {@code 1 / (1 + exp(-2 margin))};
 *   <li>{@code naive-bayes}: MLlib's Gaussian naive Bayes on every prepared column (indicators included), its
 *       class means and variances as they are, into a {@link NaiveBayesScorer};
 *   <li>{@code mlp}: MLlib's perceptron, cross-validated but not brought home: its hidden units are logistic and
 *       Occam's runtime networks ({@code MlpScorer}) use rectified linear units;
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
     * job permits (docs/spark.md says which differ and why).
     */
    record Settings(int treeDepth, int treeMinLeaf, int forestTrees, int forestDepth, int boostingRounds,
            int boostingDepth, double boostingStep, int mlpHidden, int mlpIterations, int bins) {

        static final Settings DEFAULTS = new Settings(3, 7, 100, 12, 100, 3, 0.1, 32, 30, 32);

        Settings {
            if (treeDepth < 1 || treeMinLeaf < 1 || forestTrees < 1 || forestDepth < 1 || boostingRounds < 1
                    || boostingDepth < 1 || !(boostingStep > 0 && boostingStep <= 1) || mlpHidden < 1
                    || mlpIterations < 1 || bins < 2) {
                throw new IllegalArgumentException("Spark settings out of range: " + treeDepth + ", " + treeMinLeaf
                        + ", " + forestTrees + ", " + forestDepth + ", " + boostingRounds + ", " + boostingDepth
                        + ", " + boostingStep + ", " + mlpHidden + ", " + mlpIterations);
            }
        }
    }

    /**
     * Rows per leaf of a boosted tree: XGBoost's {@code min_child_weight} 1 in hessian units is about 5 rows where
     * p(1 - p) is near the credit example's 0.2; MLlib counts rows.
     */
    static final int BOOSTING_MIN_ROWS = 5;

    /**
     * @param train prepared rows: {@link SparkTable#LABEL} and {@link #FEATURES}
     * @param width the prepared rows' width
     * @param maxLevels the most levels of any category (trees need a bin per level)
     */
    static Fitted fit(String family, Dataset<Row> train, boolean classification, int width, int maxLevels,
            long seed, Settings settings) {
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
                return classification
                        ? new OnSpark(new DecisionTreeClassifier().setMaxDepth(settings.treeDepth())
                                .setMinInstancesPerNode(settings.treeMinLeaf()).setMaxBins(bins).setSeed(seed)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), positive)
                        : new OnSpark(new DecisionTreeRegressor().setMaxDepth(settings.treeDepth())
                                .setMinInstancesPerNode(settings.treeMinLeaf()).setMaxBins(bins).setSeed(seed)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), prediction);
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
                return classification
                        ? new OnSpark(new GBTClassifier().setMaxIter(settings.boostingRounds())
                                .setMaxDepth(settings.boostingDepth())
                                .setStepSize(settings.boostingStep()).setMaxBins(bins).setSeed(seed)
                                .setMinInstancesPerNode(BOOSTING_MIN_ROWS)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), positive)
                        : new OnSpark(new GBTRegressor().setMaxIter(settings.boostingRounds())
                                .setMaxDepth(settings.boostingDepth()).setMinInstancesPerNode(BOOSTING_MIN_ROWS)
                                .setStepSize(settings.boostingStep()).setMaxBins(bins).setSeed(seed)
                                .setLabelCol(label).setFeaturesCol(FEATURES).fit(train), prediction);
            case "naive-bayes":
                return new OnSpark(new NaiveBayes().setModelType("gaussian").setLabelCol(label)
                        .setFeaturesCol(FEATURES).fit(train), positive);
            case "mlp": {
                // Scaled inputs: the perceptron's optimiser stalls on raw incomes and amounts.
                PipelineStage scale = new StandardScaler().setInputCol(FEATURES).setOutputCol("scaled")
                        .setWithMean(true).setWithStd(true);
                PipelineStage mlp = new MultilayerPerceptronClassifier()
                        .setLayers(new int[] {width, settings.mlpHidden(), 2})
                        .setMaxIter(settings.mlpIterations()).setSeed(seed).setLabelCol(label).setFeaturesCol("scaled");
                PipelineModel model = new Pipeline().setStages(new PipelineStage[] {scale, mlp}).fit(train);
                return new OnSpark(model, positive);
            }
            default:
                throw new IllegalArgumentException("the Spark engine has no family '" + family + "'");
        }
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
        Model<?> model = ((OnSpark) fitted).model();
        return switch (family) {
            case "logistic" -> Optional.of(logistic((GeneralizedLinearRegressionModel) model, prepared));
            case "linear" -> Optional.of(linear((LinearRegressionModel) model, prepared));
            case "tree" -> Optional.of(new TreeScorer(prepared, treeNodes(classification
                    ? ((DecisionTreeClassificationModel) model).rootNode()
                    : ((DecisionTreeRegressionModel) model).rootNode(), prepared, classification, 1.0)));
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
        Model<?> model = ((OnSpark) fitted).model();
        if (model instanceof PipelineModel p) {
            for (var stage : p.stages()) {
                if (stage instanceof MultilayerPerceptronClassificationModel m) {
                    return m.weights().size();
                }
            }
        }
        return -1;
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
