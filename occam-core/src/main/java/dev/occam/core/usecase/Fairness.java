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
 * @param favourable which decision is the favourable one for the person scored, the "selection" of the
 *     four-fifths rule: {@link Favourable#NEGATIVE} (the default) when the positive class is the adverse
 *     event the model flags (a bad loan, fraud: being called positive means being refused or
 *     investigated), {@link Favourable#POSITIVE} when being called positive is the favourable decision
 *     (hired, offered)
 */
public record Fairness(List<String> protectedAttributes, Double minSelectionRateRatio, boolean useProtected,
        Favourable favourable) {

    /** No protected attribute, no bound. */
    public static final Fairness NONE = new Fairness(List.of(), null, false);

    /** Which call of a classifier is the favourable decision for the person scored. */
    public enum Favourable {
        /** Being called negative is favourable: the positive class is the adverse event (the default). */
        NEGATIVE,
        /** Being called positive is favourable. */
        POSITIVE;

        /** The key as written in a use case file. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Favourable decision: being called negative (the positive class is the adverse event). */
    public Fairness(List<String> protectedAttributes, Double minSelectionRateRatio, boolean useProtected) {
        this(protectedAttributes, minSelectionRateRatio, useProtected, Favourable.NEGATIVE);
    }

    public Fairness {
        favourable = favourable == null ? Favourable.NEGATIVE : favourable;
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
