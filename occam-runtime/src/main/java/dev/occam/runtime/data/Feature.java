package dev.occam.runtime.data;

import java.util.List;
import java.util.Objects;

/**
 * One input column as a model sees it. Categorical features carry their levels in code order; a
 * value's code is its index in {@link #levels()}.
 */
public record Feature(String name, FeatureType type, List<String> levels) {

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (type == FeatureType.NUMERIC && !levels.isEmpty()) {
            throw new IllegalArgumentException("numeric feature '" + name + "' cannot have levels: " + levels);
        }
        if (levels.size() != new java.util.HashSet<>(levels).size()) {
            throw new IllegalArgumentException("feature '" + name + "' has duplicate levels: " + levels);
        }
    }

    public static Feature numeric(String name) {
        return new Feature(name, FeatureType.NUMERIC, List.of());
    }

    public static Feature categorical(String name, List<String> levels) {
        return new Feature(name, FeatureType.CATEGORICAL, levels);
    }

    public boolean isNumeric() {
        return type == FeatureType.NUMERIC;
    }

    public boolean isCategorical() {
        return type == FeatureType.CATEGORICAL;
    }

    /** The code of a level, or -1 when the level was not seen in training. */
    public int code(String level) {
        return levels.indexOf(level);
    }
}
