package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.ConstantScorer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rung 0: the training prior (share of the positive class) or the training mean, for every row. A
 * real model, and the floor every other candidate must clear.
 */
public final class BaselineLearner implements Learner {

    @Override
    public String family() {
        return "baseline";
    }

    @Override
    public int rung() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MISSING_VALUES,
                Capability.CATEGORICAL_INPUT, Capability.EXPLAINABLE);
    }

    @Override
    public Model fit(Frame features, Target target) {
        if (target.size() == 0) {
            throw new IllegalArgumentException("cannot fit a baseline on zero rows");
        }
        return Model.of(family(), target.info(), new ConstantScorer(features.schema(), target.mean()));
    }
}
