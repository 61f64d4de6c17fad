package dev.occam.core.usecase;

import dev.occam.runtime.formula.Formula;
import dev.occam.runtime.formula.FormulaException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The use case's own model equation, {@code formula} in R's nls syntax, with the {@code start} values of its
 * parameters; it joins the regression ladder as the candidate {@code formula}. Checked when read, before any data:
 * the syntax, the functions, the left side (the target, possibly transformed invertibly) and that every start value
 * names a name of the formula; which names are columns is known once the data are read.
 *
 * @param formula {@code target ~ expression}
 * @param start starting values by parameter name, finite; may be empty
 */
public record FormulaSpec(String formula, Map<String, Double> start) {

    public FormulaSpec {
        Objects.requireNonNull(formula, "formula");
        start = Collections.unmodifiableMap(new LinkedHashMap<>(start == null ? Map.of() : start));
        if (formula.isBlank()) {
            throw new KeyedArgumentException("formula", "formula is empty; give the model equation, such as"
                    + " y ~ a * x / (b + x), or delete the key");
        }
        start.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new KeyedArgumentException("start", "start." + name + " must be a finite number: " + value);
            }
        });
    }

    /**
     * Checks the formula against the target before any data are read.
     *
     * @throws KeyedArgumentException at {@code formula} for a formula that does not read or does not predict the
     *     target, at {@code start} for a start value of a name the formula does not have
     */
    void check(String target) {
        Formula read;
        try {
            // Every name a parameter for now: the columns are not known yet.
            read = Formula.parse(formula, target, name -> false);
        } catch (FormulaException e) {
            throw new KeyedArgumentException("formula", e.getMessage());
        }
        for (String name : start.keySet()) {
            if (!read.parameters().contains(name)) {
                throw new KeyedArgumentException("start", "start gives a value for " + Text.quote(name)
                        + ", which is not in the formula " + Text.quote(formula) + " (its names: "
                        + String.join(", ", read.parameters()) + ")");
            }
        }
    }
}
