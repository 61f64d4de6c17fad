package dev.occam.core.forecast;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * The likelihood machinery of R's {@code arima} (stats 4.2, {@code arima.c}): expanding seasonal polynomials,
 * the reparameterisation that keeps the AR part stationary, the conditional sum of squares and the exact Gaussian
 * likelihood by the Kalman filter with a diffuse prior (κ = 10⁶) on the differencing states.
 */
final class ArimaStateSpace {

    static final double KAPPA = 1e6;

    private ArimaStateSpace() {
    }

    /**
     * The full AR and MA polynomials from (p, q, P, Q, m) and the coefficients laid out as R does: ar(p), ma(q),
     * sar(P), sma(Q). With {@code transform}, the AR and seasonal AR blocks go through {@link #partrans} first.
     */
    static double[][] expand(double[] coef, int p, int q, int sp, int sq, int m, boolean transform) {
        double[] params = coef.clone();
        if (transform) {
            partrans(params, 0, p);
            partrans(params, p + q, sp);
        }
        int rp = p + sp * m;
        int rq = q + sq * m;
        double[] phi = new double[rp];
        double[] theta = new double[rq];
        for (int i = 0; i < p; i++) {
            phi[i] = params[i];
        }
        for (int i = 0; i < q; i++) {
            theta[i] = params[p + i];
        }
        for (int j = 0; j < sp; j++) {
            phi[(j + 1) * m - 1] += params[p + q + j];
            for (int i = 0; i < p; i++) {
                phi[(j + 1) * m + i] -= params[i] * params[p + q + j];
            }
        }
        for (int j = 0; j < sq; j++) {
            theta[(j + 1) * m - 1] += params[p + q + sp + j];
            for (int i = 0; i < q; i++) {
                theta[(j + 1) * m + i] += params[p + i] * params[p + q + sp + j];
            }
        }
        return new double[][] {phi, theta};
    }

    /** Jones (1980): tanh of each value as a partial autocorrelation, then Durbin–Levinson to AR coefficients. */
    static void partrans(double[] x, int offset, int p) {
        if (p == 0) {
            return;
        }
        double[] out = new double[p];
        double[] work = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = Math.tanh(x[offset + j]);
            work[j] = out[j];
        }
        for (int j = 1; j < p; j++) {
            double a = out[j];
            for (int k = 0; k < j; k++) {
                work[k] -= a * out[j - k - 1];
            }
            System.arraycopy(work, 0, out, 0, j);
        }
        System.arraycopy(out, 0, x, offset, p);
    }

    /** The inverse of {@link #partrans}: Durbin–Levinson backwards, then atanh. */
    static void invpartrans(double[] x, int offset, int p) {
        if (p == 0) {
            return;
        }
        double[] out = new double[p];
        double[] work = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = x[offset + j];
            work[j] = out[j];
        }
        for (int j = p - 1; j > 0; j--) {
            double a = out[j];
            for (int k = 0; k < j; k++) {
                work[k] = (out[k] + a * out[j - k - 1]) / (1 - a * a);
            }
            System.arraycopy(work, 0, out, 0, j);
        }
        for (int j = 0; j < p; j++) {
            x[offset + j] = atanh(out[j]);
        }
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    /** R's differencing polynomial Δ: y_t = Σ Δ_i y_{t−i} + w_t for (1 − B)^d (1 − B^m)^D. */
    static double[] delta(int d, int sd, int m) {
        double[] poly = {1};
        for (int i = 0; i < d; i++) {
            poly = multiply(poly, new double[] {1, -1});
        }
        for (int i = 0; i < sd; i++) {
            double[] s = new double[m + 1];
            s[0] = 1;
            s[m] = -1;
            poly = multiply(poly, s);
        }
        double[] out = new double[poly.length - 1];
        for (int i = 1; i < poly.length; i++) {
            out[i - 1] = -poly[i];
        }
        return out;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }

    /**
     * The conditional sum of squares of R's {@code ARIMA_CSS}: the series differenced, residuals set to 0 before
     * {@code ncond}, then the ARMA recursion. Returns {σ² = SS/ν, the residuals}.
     */
    static double[] css(double[] x, double[] phi, double[] theta, int d, int sd, int m, int ncond, double[] residuals) {
        int n = x.length;
        double[] w = x.clone();
        for (int i = 0; i < d; i++) {
            for (int l = n - 1; l > 0; l--) {
                w[l] -= w[l - 1];
            }
        }
        for (int i = 0; i < sd; i++) {
            for (int l = n - 1; l >= m; l--) {
                w[l] -= w[l - m];
            }
        }
        double[] resid = residuals != null ? residuals : new double[n];
        java.util.Arrays.fill(resid, 0, Math.min(ncond, n), 0);
        double ssq = 0;
        int nu = 0;
        int p = phi.length;
        int q = theta.length;
        for (int l = ncond; l < n; l++) {
            double tmp = w[l];
            for (int j = 0; j < p; j++) {
                tmp -= phi[j] * w[l - j - 1];
            }
            int jmax = Math.min(l - ncond, q);
            for (int j = 0; j < jmax; j++) {
                tmp -= theta[j] * resid[l - j - 1];
            }
            resid[l] = tmp;
            ssq += tmp * tmp;
            nu++;
        }
        return new double[] {ssq / nu};
    }

    /**
     * The stationary covariance of the ARMA state (unit innovation variance), R's Q₀: with r = max(p, q + 1) and the
     * state α[i] = Σ_{u ≥ 0} (φ_{i+u+1} y_{t−1−u} + θ_{i+u} ε_{t−u}) (θ₀ = 1), each covariance is a sum of the
     * process's autocovariances γ and its cross-covariances ψ with the innovations. Exact where R's default
     * (Gardner, Harvey &amp; Phillips 1980) is an algorithm for the same matrix.
     */
    static double[][] stationaryCovariance(double[] phi, double[] theta) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        double[] ph = new double[r + 1]; // ph[k] = φ_k, 1-based, zero past p
        for (int i = 0; i < p; i++) {
            ph[i + 1] = phi[i];
        }
        double[] th = new double[r + 1]; // th[k] = θ_k, θ₀ = 1
        th[0] = 1;
        for (int i = 0; i < q; i++) {
            th[i + 1] = theta[i];
        }
        double[] psi = new double[r + 1];
        for (int k = 0; k <= r; k++) {
            double s = k <= q ? th[k] : 0;
            for (int j = 1; j <= Math.min(k, p); j++) {
                s += ph[j] * psi[k - j];
            }
            psi[k] = s;
        }
        // Q₀ = ΦGΦ' + ΦCΘ' + (ΦCΘ')' + ΘΘ' with Φ[i][u] = φ_{i+u+1}, Θ[i][u] = θ_{i+u}, G[u][v] = γ(|u − v|)
        // and C[u][v] = ψ_{v−u−1} (0 unless v > u)
        double[][] big = new double[r][r];
        double[][] bigTheta = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int u = 0; u <= r - 1 - i; u++) {
                big[i][u] = ph[i + u + 1];
                bigTheta[i][u] = th[i + u];
            }
        }
        double[][] out = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                double s = 0;
                for (int u = 0; u < r - Math.max(i, j); u++) {
                    s += bigTheta[i][u] * bigTheta[j][u];
                }
                out[i][j] = s;
            }
        }
        if (p > 0) {
            double[] gamma = autocovariances(ph, th, psi, p, q, r);
            // A = Φ G (r × r) and B = Φ C (r × r)
            double[][] a = new double[r][r];
            double[][] b = new double[r][r];
            for (int i = 0; i < r; i++) {
                for (int u = 0; u <= r - 1 - i; u++) {
                    double f = big[i][u];
                    if (f == 0) {
                        continue;
                    }
                    for (int v = 0; v < r; v++) {
                        a[i][v] += f * gamma[Math.abs(u - v)];
                        if (v > u) {
                            b[i][v] += f * psi[v - u - 1];
                        }
                    }
                }
            }
            for (int i = 0; i < r; i++) {
                for (int j = i; j < r; j++) {
                    double s = 0;
                    for (int v = 0; v <= r - 1 - j; v++) {
                        s += a[i][v] * big[j][v] + b[i][v] * bigTheta[j][v];
                    }
                    for (int v = 0; v <= r - 1 - i; v++) {
                        s += b[j][v] * bigTheta[i][v];
                    }
                    out[i][j] += s;
                }
            }
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < i; j++) {
                out[i][j] = out[j][i];
            }
        }
        return out;
    }

    /** γ(0..r) of the ARMA process with unit innovation variance. */
    private static double[] autocovariances(double[] ph, double[] th, double[] psi, int p, int q, int r) {
        double[] gamma = new double[r + 1];
        // right-hand sides: Σ_{j=k}^{q} θ_j ψ_{j−k}
        double[] rhs = new double[r + 1];
        for (int k = 0; k <= r; k++) {
            double s = 0;
            for (int j = k; j <= q; j++) {
                s += th[j] * psi[j - k];
            }
            rhs[k] = s;
        }
        if (p == 0) {
            System.arraycopy(rhs, 0, gamma, 0, r + 1);
            return gamma;
        }
        double[][] a = new double[p + 1][p + 1];
        for (int k = 0; k <= p; k++) {
            a[k][k] += 1;
            for (int j = 1; j <= p; j++) {
                a[k][Math.abs(k - j)] -= ph[j];
            }
        }
        RealVector solution = new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(java.util.Arrays.copyOf(rhs, p + 1), false));
        for (int k = 0; k <= p; k++) {
            gamma[k] = solution.getEntry(k);
        }
        for (int k = p + 1; k <= r; k++) {
            double s = rhs[k];
            for (int j = 1; j <= p; j++) {
                s += ph[j] * gamma[k - j];
            }
            gamma[k] = s;
        }
        return gamma;
    }

    /** The result of one pass of the Kalman filter. */
    record Filtered(double ssq, double sumLog, int nu, double[] state, double[][] covariance, double[] residuals) {
    }

    /**
     * R's {@code ARIMA_Like}: the Kalman filter over x (the regression part already removed) from state 0 with
     * covariance Q₀ for the ARMA part and κ on the differencing states. Steps whose prediction variance reaches 10⁴
     * (the diffuse start) are left out of the sums.
     */
    static Filtered filter(double[] x, double[] phi, double[] theta, double[] delta, boolean keepResiduals) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        int d = delta.length;
        int rd = r + d;
        double[] rv = new double[r];
        rv[0] = 1;
        for (int i = 0; i < q; i++) {
            rv[i + 1] = theta[i];
        }
        double[][] pm = new double[rd][rd];
        if (r > 1) {
            double[][] q0 = stationaryCovariance(phi, theta);
            for (int i = 0; i < r; i++) {
                System.arraycopy(q0[i], 0, pm[i], 0, r);
            }
        } else {
            pm[0][0] = p > 0 ? 1 / (1 - phi[0] * phi[0]) : 1;
        }
        for (int i = 0; i < d; i++) {
            pm[r + i][r + i] = KAPPA;
        }
        double[] a = new double[rd];
        double[] anew = new double[rd];
        double[][] pnew = new double[rd][rd];
        double[][] tp = new double[rd][rd];
        double[] mvec = new double[rd];
        int n = x.length;
        double[] residuals = keepResiduals ? new double[n] : null;
        double ssq = 0;
        double sumLog = 0;
        int nu = 0;
        for (int l = 0; l < n; l++) {
            // anew = T a
            for (int i = 0; i < r; i++) {
                double tmp = i < r - 1 ? a[i + 1] : 0;
                if (i < p) {
                    tmp += phi[i] * a[0];
                }
                anew[i] = tmp;
            }
            if (d > 0) {
                for (int i = r + 1; i < rd; i++) {
                    anew[i] = a[i - 1];
                }
                double tmp = a[0];
                for (int i = 0; i < d; i++) {
                    tmp += delta[i] * a[r + i];
                }
                anew[r] = tmp;
            }
            if (l > 0) {
                // Pnew = T P T' + V: first TP (rows of T applied to P), then (TP) T'
                applyT(pm, tp, phi, delta, r, d);
                // (T P T') row i = T applied to row i of T P, as P is symmetric
                for (int i = 0; i < rd; i++) {
                    applyTToVector(tp[i], pnew[i], phi, delta, r, d);
                }
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < r; j++) {
                        pnew[i][j] += rv[i] * rv[j];
                    }
                }
            } else {
                for (int i = 0; i < rd; i++) {
                    System.arraycopy(pm[i], 0, pnew[i], 0, rd);
                }
            }
            double resid = x[l] - anew[0];
            for (int i = 0; i < d; i++) {
                resid -= delta[i] * anew[r + i];
            }
            double gain;
            for (int i = 0; i < rd; i++) {
                double s = pnew[i][0];
                for (int j = 0; j < d; j++) {
                    s += pnew[i][r + j] * delta[j];
                }
                mvec[i] = s;
            }
            gain = mvec[0];
            for (int j = 0; j < d; j++) {
                gain += delta[j] * mvec[r + j];
            }
            if (gain < 1e4) {
                nu++;
                ssq += resid * resid / gain;
                sumLog += Math.log(gain);
            }
            if (keepResiduals) {
                residuals[l] = resid / Math.sqrt(gain);
            }
            for (int i = 0; i < rd; i++) {
                a[i] = anew[i] + mvec[i] * resid / gain;
            }
            double inverseGain = 1 / gain;
            for (int i = 0; i < rd; i++) {
                double mi = mvec[i] * inverseGain;
                double[] row = pm[i];
                double[] from = pnew[i];
                for (int j = i; j < rd; j++) {
                    row[j] = from[j] - mi * mvec[j];
                }
                for (int j = 0; j < i; j++) {
                    row[j] = pm[j][i];
                }
            }
        }
        return new Filtered(ssq, sumLog, nu, a, pm, residuals);
    }

    /** out = T·in for the ARIMA transition T (AR column, shift, differencing rows). */
    private static void applyT(double[][] in, double[][] out, double[] phi, double[] delta, int r, int d) {
        int rd = r + d;
        int p = phi.length;
        for (int i = 0; i < r; i++) {
            double[] row = out[i];
            if (i < r - 1) {
                System.arraycopy(in[i + 1], 0, row, 0, rd);
            } else {
                java.util.Arrays.fill(row, 0);
            }
            if (i < p && phi[i] != 0) {
                double f = phi[i];
                double[] first = in[0];
                for (int j = 0; j < rd; j++) {
                    row[j] += f * first[j];
                }
            }
        }
        if (d > 0) {
            double[] row = out[r];
            System.arraycopy(in[0], 0, row, 0, rd);
            for (int k = 0; k < d; k++) {
                double f = delta[k];
                if (f != 0) {
                    double[] src = in[r + k];
                    for (int j = 0; j < rd; j++) {
                        row[j] += f * src[j];
                    }
                }
            }
            for (int i = r + 1; i < rd; i++) {
                System.arraycopy(in[i - 1], 0, out[i], 0, rd);
            }
        }
    }

    /** out = T·v for the ARIMA transition T. */
    private static void applyTToVector(double[] v, double[] out, double[] phi, double[] delta, int r, int d) {
        int p = phi.length;
        double first = v[0];
        for (int i = 0; i < r; i++) {
            double tmp = i < r - 1 ? v[i + 1] : 0;
            if (i < p) {
                tmp += phi[i] * first;
            }
            out[i] = tmp;
        }
        if (d > 0) {
            double tmp = first;
            for (int k = 0; k < d; k++) {
                tmp += delta[k] * v[r + k];
            }
            for (int i = r + d - 1; i > r; i--) {
                out[i] = v[i - 1];
            }
            out[r] = tmp;
        }
    }
}
