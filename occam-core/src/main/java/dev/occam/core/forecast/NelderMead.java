package dev.occam.core.forecast;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex minimiser as R's {@code optim(method = "Nelder-Mead")} runs it (J. C. Nash, <i>Compact
 * Numerical Methods for Computers</i>, 2nd ed., 1990, Algorithm 19, as adapted by B. D. Ripley in R's
 * {@code nmmin}), which R forecast's {@code ets} calls with reflection 1, contraction 0.5, expansion 2, relative
 * tolerance √ε and at most 2000 function evaluations. The same moves in the same order matter here: the ETS
 * likelihood is flat in places, and another simplex path ends elsewhere on the plateau.
 *
 * <p>Start: the initial point plus, for each coordinate, a point moved by a tenth of the largest absolute
 * coordinate (0.1 when all are 0). Each iteration reflects the highest vertex through the centroid of the others;
 * a new best point is tried further out (expansion); otherwise the worst is contracted towards the centroid, and
 * when even that fails after a reflection that was no better than the worst, the whole simplex shrinks towards the
 * best vertex. Stops when the spread of values is within the relative tolerance, or when the budget is spent.
 * Non-finite values count as 10<sup>35</sup>.
 */
final class NelderMead {

    private static final double BIG = 1.0e35;

    /** The best point, its value, how many evaluations were used, and whether the budget ran out. */
    record Result(double[] point, double value, int evaluations, boolean budgetSpent) {
    }

    private NelderMead() {
    }

    static Result minimise(ToDoubleFunction<double[]> objective, double[] start, double relativeTolerance,
            int maxEvaluations) {
        final double reflection = 1.0;
        final double contraction = 0.5;
        final double expansion = 2.0;
        int n = start.length;
        double[] x = start.clone();
        double f0 = objective.applyAsDouble(x.clone());
        if (!Double.isFinite(f0)) {
            throw new IllegalArgumentException("the objective cannot be evaluated at the starting point");
        }
        int evaluations = 1;
        double tolerance = relativeTolerance * (Math.abs(f0) + relativeTolerance);
        // vertices[j] is vertex j, values[j] its value; slot n + 1 holds the centroid
        double[][] vertices = new double[n + 2][];
        double[] values = new double[n + 2];
        vertices[0] = x.clone();
        values[0] = f0;
        double step = 0;
        for (double v : x) {
            step = Math.max(step, 0.1 * Math.abs(v));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j <= n; j++) {
            double[] vertex = x.clone();
            double tried = step;
            while (vertex[j - 1] == x[j - 1]) {
                vertex[j - 1] = x[j - 1] + tried;
                tried *= 10;
            }
            size += tried;
            vertices[j] = vertex;
        }
        double previousSize = size;
        vertices[n + 1] = new double[n];
        int best = 0;
        boolean evaluateVertices = true;
        boolean spent = false;
        double[] trial = new double[n];
        do {
            if (evaluateVertices) {
                for (int j = 0; j <= n; j++) {
                    if (j != best) {
                        values[j] = finiteOrBig(objective.applyAsDouble(vertices[j].clone()));
                        evaluations++;
                    }
                }
                evaluateVertices = false;
            }
            double low = values[best];
            double high = low;
            int worst = best;
            for (int j = 0; j <= n; j++) {
                if (j != best) {
                    double f = values[j];
                    if (f < low) {
                        best = j;
                        low = f;
                    }
                    if (f > high) {
                        worst = j;
                        high = f;
                    }
                }
            }
            if (high <= low + tolerance) {
                break;
            }
            double[] centroid = vertices[n + 1];
            for (int i = 0; i < n; i++) {
                double sum = -vertices[worst][i];
                for (int j = 0; j <= n; j++) {
                    sum += vertices[j][i];
                }
                centroid[i] = sum / n;
            }
            for (int i = 0; i < n; i++) {
                trial[i] = (1.0 + reflection) * centroid[i] - reflection * vertices[worst][i];
            }
            double reflected = finiteOrBig(objective.applyAsDouble(trial.clone()));
            evaluations++;
            if (reflected < low) {
                // a new best: try going further; the centroid slot keeps the reflected point meanwhile
                values[n + 1] = reflected;
                for (int i = 0; i < n; i++) {
                    double further = expansion * trial[i] + (1 - expansion) * centroid[i];
                    centroid[i] = trial[i];
                    trial[i] = further;
                }
                double expanded = finiteOrBig(objective.applyAsDouble(trial.clone()));
                evaluations++;
                if (expanded < reflected) {
                    System.arraycopy(trial, 0, vertices[worst], 0, n);
                    values[worst] = expanded;
                } else {
                    System.arraycopy(centroid, 0, vertices[worst], 0, n);
                    values[worst] = reflected;
                }
            } else {
                if (reflected < high) {
                    System.arraycopy(trial, 0, vertices[worst], 0, n);
                    values[worst] = reflected;
                }
                for (int i = 0; i < n; i++) {
                    trial[i] = (1 - contraction) * vertices[worst][i] + contraction * centroid[i];
                }
                double contracted = finiteOrBig(objective.applyAsDouble(trial.clone()));
                evaluations++;
                if (contracted < values[worst]) {
                    System.arraycopy(trial, 0, vertices[worst], 0, n);
                    values[worst] = contracted;
                } else if (reflected >= high) {
                    evaluateVertices = true;
                    size = 0;
                    for (int j = 0; j <= n; j++) {
                        if (j != best) {
                            for (int i = 0; i < n; i++) {
                                vertices[j][i] = contraction * (vertices[j][i] - vertices[best][i]) + vertices[best][i];
                                size += Math.abs(vertices[j][i] - vertices[best][i]);
                            }
                        }
                    }
                    if (size < previousSize) {
                        previousSize = size;
                    } else {
                        break; // the polytope no longer shrinks
                    }
                }
            }
        } while (evaluations <= maxEvaluations);
        if (evaluations > maxEvaluations) {
            spent = true;
        }
        return new Result(vertices[best].clone(), values[best], evaluations, spent);
    }

    private static double finiteOrBig(double f) {
        return Double.isFinite(f) ? f : BIG;
    }
}
