package dev.occam.core.learn.forest;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.tree.ForestGrower;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rung 4: a random forest (Breiman, <i>Random Forests</i>, Machine Learning 45, 2001). Each tree is a CART
 * tree grown on a bootstrap sample of the rows (n rows drawn with replacement), examining a random subset
 * of the features at each split, grown out and not pruned; the forest's score is the mean of the trees'
 * leaf values: the share of the positive class among a leaf's in-bag rows (as scikit-learn averages
 * probabilities) or their mean. Averaging many decorrelated, low-bias trees cuts the variance of one tree.
 *
 * <p>When to use it: as the strong, almost tuning-free comparator of the ladder. It finds interactions and
 * thresholds a linear model misses; when it does not beat the logistic regression on a problem, a more
 * complex model rarely will. It is not explainable as a whole (hundreds of trees), its model file is large
 * (every node of every tree), and it scores in tens of microseconds rather than the linear model's tenth
 * of a microsecond.
 *
 * <p>Trees use the project's CART split search ({@link dev.occam.core.learn.tree.DecisionTree}): categorical
 * features split natively by level groups, and missing values are left out of the split choice and sent
 * to the larger child, so the forest needs no imputation and no encoding. Fitting is deterministic: tree
 * {@code t} draws its sample and features from the {@code t}-th {@link SplittableRandom#split()} of the
 * seed, and the trees are averaged in order.
 *
 * <p>What fails: nothing in the data short of zero rows; with min leaf size 1 the trees grow about as many
 * leaves as there are distinct rows, so memory and the model file grow with rows times trees (raise
 * {@code minLeaf} or lower {@code trees} for very large tables).
 */
public final class RandomForest implements Learner {

    /**
     * @param trees number of trees
     * @param featuresPerSplit features examined at each split (Breiman's {@code mtry}); 0 chooses by task:
     *     {@code floor(sqrt(p))} for classification, {@code floor(p / 3)} for regression, at least 1
     * @param minLeaf fewest in-bag rows (with their repeats) in a leaf; 0 chooses by task: 1 for
     *     classification, 5 for regression (the defaults of R's {@code randomForest})
     * @param seed seeds the bootstrap samples and the feature draws
     */
    public record Options(int trees, int featuresPerSplit, int minLeaf, long seed) {

        public Options {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be >= 1: " + trees);
            }
            if (featuresPerSplit < 0) {
                throw new IllegalArgumentException("featuresPerSplit must be >= 0 (0 chooses by task): "
                        + featuresPerSplit);
            }
            if (minLeaf < 0) {
                throw new IllegalArgumentException("minLeaf must be >= 0 (0 chooses by task): " + minLeaf);
            }
        }

        /**
         * 300 trees, features per split and leaf size by task, seed 42. Breiman's and R's default is 500
         * trees, scikit-learn's 100. A forest's AUC rises steeply over the first 100 trees and then
         * flattens (Probst &amp; Boulesteix, <i>To Tune or Not to Tune the Number of Trees in Random
         * Forest</i>, JMLR 18, 2018); on credit_data the 5x2-CV AUC is 0.822 with 100 trees, 0.826 with 300
         * and 0.826 with 500, while fit time, model file and scoring time grow linearly with the trees.
         * 300 takes the plateau at three fifths of the cost of 500.
         */
        public static Options defaults() {
            return new Options(300, 0, 0, 42L);
        }

        public Options withTrees(int value) {
            return new Options(value, featuresPerSplit, minLeaf, seed);
        }

        public Options withFeaturesPerSplit(int value) {
            return new Options(trees, value, minLeaf, seed);
        }

        public Options withMinLeaf(int value) {
            return new Options(trees, featuresPerSplit, value, seed);
        }

        public Options withSeed(long value) {
            return new Options(trees, featuresPerSplit, minLeaf, value);
        }
    }

    private final Options options;
    /** Monotone directions by column name, +1 increasing or -1 decreasing; empty for none. */
    private final java.util.Map<String, Integer> monotone;
    /** Whether two classes are weighed by the inverse of their shares. */
    private final boolean balanced;

    /** A forest with the default options. */
    public RandomForest() {
        this(Options.defaults());
    }

    public RandomForest(Options options) {
        this(options, java.util.Map.of(), false);
    }

    private RandomForest(Options options, java.util.Map<String, Integer> monotone, boolean balanced) {
        this.options = Objects.requireNonNull(options, "options");
        this.monotone = java.util.Map.copyOf(monotone);
        this.balanced = balanced;
    }

    /**
     * The same forest weighing two classes by the inverse of their shares in the training rows, each row of class
     * c by {@code n / (2 n_c)} in every tree's impurity and leaf shares (a row drawn twice counts twice):
     * scikit-learn's {@code class_weight="balanced"}, the weights computed once on the training rows, not per
     * bootstrap sample. The scores are then shares as if the classes were equally common, not calibrated
     * probabilities. Three or more classes are not weighed.
     */
    public RandomForest withBalancedClasses() {
        return new RandomForest(options, monotone, true);
    }

    /**
     * The same forest with every tree holding the monotone directions (see
     * {@link dev.occam.core.learn.tree.DecisionTree#withMonotone}); a mean of monotone trees is monotone.
     *
     * @param directions column name to +1 (increasing) or -1 (decreasing)
     * @throws IllegalArgumentException for a direction other than +1 or -1 (at fit time)
     */
    public RandomForest withMonotone(java.util.Map<String, Integer> directions) {
        return new RandomForest(options, directions, balanced);
    }

    public Options options() {
        return options;
    }

    /** The monotone directions held, column name to +1 or -1; empty for none. */
    public java.util.Map<String, Integer> monotone() {
        return monotone;
    }

    /** Whether two classes are weighed by the inverse of their shares ({@link #withBalancedClasses}). */
    public boolean balanced() {
        return balanced;
    }

    @Override
    public String family() {
        return "random-forest";
    }

    @Override
    public int rung() {
        return 4;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS, Capability.MISSING_VALUES,
                Capability.CATEGORICAL_INPUT, Capability.MONOTONE_CONSTRAINTS);
    }

    /** @throws IllegalArgumentException for zero rows, or features and target of different lengths */
    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        target.requireRowsOf(features);
        int n = target.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a random forest on zero rows");
        }
        boolean classification = target.info().task().isCategorical();
        ForestGrower grower = new ForestGrower(features, target, featuresPerSplit(features.columnCount(),
                classification), minLeaf(classification), monotone, balanced);
        SplittableRandom seed = new SplittableRandom(options.seed());
        if (target.isMulticlass()) {
            // Each tree's leaf class shares, averaged over the trees: one mean ensemble per class.
            int classes = target.info().classCount();
            List<List<TreeEnsembleScorer.Tree>> perClass = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                perClass.add(new ArrayList<>(options.trees()));
            }
            for (int t = 0; t < options.trees(); t++) {
                SplittableRandom random = seed.split();
                List<List<dev.occam.runtime.scorer.TreeScorer.Node>> grown = grower.growClasses(target,
                        bootstrap(random, n), random);
                for (int k = 0; k < classes; k++) {
                    perClass.get(k).add(TreeEnsembleScorer.Tree.of(grown.get(k)));
                }
            }
            List<dev.occam.runtime.scorer.Scorer> components = new ArrayList<>();
            for (List<TreeEnsembleScorer.Tree> trees : perClass) {
                components.add(TreeEnsembleScorer.mean(features.schema(), trees));
            }
            return Model.of(family(), target.info(), new dev.occam.runtime.scorer.MulticlassScorer(features.schema(),
                    components, dev.occam.runtime.scorer.MulticlassScorer.Combination.SHARES, classes));
        }
        List<TreeEnsembleScorer.Tree> trees = new ArrayList<>(options.trees());
        for (int t = 0; t < options.trees(); t++) {
            SplittableRandom random = seed.split();
            trees.add(TreeEnsembleScorer.Tree.of(grower.grow(bootstrap(random, n), random)));
        }
        return Model.of(family(), target.info(), TreeEnsembleScorer.mean(features.schema(), trees));
    }

    /**
     * n draws of a row with replacement, listed in row order (the order of a sample does not change the
     * tree, and rows in order are read in memory order).
     */
    private static int[] bootstrap(SplittableRandom random, int n) {
        int[] draws = new int[n];
        for (int i = 0; i < n; i++) {
            draws[random.nextInt(n)]++;
        }
        int[] sample = new int[n];
        int k = 0;
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < draws[row]; c++) {
                sample[k++] = row;
            }
        }
        return sample;
    }

    /** Breiman's mtry: the option, or sqrt(p) for classification and p / 3 for regression, within [1, p]. */
    int featuresPerSplit(int p, boolean classification) {
        int chosen = options.featuresPerSplit() > 0 ? options.featuresPerSplit()
                : classification ? (int) Math.floor(Math.sqrt(p)) : p / 3;
        return Math.max(1, Math.min(chosen, Math.max(p, 1)));
    }

    private int minLeaf(boolean classification) {
        return options.minLeaf() > 0 ? options.minLeaf() : classification ? 1 : 5;
    }
}
