package dev.occam.core.usecase;

import java.util.List;
import java.util.Objects;

/**
 * The groups a model must treat alike, and how alike.
 *
 * @param protectedAttributes columns holding protected attributes; never features unless
 *     {@code useProtected}; empty when none
 * @param minSelectionRateRatio the smallest acceptable ratio of the lowest group selection rate to the
 *     highest (0.8 is the four-fifths rule), in (0, 1], or null for no bound
 * @param useProtected whether the protected columns are still used as features (they are audited either way)
 */
public record Fairness(List<String> protectedAttributes, Double minSelectionRateRatio, boolean useProtected) {

    /** No protected attribute, no bound. */
    public static final Fairness NONE = new Fairness(List.of(), null, false);

    public Fairness {
        protectedAttributes = List.copyOf(Objects.requireNonNull(protectedAttributes, "protectedAttributes"));
        for (String column : protectedAttributes) {
            if (column.isBlank()) {
                throw new KeyedArgumentException("fairness.protected", "fairness.protected has an empty column name");
            }
        }
        String twice = Text.firstDuplicate(protectedAttributes);
        if (twice != null) {
            throw new KeyedArgumentException("fairness.protected", "fairness.protected lists " + Text.quote(twice)
                    + " twice");
        }
        if (minSelectionRateRatio != null) {
            if (!(minSelectionRateRatio > 0 && minSelectionRateRatio <= 1)) {
                throw new KeyedArgumentException("fairness.min_selection_rate_ratio",
                        "fairness.min_selection_rate_ratio must be in (0, 1]: " + minSelectionRateRatio);
            }
            if (protectedAttributes.isEmpty()) {
                throw new KeyedArgumentException("fairness.min_selection_rate_ratio",
                        "fairness.min_selection_rate_ratio needs fairness.protected, the columns whose groups "
                                + "are compared");
            }
        }
        if (useProtected && protectedAttributes.isEmpty()) {
            throw new KeyedArgumentException("fairness.use_protected",
                    "fairness.use_protected needs fairness.protected, the columns it lets the model use");
        }
    }
}
