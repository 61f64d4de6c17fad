package dev.occam.core.learn.formula;

import dev.occam.runtime.formula.Formula;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Minimises the residual sum of squares {@code Σ (g(yᵢ) − f(xᵢ, θ))²} of a {@link Formula} over its parameters by
 * Levenberg-Marquardt with MINPACK's scaling and safeguards (Moré, <i>The Levenberg-Marquardt algorithm:
 * implementation and theory</i>, Lecture Notes in Mathematics 630, 1978; Hipparchus's
 * {@link LevenbergMarquardtOptimizer} is a port of MINPACK's {@code lmder}: parameters scaled by the Jacobian's
 * column norms, a trust region, the step by {@code lmpar}), with the formula's exact Jacobian by forward-mode
 * differentiation. Then the inference of R's {@code summary.nls}: {@code σ² = RSS / (n − p)}, standard errors from
 * {@code σ² (JᵀJ)⁻¹} at the solution, computed from the singular value decomposition of J so that an ill-conditioned
 * J loses half as many digits as forming JᵀJ would.
 *
 * <p>Stateless: one call, one fit.
 */
final class NonlinearLeastSquares {

    /** MINPACK's ftol and xtol: relative reduction of the sum of squares and relative change of the scaled step. */
    static final double TOLERANCE = 1e-12;
    /** Below this ratio of the smallest to the largest singular value, J is singular (R's nls: 1e-10 on QR). */
    static final double SINGULAR = 1e-10;

    /** The outcome of a fit: the best point reached and whether it is a solution, with the reason when not. */
    record Result(double[] theta, double[] residuals, double rss, int iterations, int evaluations, boolean converged,
            String failure, double[] stdErrors, double[] singularValues) {
    }

    /** The rows and the formula, with residuals and Jacobian evaluated on demand. */
    record Problem(Formula formula, double[][] x, double[] response) {

        int rows() {
            return response.length;
        }

        int parameters() {
            return formula.parameters().size();
        }

        /** The residuals response − f at {@code theta}, and the Jacobian of f (n × p) into {@code jacobian}. */
        double[] residuals(double[] theta, double[][] jacobian) {
            double[] r = new double[rows()];
            for (int i = 0; i < r.length; i++) {
                r[i] = response[i] - (jacobian == null ? formula.value(x[i], theta)
                        : formula.valueAndGradient(x[i], theta, jacobian[i]));
            }
            return r;
        }

        String at(double[] theta) {
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < theta.length; k++) {
                parts.add(formula.parameters().get(k) + " = " + Formula.number(theta[k]));
            }
            return String.join(", ", parts);
        }
    }

    /** Thrown out of the model function when the formula gives NaN or an infinity at a point the optimizer tries. */
    private static final class Undefined extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double[] theta;
        final int row;

        Undefined(double[] theta, int row) {
            super(null, null, false, false);
            this.theta = theta;
            this.row = row;
        }
    }

    private NonlinearLeastSquares() {
    }

    /**
     * Fits from {@code start}. The starting point must give finite values and a Jacobian whose every column is
     * non-zero (the caller checks: {@link FormulaRegression}).
     */
    static Result fit(Problem problem, double[] start, int maxIterations) {
        int n = problem.rows();
        int p = problem.parameters();
        // The best point the optimizer evaluated: where a fit that stops on an exception is reported.
        double[] best = start.clone();
        double[] bestRss = {Double.POSITIVE_INFINITY};
        int[] calls = {0};
        MultivariateJacobianFunction model = point -> {
            calls[0]++;
            double[] theta = point.toArray();
            double[][] jacobian = new double[n][p];
            double[] values = new double[n];
            double rss = 0;
            for (int i = 0; i < n; i++) {
                values[i] = problem.formula().valueAndGradient(problem.x()[i], theta, jacobian[i]);
                boolean finite = Double.isFinite(values[i]);
                for (int k = 0; k < p && finite; k++) {
                    finite = Double.isFinite(jacobian[i][k]);
                }
                if (!finite) {
                    throw new Undefined(theta, i);
                }
                double r = problem.response()[i] - values[i];
                rss += r * r;
            }
            if (rss < bestRss[0]) {
                bestRss[0] = rss;
                System.arraycopy(theta, 0, best, 0, p);
            }
            return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        };
        LeastSquaresProblem lsq = new LeastSquaresBuilder()
                .start(start)
                .model(model)
                .target(problem.response())
                .lazyEvaluation(false)
                .maxIterations(maxIterations)
                .maxEvaluations(Math.max(100, 20 * maxIterations))
                .build();
        LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(TOLERANCE)
                .withParameterRelativeTolerance(TOLERANCE)
                .withOrthoTolerance(TOLERANCE);
        double[] theta;
        int iterations;
        int evaluations;
        String failure = null;
        boolean converged;
        try {
            LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(lsq);
            theta = optimum.getPoint().toArray();
            iterations = optimum.getIterations();
            converged = true;
        } catch (Undefined u) {
            theta = best;
            iterations = -1;
            converged = false;
            failure = "the formula gave an undefined value (NaN or an infinity) on row " + (u.row + 1) + " at "
                    + problem.at(u.theta) + " while the fit searched from " + problem.at(start)
                    + ": the iteration diverged from these starting values; give others in start";
        } catch (MathIllegalStateException e) {
            theta = best;
            iterations = -1;
            if (e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE) {
                // MINPACK's info 6-8: no further reduction is possible in floating point; the best point is the
                // solution to the precision the arithmetic allows.
                converged = true;
            } else if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                converged = false;
                failure = "the fit did not converge within " + maxIterations + " iterations from " + problem.at(start)
                        + "; give starting values nearer the answer in start";
            } else {
                throw e;
            }
        }
        evaluations = calls[0];
        double[][] jacobian = new double[n][p];
        double[] residuals = problem.residuals(theta, jacobian);
        double rss = 0;
        for (double r : residuals) {
            rss += r * r;
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(jacobian, false));
        double[] s = svd.getSingularValues();
        double[] se = new double[p];
        java.util.Arrays.fill(se, Double.NaN);
        if (s[p - 1] <= SINGULAR * s[0]) {
            if (failure == null) {
                failure = "singular gradient at " + problem.at(theta) + ": " + confounded(svd.getV(), problem)
                        + ", so the estimates are not determined";
            }
            converged = false;
        } else if (n > p) {
            double sigma2 = rss / (n - p);
            RealMatrix v = svd.getV();
            for (int k = 0; k < p; k++) {
                double var = 0;
                for (int j = 0; j < p; j++) {
                    double a = v.getEntry(k, j) / s[j];
                    var += a * a;
                }
                se[k] = Math.sqrt(sigma2 * var);
            }
        }
        return new Result(theta, residuals, rss, iterations, evaluations, converged, failure, se, s);
    }

    /** The parameters that weigh most in the direction J does not see (its last right singular vector). */
    private static String confounded(RealMatrix v, Problem problem) {
        int p = problem.parameters();
        RealVector last = v.getColumnVector(p - 1);
        double max = last.getLInfNorm();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            if (Math.abs(last.getEntry(k)) >= 0.1 * max) {
                names.add(problem.formula().parameters().get(k));
            }
        }
        if (names.size() == 1) {
            return "the parameter " + names.get(0) + " has no effect on the prediction there";
        }
        return "the parameters " + String.join(" and ", names) + " cannot be told apart by these data";
    }
}
