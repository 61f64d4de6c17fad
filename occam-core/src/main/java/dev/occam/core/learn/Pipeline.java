package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.core.prepare.Frames;
import dev.occam.core.prepare.Imputer;
import dev.occam.core.prepare.IndicatorEncoder;
import dev.occam.core.prepare.Preparer;
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
