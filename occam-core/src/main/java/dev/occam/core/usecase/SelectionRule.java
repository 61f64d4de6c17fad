package dev.occam.core.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the model is chosen among the eligible candidates of the ladder. */
public enum SelectionRule {
    /** The simplest model not significantly worse than the best one at level {@code alpha} (the default). */
    SIGNIFICANCE("significance"),
    /** The simplest model whose mean is within one standard error of the best one's. */
    ONE_SE("one-se"),
    /** The best mean, however complex. */
    BEST("best");

    private final String key;

    SelectionRule(String key) {
        this.key = key;
    }

    /** The name used in use-case files. */
    public String key() {
        return key;
    }

    /** The names of all rules, in order. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (SelectionRule r : values()) {
            keys.add(r.key);
        }
        return List.copyOf(keys);
    }

    /** @throws IllegalArgumentException naming the value and the known rules */
    public static SelectionRule fromKey(String key) {
        for (SelectionRule r : values()) {
            if (r.key.equals(key.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("selection rule must be one of " + String.join(", ", keys()) + ": "
                + Text.quote(key));
    }
}
