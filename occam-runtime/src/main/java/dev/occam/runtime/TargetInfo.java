package dev.occam.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The predicted column as a model knows it. For two-class classification, {@code positive} is the class whose
 * probability is scored and {@code negative} the other one; for multiclass, {@code levels} are the classes in
 * the order of their codes 0..K-1 (and of a multiclass scorer's outputs); unused fields are null.
 */
public record TargetInfo(String name, PredictionTask task, String positive, String negative, List<String> levels) {

    public TargetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (task == Task.CLASSIFICATION && (positive == null || negative == null)) {
            throw new IllegalArgumentException("classification target '" + name + "' needs a positive and a negative class");
        }
        if (task == Task.CLASSIFICATION && positive.equals(negative)) {
            throw new IllegalArgumentException("positive and negative class are both '" + positive + "'");
        }
        if (task == Task.MULTICLASS) {
            if (levels == null || levels.size() < 3) {
                throw new IllegalArgumentException("multiclass target '" + name + "' needs three or more classes, got "
                        + levels);
            }
            levels = List.copyOf(levels);
            if (levels.stream().distinct().count() != levels.size()) {
                throw new IllegalArgumentException("multiclass target '" + name + "' repeats a class: " + levels);
            }
        } else {
            levels = null;
        }
    }

    /** A two-class or regression target (no levels). */
    public TargetInfo(String name, PredictionTask task, String positive, String negative) {
        this(name, task, positive, negative, null);
    }

    public static TargetInfo classification(String name, String positive, String negative) {
        return new TargetInfo(name, Task.CLASSIFICATION, positive, negative);
    }

    public static TargetInfo regression(String name) {
        return new TargetInfo(name, Task.REGRESSION, null, null);
    }

    /** A target with three or more classes, {@code levels} in code order. */
    public static TargetInfo multiclass(String name, List<String> levels) {
        return new TargetInfo(name, Task.MULTICLASS, null, null, levels);
    }

    /** Two-class classification: a positive class scored and a threshold to call it. */
    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    /** Three or more classes: per-class probabilities and the most probable class called. */
    public boolean isMulticlass() {
        return task == Task.MULTICLASS;
    }

    public boolean isRegression() {
        return task == Task.REGRESSION;
    }

    /** How many classes a multiclass target has; 0 for the other tasks. */
    public int classCount() {
        return levels == null ? 0 : levels.size();
    }
}
