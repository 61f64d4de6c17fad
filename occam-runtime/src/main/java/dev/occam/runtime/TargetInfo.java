package dev.occam.runtime;

import java.util.Objects;

/**
 * The predicted column as a model knows it. For classification, {@code positive} is the class whose
 * probability is scored and {@code negative} the other one; both are null for regression.
 */
public record TargetInfo(String name, Task task, String positive, String negative) {

    public TargetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (task == Task.CLASSIFICATION && (positive == null || negative == null)) {
            throw new IllegalArgumentException("classification target '" + name + "' needs a positive and a negative class");
        }
        if (task == Task.CLASSIFICATION && positive.equals(negative)) {
            throw new IllegalArgumentException("positive and negative class are both '" + positive + "'");
        }
    }

    public static TargetInfo classification(String name, String positive, String negative) {
        return new TargetInfo(name, Task.CLASSIFICATION, positive, negative);
    }

    public static TargetInfo regression(String name) {
        return new TargetInfo(name, Task.REGRESSION, null, null);
    }

    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }
}
