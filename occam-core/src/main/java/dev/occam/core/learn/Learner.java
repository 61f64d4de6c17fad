package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.Optional;
import java.util.Set;

/**
 * Fits a model from training rows. A learner is its options: immutable, validated when built, and
 * reusable across folds. Fitting never changes the learner or the data, and the same data give the
 * same model (any randomness comes from a seed in the options).
 *
 * <p>The returned model's decision threshold is a placeholder; the caller sets it (see
 * {@link DecisionThreshold}).
 */
public interface Learner {

    /** The family name used in use cases, leaderboards and model files ({@code logistic}, {@code tree}, ...). */
    String family();

    /** The ladder rung: 0 baseline, 1 rules, 2 linear, 3 single trees and neighbours, 4 ensembles, 5 neural nets. */
    int rung();

    Set<Capability> capabilities();

    /**
     * Why this learner cannot run on this machine (a native library that does not load on this platform,
     * a system library that is missing), or empty when it can. Callers ask before fitting, so that one
     * learner that cannot run is reported with its reason and the rest of the ladder goes on. Learners in
     * pure Java always can; the answer does not change during the life of the process.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * @param features training rows, features only (the frame's schema becomes the model's schema)
     * @param target the values to learn, aligned with {@code features}
     * @throws IllegalArgumentException when the data do not suit the learner (say what and where)
     */
    Model fit(Frame features, Target target);
}
