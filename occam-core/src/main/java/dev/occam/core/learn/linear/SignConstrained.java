package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A linear learner (logistic, linear, lasso) holding monotone directions as sign constraints on the coefficients of
 * numeric columns: a column asked to raise the score must not have a negative coefficient, one asked to lower it
 * not a positive one. Fitted by the active-set method for bound constraints (Lawson &amp; Hanson 1974, ch. 23, as
 * for non-negative least squares): fit unconstrained; while a constrained coefficient has the wrong sign, hold the
 * one with the largest violation (by its statistic, else its size) at its bound, 0, by leaving its column out, and
 * fit again. With one violator this is the constrained maximum likelihood; with several it is the usual greedy
 * approximation. Each column held at 0 is a finding of the fit, naming the column, its unconstrained coefficient and
 * the direction asked.
 */
public final class SignConstrained implements Learner {

    private final Learner learner;
    private final Map<String, Integer> directions;

    /**
     * @param learner a learner whose two-class or numeric models have a {@link LinearScorer}
     * @param directions column name to +1 (increasing) or −1 (decreasing)
     */
    public SignConstrained(Learner learner, Map<String, Integer> directions) {
        this.learner = Objects.requireNonNull(learner, "learner");
        directions.forEach((column, d) -> {
            if (d == null || (d != 1 && d != -1)) {
                throw new IllegalArgumentException("monotone direction of " + column + " must be +1 or -1: " + d);
            }
        });
        this.directions = Map.copyOf(directions);
    }

    @Override
    public String family() {
        return learner.family();
    }

    @Override
    public int rung() {
        return learner.rung();
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> caps = EnumSet.copyOf(learner.capabilities());
        caps.add(Capability.MONOTONE_CONSTRAINTS);
        // The constraint is on one coefficient per column: K − 1 blocks of a multinomial logit are not held.
        caps.remove(Capability.MULTICLASS);
        return caps;
    }

    @Override
    public Optional<String> unavailableReason() {
        return learner.unavailableReason();
    }

    /**
     * @throws IllegalArgumentException when a constrained column is not a numeric column of the features (a
     *     category has no order), or the target has three or more classes
     */
    @Override
    public Model fit(Frame features, Target target) {
        if (target.isMulticlass()) {
            throw new IllegalArgumentException(family() + " holds monotone directions for two classes or a number, not"
                    + " for " + target.info().classCount() + " classes");
        }
        for (String column : directions.keySet()) {
            if (!features.hasColumn(column)
                    || !(features.column(column) instanceof dev.occam.runtime.data.NumericColumn)) {
                throw new IllegalArgumentException(family() + " cannot hold a monotone direction on '" + column
                        + "': it is not a numeric column of the data (a categorical column has no order)");
            }
        }
        List<String> heldAtZero = new ArrayList<>();
        Map<String, Double> unconstrained = new LinkedHashMap<>();
        while (true) {
            Model model = learner.fit(features.without(heldAtZero), target);
            if (!(model.scorer() instanceof LinearScorer linear)) {
                throw new IllegalStateException(family() + " did not fit a linear model: " + model.scorer());
            }
            String worst = null;
            double worstSize = 0;
            double worstCoefficient = 0;
            for (int j = 0; j < linear.input().size(); j++) {
                Integer d = directions.get(linear.input().feature(j).name());
                double b = linear.coefficients()[j];
                if (d == null || linear.aliased()[j] || !(b * d < 0)) {
                    continue;
                }
                double size = linear.inference() != null && linear.inference().hasTermInference()
                        ? Math.abs(linear.inference().statistics()[j + 1]) : Double.NaN;
                size = Double.isNaN(size) ? Math.abs(b) : size;
                if (worst == null || size > worstSize) {
                    worst = linear.input().feature(j).name();
                    worstSize = size;
                    worstCoefficient = b;
                }
            }
            if (worst == null) {
                var diagnostics = model.diagnostics();
                for (String column : heldAtZero) {
                    diagnostics = diagnostics.withFinding(String.format(Locale.ROOT, "%s's coefficient is held at 0:"
                            + " fitted freely it was %.4g, against the %s direction the use case asks for, so %s does"
                            + " not move the score", column, unconstrained.get(column),
                            directions.get(column) > 0 ? "increasing" : "decreasing", column));
                }
                return model.withDiagnostics(diagnostics);
            }
            heldAtZero.add(worst);
            unconstrained.put(worst, worstCoefficient);
        }
    }
}
