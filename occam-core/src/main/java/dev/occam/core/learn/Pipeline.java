package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.core.prepare.Frames;
import dev.occam.core.prepare.Imputer;
import dev.occam.core.prepare.IndicatorEncoder;
import dev.occam.core.prepare.Preparer;
import dev.occam.core.prepare.Standardizer;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.prep.Transform;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Preparation steps followed by a learner, itself a learner: every step is fitted on the rows given to
 * {@link #fit}, so inside cross-validation the medians, levels and scales come from each fold's training
 * part alone. The fitted model carries the frozen steps and reads raw rows.
 */
public record Pipeline(List<Preparer> steps, Learner learner) implements Learner {

    public Pipeline {
        steps = List.copyOf(steps);
        Objects.requireNonNull(learner, "learner");
    }

    /**
     * Imputation, then 0/1 indicators with the first level as the reference (treatment contrasts): the
     * preparation of models with an intercept, as R's model.matrix gives them.
     */
    public static Pipeline treatmentCoded(Learner learner) {
        return new Pipeline(List.of(new Imputer(), new IndicatorEncoder(true)), learner);
    }

    /**
     * Imputation, standardisation of the numeric columns, then one 0/1 indicator per level: the preparation of
     * models that compare distances or follow gradients (k nearest neighbours, the MLP), for which every column
     * must be a number on a common scale.
     *
     * <p>Why the indicators stay 0/1: standardised, a level of share q becomes a column whose rows of that level
     * sit at {@code √((1 − q)/q)}, so a rare level (q = 1/51 for one of 51 states: 7.1) outweighs every number in
     * a distance and in a gradient step, and a column of many levels outweighs all the numbers together. Left 0/1,
     * two rows of different levels differ by 2 in squared distance, as two standardised numbers do on average
     * (E(x − x')² = 2), whatever the number of levels. This is the usual recipe (scikit-learn's
     * {@code StandardScaler} on numbers beside {@code OneHotEncoder}); on the 5,000-row churn table of R's
     * modeldata (51 states) k nearest neighbours ranked at AUC 0.716 with every column standardised and 0.853
     * this way (docs/learners.md).
     */
    public static Pipeline standardisedNumbers(Learner learner) {
        return new Pipeline(List.of(new Imputer(), new Standardizer(), new IndicatorEncoder(false)), learner);
    }

    @Override
    public String family() {
        return learner.family();
    }

    @Override
    public int rung() {
        return learner.rung();
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(learner.capabilities());
        for (Preparer step : steps) {
            if (step instanceof Imputer) {
                caps.add(Capability.MISSING_VALUES);
            }
            if (step instanceof IndicatorEncoder) {
                caps.add(Capability.CATEGORICAL_INPUT);
            }
        }
        return caps;
    }

    /** The learner's: preparation steps are pure Java. */
    @Override
    public Optional<String> unavailableReason() {
        return learner.unavailableReason();
    }

    @Override
    public Model fit(Frame features, Target target) {
        List<Transform> fitted = new ArrayList<>(steps.size());
        Frame current = features;
        for (Preparer step : steps) {
            Transform t = step.fit(current);
            fitted.add(t);
            current = Frames.apply(t, current);
        }
        return learner.fit(current, target).withPreparation(fitted);
    }
}
