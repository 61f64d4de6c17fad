package dev.occam.core.usecase;

import dev.occam.core.ladder.Candidate;

import java.util.List;
import java.util.Objects;

/**
 * How candidates are compared and one is chosen: repeated cross-validation with a fixed seed, then the
 * selection rule.
 *
 * @param alpha the significance level of the {@link SelectionRule#SIGNIFICANCE} rule, in (0, 0.5]
 * @param candidates the candidates to try, each a family of {@link #FAMILIES} with an id and options; empty means
 *     every family with its defaults
 * @param folds cross-validation folds, at least 2
 * @param repeats cross-validation repeats, at least 1
 * @param seed the seed every random choice derives from
 * @param split how rows become folds: {@code kfold} (shuffled, stratified for classes) or {@code time} (in the
 *     order of the use case's {@code time} column, expanding window)
 * @param groups a column whose rows stay together in one fold ({@code selection.groups}), or null
 * @param classWeight {@code balanced} to weigh each class by the inverse of its share in the learners that take
 *     weights ({@code selection.class_weight}; logistic, tree, random-forest and boosting, for two classes or more),
 *     or null for equal weights
 */
public record SelectionSpec(SelectionRule rule, double alpha, List<CandidateSpec> candidates, int folds,
        int repeats, long seed, String split, String groups, String classWeight) {

    /** The values of {@code selection.class_weight}. */
    public static final List<String> CLASS_WEIGHTS = List.of("balanced");

    /** A selection without class weights. */
    public SelectionSpec(SelectionRule rule, double alpha, List<CandidateSpec> candidates, int folds, int repeats,
            long seed, String split, String groups) {
        this(rule, alpha, candidates, folds, repeats, seed, split, groups, null);
    }

    /** Whether the classes are weighed by the inverse of their shares ({@code class_weight: balanced}). */
    public boolean balancedClasses() {
        return "balanced".equals(classWeight);
    }

    /** The values of {@code selection.split}. */
    public static final List<String> SPLITS = List.of("kfold", "time");

    /** The model families of the ladder, simplest first; these names stay, more may come. */
    public static final List<String> FAMILIES = List.of("baseline", "current-rule", "rules", "logistic", "linear",
            "formula", "lasso", "scorecard", "tree", "knn", "naive-bayes", "random-forest", "boosting", "mlp",
            Candidate.ONNX);

    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_FOLDS = 5;
    public static final int DEFAULT_REPEATS = 2;
    public static final long DEFAULT_SEED = 42;

    /** Significance at 0.05, all families, 5 folds repeated twice, seed 42. */
    public static final SelectionSpec DEFAULTS = new SelectionSpec(SelectionRule.SIGNIFICANCE, DEFAULT_ALPHA,
            List.of(), DEFAULT_FOLDS, DEFAULT_REPEATS, DEFAULT_SEED);

    /** Shuffled k-fold without groups, the candidates given by family name (each its own id, defaults). */
    public SelectionSpec(SelectionRule rule, double alpha, List<String> families, int folds, int repeats,
            long seed) {
        this(rule, alpha, CandidateSpec.families(families), folds, repeats, seed, "kfold", null);
    }

    public SelectionSpec {
        Objects.requireNonNull(rule, "rule");
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new KeyedArgumentException("selection.alpha", "selection.alpha must be in (0, 0.5]: " + alpha);
        }
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        String twice = Text.firstDuplicate(candidates.stream().map(CandidateSpec::id).toList());
        if (twice != null) {
            throw new KeyedArgumentException("selection.candidates", "selection.candidates lists "
                    + Text.quote(twice) + " twice");
        }
        if (folds < 2) {
            throw new KeyedArgumentException("selection.folds", "selection.folds must be >= 2: " + folds);
        }
        if (repeats < 1) {
            throw new KeyedArgumentException("selection.repeats", "selection.repeats must be >= 1: " + repeats);
        }
        split = split == null ? "kfold" : split;
        if (!SPLITS.contains(split)) {
            throw new KeyedArgumentException("selection.split", "selection.split must be one of "
                    + String.join(", ", SPLITS) + ": " + Text.quote(split));
        }
        if (groups != null && groups.isBlank()) {
            throw new KeyedArgumentException("selection.groups", "selection.groups is empty; name a column or "
                    + "delete the key");
        }
        if (groups != null && split.equals("time")) {
            throw new KeyedArgumentException("selection.groups", "selection.groups and selection.split: time "
                    + "cannot be combined: time-ordered folds already keep the future out of training");
        }
    }

    /** Whether folds follow the time column. */
    public boolean timeOrdered() {
        return split.equals("time");
    }

    /** Whether the family is to be tried, by at least one candidate. */
    public boolean includes(String family) {
        return candidates.isEmpty() ? FAMILIES.contains(family) && !family.equals(Candidate.ONNX)
                : candidates.stream().anyMatch(c -> c.learner().equals(family));
    }

    /** The ids of the listed candidates, in the order listed; empty when every family is tried. */
    public List<String> ids() {
        return candidates.stream().map(CandidateSpec::id).toList();
    }

    static String unknownFamily(String family) {
        String near = Text.nearest(family, FAMILIES);
        return "unknown model family " + Text.quote(family) + " in selection.candidates ("
                + (near == null ? "" : "did you mean '" + near + "'?; ") + "known: " + String.join(", ", FAMILIES) + ")";
    }
}
