package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.ConstantScorer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rung 0: the training prior (share of the positive class; every class's share for multiclass) or the training
 * mean, for every row. A
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
        return EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS, Capability.MISSING_VALUES,
                Capability.CATEGORICAL_INPUT, Capability.EXPLAINABLE);
    }

    @Override
    public Model fit(Frame features, Target target) {
        if (target.size() == 0) {
            throw new IllegalArgumentException("cannot fit a baseline on zero rows");
        }
        if (target.isMulticlass()) {
            // Every row gets the training class shares.
            java.util.List<dev.occam.runtime.scorer.Scorer> shares = new java.util.ArrayList<>();
            for (double share : target.classShares()) {
                shares.add(new ConstantScorer(features.schema(), share));
            }
            return Model.of(family(), target.info(), new dev.occam.runtime.scorer.MulticlassScorer(features.schema(),
                    shares, dev.occam.runtime.scorer.MulticlassScorer.Combination.SHARES, shares.size()));
        }
        return Model.of(family(), target.info(), new ConstantScorer(features.schema(), target.mean()));
    }
}
