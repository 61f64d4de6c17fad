package dev.occam.core.learn;

/** What a learner can do, declared (never probed) so that tests and selection can read it. */
public enum Capability {
    /** Fits classification targets and scores the positive class's probability. */
    CLASSIFICATION,
    /** Fits numeric targets. */
    REGRESSION,
    /** Fits targets of three or more classes and scores every class's probability ({@code scoreClasses}). */
    MULTICLASS,
    /** Accepts missing values in its input as they are. */
    MISSING_VALUES,
    /** Accepts categorical features as they are. */
    CATEGORICAL_INPUT,
    /** Can hold the effect of a feature to one direction. */
    MONOTONE_CONSTRAINTS,
    /** A person can read the whole fitted model (coefficients, rules, a small tree). */
    EXPLAINABLE;

    /** The capability a learner needs to fit a target of the task. */
    public static Capability forTask(dev.occam.runtime.Task task) {
        return task == dev.occam.runtime.Task.CLASSIFICATION ? CLASSIFICATION
                : task == dev.occam.runtime.Task.MULTICLASS ? MULTICLASS : REGRESSION;
    }
}
