package dev.occam.core.forecast;

import java.util.function.ToDoubleFunction;

/**
 * The variable-metric (BFGS) minimiser as R's {@code optim(method = "BFGS")} runs it (J. C. Nash, <i>Compact
 * Numerical Methods for Computers</i>, 2nd ed., 1990, Algorithm 21, as R's {@code vmmin}), with R's central-difference
 * gradient (step 10<sup>−3</sup> on the scaled parameters) and its defaults: at most 100 iterations, relative
 * tolerance 10<sup>−8</sup>. Used for the ARIMA fits, as R's {@code arima}.
 */
final class Bfgs {

    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPTANCE = 1e-4;
    private static final double REL_TEST = 10.0;
    private static final double GRADIENT_STEP = 1e-3;

    /** The minimum found, its value, and whether it stopped by its tolerance (R's convergence code 0). */
    record Result(double[] point, double value, boolean converged) {
    }

    private Bfgs() {
    }

    /**
     * Minimises {@code f} from {@code start}; {@code scale} divides each parameter (R's {@code parscale}).
     *
     * @throws ArithmeticException when the function or a difference of it is not finite where it must be
     */
    static Result minimise(ToDoubleFunction<double[]> f, double[] start, double[] scale, int maxIterations,
            double relativeTolerance) {
        int n = start.length;
        ToDoubleFunction<double[]> scaled = x -> f.applyAsDouble(unscale(x, scale));
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = start[i] / scale[i];
        }
        if (n == 0) {
            return new Result(new double[0], f.applyAsDouble(new double[0]), true);
        }
        double fmin = scaled.applyAsDouble(b);
        if (!Double.isFinite(fmin)) {
            throw new ArithmeticException("initial value in 'vmmin' is not finite");
        }
        double[] g = gradient(scaled, b);
        int iterations = 1;
        int gradients = 1;
        int lastReset = gradients;
        double[][] h = new double[n][n];
        double[] x = new double[n];
        double[] c = new double[n];
        double[] t = new double[n];
        int count;
        double value = fmin;
        do {
            if (lastReset == gradients) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                }
            }
            System.arraycopy(b, 0, x, 0, n);
            System.arraycopy(g, 0, c, 0, n);
            double slope = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s -= h[i][j] * g[j];
                }
                for (int j = i + 1; j < n; j++) {
                    s -= h[j][i] * g[j];
                }
                t[i] = s;
                slope += s * g[i];
            }
            if (slope < 0) {
                double step = 1.0;
                boolean accepted = false;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = x[i] + step * t[i];
                        if (REL_TEST + x[i] == REL_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        value = scaled.applyAsDouble(b);
                        accepted = Double.isFinite(value) && value <= fmin + slope * step * ACCEPTANCE;
                        if (!accepted) {
                            step *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accepted));
                boolean enough = Math.abs(value - fmin) > relativeTolerance * (Math.abs(fmin) + relativeTolerance);
                if (!enough) {
                    count = n;
                    fmin = value;
                }
                if (count < n) {
                    fmin = value;
                    g = gradient(scaled, b);
                    gradients++;
                    iterations++;
                    double d1 = 0;
                    for (int i = 0; i < n; i++) {
                        t[i] *= step;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0;
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j <= i; j++) {
                                s += h[i][j] * c[j];
                            }
                            for (int j = i + 1; j < n; j++) {
                                s += h[j][i] * c[j];
                            }
                            x[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1 + d2 / d1;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                h[i][j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
                            }
                        }
                    } else {
                        lastReset = gradients;
                    }
                } else if (lastReset < gradients) {
                    count = 0;
                    lastReset = gradients;
                }
            } else {
                count = 0;
                if (lastReset == gradients) {
                    count = n;
                } else {
                    lastReset = gradients;
                }
            }
            if (iterations >= maxIterations) {
                break;
            }
            if (gradients - lastReset > 2 * n) {
                lastReset = gradients;
            }
        } while (count != n || lastReset != gradients);
        return new Result(unscale(b, scale), fmin, iterations < maxIterations);
    }

    /** R's optim gradient: central differences with step 10⁻³ in the scaled parameters. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        int n = x.length;
        double[] g = new double[n];
        double[] probe = x.clone();
        for (int i = 0; i < n; i++) {
            probe[i] = x[i] + GRADIENT_STEP;
            double up = f.applyAsDouble(probe);
            probe[i] = x[i] - GRADIENT_STEP;
            double down = f.applyAsDouble(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * GRADIENT_STEP);
            if (!Double.isFinite(g[i])) {
                throw new ArithmeticException("non-finite finite-difference value [" + (i + 1) + "]");
            }
        }
        return g;
    }

    /** R's {@code optimhess}: differences of the numerical gradient, symmetrised, in the unscaled parameters. */
    static double[][] hessian(ToDoubleFunction<double[]> f, double[] point, double[] scale) {
        int n = point.length;
        ToDoubleFunction<double[]> scaled = x -> f.applyAsDouble(unscale(x, scale));
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = point[i] / scale[i];
        }
        double[][] hs = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] probe = b.clone();
            probe[i] = b[i] + GRADIENT_STEP;
            double[] up = gradient(scaled, probe);
            probe[i] = b[i] - GRADIENT_STEP;
            double[] down = gradient(scaled, probe);
            for (int j = 0; j < n; j++) {
                hs[i][j] = (up[j] - down[j]) / (2 * GRADIENT_STEP) / (scale[i] * scale[j]);
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = 0.5 * (hs[i][j] + hs[j][i]);
            }
        }
        return out;
    }

    private static double[] unscale(double[] x, double[] scale) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale[i];
        }
        return out;
    }
}
