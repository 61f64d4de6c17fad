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
     *     classification, 5 for regression (the defaults of R's {@code randomForest}), and 5 for classification too
     *     above {@link #LARGE_SAMPLE} training rows
     * @param seed seeds the bootstrap samples and the feature draws
     * @param tuningTrees when {@code featuresPerSplit} is 0, the trees grown for each of {@link #MTRY_FACTORS}
     *     times the task's default to choose among them by out-of-bag loss (two classes and regression; see
     *     {@link RandomForest#chooseFeaturesPerSplit}); 0 keeps the task's default untuned
     * @param sampleSize rows each tree's bootstrap sample draws (with replacement; scikit-learn's
     *     {@code max_samples}, ranger's {@code sample.fraction} as a count); 0 chooses by size: n draws up to
     *     {@link #LARGE_SAMPLE} rows, {@link #LARGE_SAMPLE} draws above (see {@link RandomForest#sampleSize}); a
     *     value above n draws n
     */
    public record Options(int trees, int featuresPerSplit, int minLeaf, long seed, int tuningTrees, int sampleSize) {

        /**
         * From this many training rows on, the forest grows as on a large table when {@code sampleSize} and
         * {@code minLeaf} are left at 0: each tree's bootstrap sample draws this many rows, not n, and a tree of two
         * classes stops at leaves of {@link #LARGE_TABLE_MIN_LEAF} rows, not 1. A tree grown to leaves of one row on
         * n draws has about n / 2 leaves, so without a bound a forest's nodes, its memory, its growing and each
         * row's walk grow with n; with it they stop growing here. The same size as the mtry tuning's subsample
         * ({@link RandomForest#TUNING_ROWS}), so the tuning forests are grown as the forest's trees are. Below it,
         * Breiman's forest, unchanged (docs/forest.md, "Large tables", gives the accuracy measured both ways).
         */
        public static final int LARGE_SAMPLE = 20_000;

        /**
         * A two-class tree's fewest rows in a leaf on a large table ({@link #LARGE_SAMPLE}): R's {@code randomForest}
         * default for regression, and half of ranger's for probability forests. A leaf of one row scores 0 or 1; of
         * five, a share.
         */
        public static final int LARGE_TABLE_MIN_LEAF = 5;

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
            if (tuningTrees < 0) {
                throw new IllegalArgumentException("tuningTrees must be >= 0 (0 does not tune): " + tuningTrees);
            }
            if (sampleSize < 0) {
                throw new IllegalArgumentException("sampleSize must be >= 0 (0 chooses by size): " + sampleSize);
            }
        }

        /** The options of the former five-argument form: {@code sampleSize} 0. */
        public Options(int trees, int featuresPerSplit, int minLeaf, long seed, int tuningTrees) {
            this(trees, featuresPerSplit, minLeaf, seed, tuningTrees, 0);
        }

        /**
         * 300 trees, features per split and leaf size by task, seed 42. Breiman's and R's default is 500
         * trees, scikit-learn's 100. A forest's AUC rises steeply over the first 100 trees and then
         * flattens (Probst &amp; Boulesteix, <i>To Tune or Not to Tune the Number of Trees in Random
         * Forest</i>, JMLR 18, 2018); on credit_data the 5x2-CV AUC is 0.822 with 100 trees, 0.826 with 300
         * and 0.826 with 500, while fit time, model file and scoring time grow linearly with the trees.
         * 300 takes the plateau at three fifths of the cost of 500. mtry chosen among three values by the
         * out-of-bag loss of 60 trees each.
         */
        public static Options defaults() {
            return new Options(300, 0, 0, 42L, 60, 0);
        }

        public Options withTrees(int value) {
            return new Options(value, featuresPerSplit, minLeaf, seed, tuningTrees, sampleSize);
        }

        public Options withFeaturesPerSplit(int value) {
            return new Options(trees, value, minLeaf, seed, tuningTrees, sampleSize);
        }

        public Options withMinLeaf(int value) {
            return new Options(trees, featuresPerSplit, value, seed, tuningTrees, sampleSize);
        }

        public Options withSeed(long value) {
            return new Options(trees, featuresPerSplit, minLeaf, value, tuningTrees, sampleSize);
        }

        public Options withTuningTrees(int value) {
            return new Options(trees, featuresPerSplit, minLeaf, seed, value, sampleSize);
        }

        public Options withSampleSize(int value) {
            return new Options(trees, featuresPerSplit, minLeaf, seed, tuningTrees, value);
        }
    }

    private final Options options;
    /** Monotone directions by column name, +1 increasing or -1 decreasing; empty for none. */
    private final java.util.Map<String, Integer> monotone;
    /** Whether the classes are weighed by the inverse of their shares. */
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
     * The same forest weighing the classes by the inverse of their shares in the training rows, each row of class
     * c by {@code n / (K n_c)} for K classes in every tree's impurity and leaf shares (a row drawn twice counts
     * twice): scikit-learn's {@code class_weight="balanced"}, the weights computed once on the training rows, not per
     * bootstrap sample. The scores are then shares as if the classes were equally common, not calibrated
     * probabilities. The out-of-bag loss that tunes mtry (two classes) stays the unweighted Brier score of the
     * weighted trees; three or more classes are not tuned. A number is not weighed.
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

    /** Whether the classes are weighed by the inverse of their shares ({@link #withBalancedClasses}). */
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
        Tuned tuned = target.isMulticlass()
                ? new Tuned(featuresPerSplit(features.columnCount(), classification), List.of(), null)
                : tune(features, target);
        ForestGrower grower = new ForestGrower(features, target, tuned.mtry(), minLeaf(classification, n), monotone,
                balanced);
        SplittableRandom seed = tuned.seed() != null ? tuned.seed() : new SplittableRandom(options.seed());
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
                        bootstrap(random, n, sampleSize(n)), random);
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
        // The tuning forest of the chosen mtry, grown on these rows from the same seeds, is this forest's first trees.
        trees.addAll(tuned.firstTrees().subList(0, Math.min(options.trees(), tuned.firstTrees().size())));
        for (int t = trees.size(); t < options.trees(); t++) {
            SplittableRandom random = seed.split();
            trees.add(TreeEnsembleScorer.Tree.of(grower.grow(bootstrap(random, n, sampleSize(n)), random)));
        }
        return Model.of(family(), target.info(), TreeEnsembleScorer.mean(features.schema(), trees));
    }

    /**
     * {@code m} draws of one of n rows with replacement, listed in row order (the order of a sample does not change
     * the tree, and rows in order are read in memory order). With {@code m == n}, Breiman's bootstrap.
     */
    private static int[] bootstrap(SplittableRandom random, int n, int m) {
        int[] draws = new int[n];
        for (int i = 0; i < m; i++) {
            draws[random.nextInt(n)]++;
        }
        int[] sample = new int[m];
        int k = 0;
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < draws[row]; c++) {
                sample[k++] = row;
            }
        }
        return sample;
    }

    /** The multiples of the task's default mtry tried when tuning (Breiman's {@code tuneRF} steps by factors of 2). */
    public static final double[] MTRY_FACTORS = {0.5, 1, 2};
    /** The most rows the tuning forests grow on: a seeded subsample above it, so tuning costs at most a fixed share. */
    static final int TUNING_ROWS = Options.LARGE_SAMPLE;

    /**
     * The features each split examines: the option when given; otherwise, with {@code tuningTrees > 0}, the one of
     * {@link #MTRY_FACTORS} times the task's default (within [1, p]) whose forest of {@code tuningTrees} trees has
     * the least out-of-bag loss on the training rows (Brier score for two classes, squared error for a number;
     * Breiman 2001's out-of-bag estimate, as R's {@code tuneRF}). Every value grows its trees from the forest's own
     * seeds, so all of them see the same bootstrap samples and the comparison is not drawn by the samples; ties go
     * to the default. Nested by construction: only the rows given to {@code fit} are used, so inside
     * cross-validation the held-out fold never tunes it. Above {@link #TUNING_ROWS} rows the tuning forests grow on
     * a seeded subsample of that many.
     */
    int chooseFeaturesPerSplit(Frame features, Target target) {
        return tune(features, target).mtry();
    }

    /**
     * The chosen mtry and, when the tuning grew on every row, the chosen value's tuning trees with the seed stream
     * after them: tree t of a forest depends only on the rows, mtry and the t-th split of the seed, so those trees
     * are the forest's first trees and are not grown twice.
     */
    private record Tuned(int mtry, List<TreeEnsembleScorer.Tree> firstTrees, SplittableRandom seed) {
    }

    private Tuned tune(Frame features, Target target) {
        boolean classification = target.info().task().isCategorical();
        int p = features.columnCount();
        int byTask = featuresPerSplit(p, classification);
        if (options.featuresPerSplit() > 0 || options.tuningTrees() == 0) {
            return new Tuned(byTask, List.of(), null);
        }
        java.util.TreeSet<Integer> tried = new java.util.TreeSet<>();
        for (double factor : MTRY_FACTORS) {
            tried.add(Math.max(1, Math.min(p, (int) Math.round(byTask * factor))));
        }
        if (tried.size() == 1) {
            return new Tuned(byTask, List.of(), null);
        }
        boolean subsampled = target.size() > TUNING_ROWS;
        Frame rows = features;
        Target y = target;
        if (subsampled) {
            int[] sample = new SplittableRandom(options.seed() ^ 0x7f4a7c15L).ints(0, target.size()).distinct()
                    .limit(TUNING_ROWS).sorted().toArray();
            rows = features.view(sample);
            y = target.select(sample);
        }
        // The tuning forests grow as the forest will: the leaf size of the whole table, not of the subsample.
        int minLeaf = minLeaf(classification, target.size());
        OutOfBag best = outOfBag(rows, y, byTask, classification, minLeaf);
        int bestMtry = byTask;
        for (int mtry : tried) {
            if (mtry == byTask) {
                continue;
            }
            OutOfBag candidate = outOfBag(rows, y, mtry, classification, minLeaf);
            if (candidate.loss() < best.loss()) {
                best = candidate;
                bestMtry = mtry;
            }
        }
        return subsampled ? new Tuned(bestMtry, List.of(), null) : new Tuned(bestMtry, best.trees(), best.seed());
    }

    /** A tuning forest: its mean out-of-bag loss, its trees and its seed stream after them. */
    private record OutOfBag(double loss, List<TreeEnsembleScorer.Tree> trees, SplittableRandom seed) {
    }

    /** Grows {@code tuningTrees} trees at this mtry from the forest's seeds; rows never out of bag are skipped. */
    private OutOfBag outOfBag(Frame features, Target target, int mtry, boolean classification, int minLeaf) {
        int n = target.size();
        ForestGrower grower = new ForestGrower(features, target, mtry, minLeaf, monotone, balanced);
        double[] sum = new double[n];
        int[] count = new int[n];
        double[] x = new double[features.columnCount()];
        SplittableRandom seed = new SplittableRandom(options.seed());
        List<TreeEnsembleScorer.Tree> trees = new ArrayList<>(options.tuningTrees());
        for (int t = 0; t < options.tuningTrees(); t++) {
            SplittableRandom random = seed.split();
            int[] sample = bootstrap(random, n, sampleSize(n));
            boolean[] inBag = new boolean[n];
            for (int row : sample) {
                inBag[row] = true;
            }
            TreeEnsembleScorer.Tree tree = TreeEnsembleScorer.Tree.of(grower.grow(sample, random));
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                if (!inBag[i]) {
                    features.rowInto(i, x);
                    sum[i] += tree.value(tree.leafOf(x, TreeEnsembleScorer.Precision.FLOAT64));
                    count[i]++;
                }
            }
        }
        double[] y = target.values();
        double loss = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                double e = sum[i] / count[i] - y[i];
                loss += e * e;
                scored++;
            }
        }
        return new OutOfBag(scored == 0 ? Double.POSITIVE_INFINITY : loss / scored, trees, seed);
    }

    /** Breiman's mtry: the option, or sqrt(p) for classification and p / 3 for regression, within [1, p]. */
    int featuresPerSplit(int p, boolean classification) {
        int chosen = options.featuresPerSplit() > 0 ? options.featuresPerSplit()
                : classification ? (int) Math.floor(Math.sqrt(p)) : p / 3;
        return Math.max(1, Math.min(chosen, Math.max(p, 1)));
    }

    /**
     * The draws of each tree's bootstrap sample on n rows: the option (at most n) when given, otherwise n up to
     * {@link Options#LARGE_SAMPLE} rows and that many above. Below the cap every forest is Breiman's, unchanged; above
     * it each tree grows on a fixed number of draws, so a tree's nodes and its growing cost stop growing with n while
     * the trees together still see every row (300 trees of 20,000 draws from 200,000 rows leave a row out of every
     * tree with probability e^-30). scikit-learn's {@code max_samples} and ranger's {@code sample.fraction} are this
     * knob; docs/forest.md gives the accuracy measured with and without it.
     */
    int sampleSize(int n) {
        int cap = options.sampleSize() > 0 ? options.sampleSize() : Options.LARGE_SAMPLE;
        return Math.min(n, cap);
    }

    /** The leaf size option, or by task: 5 for regression, 1 for classes up to {@link Options#LARGE_SAMPLE} rows, 5 above. */
    int minLeaf(boolean classification, int n) {
        if (options.minLeaf() > 0) {
            return options.minLeaf();
        }
        return !classification ? 5 : n > Options.LARGE_SAMPLE ? Options.LARGE_TABLE_MIN_LEAF : 1;
    }
}
