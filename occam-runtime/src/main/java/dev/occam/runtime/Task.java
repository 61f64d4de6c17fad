package dev.occam.runtime;

/** What is predicted: a class (with the probability of the positive one) or a number. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
