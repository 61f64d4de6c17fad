package dev.occam.core.usecase;

import java.util.Locale;

/** The required direction of a column's effect on the positive class (or on the predicted number). */
public enum Monotone {
    INCREASING("increasing"),
    DECREASING("decreasing");

    private final String key;

    Monotone(String key) {
        this.key = key;
    }

    /** The name used in use-case files. */
    public String key() {
        return key;
    }

    /** @throws IllegalArgumentException naming the value and the two directions */
    public static Monotone fromKey(String key) {
        for (Monotone m : values()) {
            if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("monotone direction must be increasing or decreasing: " + Text.quote(key));
    }
}
