package dev.occam.core.forecast;

import dev.occam.runtime.forecast.ArimaForecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Seasonal ARIMA(p,d,q)(P,D,Q)[m], fitted as R's {@code arima} (conditional sum of squares to start, then exact
 * maximum likelihood by the Kalman filter; Gardner, Harvey &amp; Phillips 1980; Jones 1980's reparameterisation of
 * the AR part) and chosen as R forecast 8.20's {@code auto.arima} (Hyndman &amp; Khandakar 2008, "Automatic time series
 * forecasting: the forecast package for R", JSS 27(3)): d by repeated KPSS tests, D by the seasonal strength of a
 * decomposition, then the stepwise search over p, q, P, Q and the constant by AICc.
 *
 * <p>A constant is a mean when d + D = 0 and a drift (a regression on time) when d + D = 1; with more differencing
 * there is none. Models whose AR or MA roots lie within 1.01 of the unit circle, or whose coefficient variances
 * (from the numerical Hessian) are negative, are refused, as R does. On series longer than 150 values or with
 * m &gt; 12 the search, like R's, compares models fitted by conditional sum of squares only (with R's offset to put
 * them on the likelihood's scale) and then refits the best by exact likelihood.
 */
public final class Arima {

    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_TOLERANCE = 1e-8;

    private Arima() {
    }

    /** How the coefficients are estimated. */
    enum Method {
        /** Conditional sum of squares, then exact maximum likelihood (R's default, "CSS-ML"). */
        CSS_ML,
        /** Conditional sum of squares only (R's "CSS", auto.arima's approximation). */
        CSS
    }

    /**
     * The orders of a seasonal ARIMA model.
     *
     * @param p AR order
     * @param d differences
     * @param q MA order
     * @param seasonalP seasonal AR order
     * @param seasonalD seasonal differences
     * @param seasonalQ seasonal MA order
     * @param period m (1: no seasonal part)
     */
    public record Order(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period) {
        public Order {
            for (int v : new int[] {p, d, q, seasonalP, seasonalD, seasonalQ}) {
                if (v < 0) {
                    throw new IllegalArgumentException("ARIMA orders must be >= 0: " + v);
                }
            }
            if (period < 1) {
                throw new IllegalArgumentException("ARIMA period must be >= 1: " + period);
            }
            if (period == 1 && (seasonalP + seasonalD + seasonalQ) > 0) {
                throw new IllegalArgumentException("a seasonal ARIMA part needs a period above 1");
            }
        }

        /** Non-seasonal order (p, d, q). */
        public static Order of(int p, int d, int q) {
            return new Order(p, d, q, 0, 0, 0, 1);
        }

        boolean seasonal() {
            return seasonalP + seasonalD + seasonalQ > 0;
        }

        @Override
        public String toString() {
            String s = "ARIMA(" + p + "," + d + "," + q + ")";
            return seasonal() ? s + "(" + seasonalP + "," + seasonalD + "," + seasonalQ + ")[" + period + "]" : s;
        }
    }

    /**
     * A fitted ARIMA model.
     *
     * @param order the orders
     * @param constant whether a mean (d + D = 0) or drift (d + D = 1) was estimated
     * @param names coefficient names as R: ar1.., ma1.., sar1.., sma1.., then intercept or drift
     * @param coefficients their estimates
     * @param sigma2 innovation variance as auto.arima reports it: Σresidual²/(n − d − Dm − k + 1), k the
     *        coefficients plus one
     * @param logLikelihood the Gaussian log-likelihood (for the CSS method, R's CSS analogue)
     * @param aic Akaike's criterion (for the CSS method, auto.arima's offset version)
     * @param aicc the corrected AIC
     * @param bic Schwarz's criterion
     * @param acceptable false when auto.arima would refuse the model (roots near the unit circle, negative
     *        variances)
     * @param forecaster the runtime model
     */
    public record Fit(Order order, boolean constant, List<String> names, double[] coefficients, double sigma2,
            double logLikelihood, double aic, double aicc, double bic, boolean acceptable,
            ArimaForecaster forecaster) {
        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        /** The coefficient with this name. */
        public double coefficient(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no coefficient " + name + " in " + names);
            }
            return coefficients[i];
        }

        /** The label R prints: "ARIMA(1,0,0)(2,1,1)[4] with drift". */
        public String label() {
            String suffix = "";
            int diffs = order.d() + order.seasonalD();
            if (constant && diffs == 0) {
                suffix = " with non-zero mean";
            } else if (constant && diffs == 1) {
                suffix = " with drift";
            } else if (!constant && diffs == 0) {
                suffix = " with zero mean";
            }
            return order + suffix;
        }
    }

    /**
     * Fits one model by R's default method (CSS then exact likelihood).
     *
     * @throws IllegalArgumentException when the series is too short for the orders, or when the fit fails (an AR part
     *         from the conditional sum of squares that is not stationary, a likelihood that cannot be evaluated)
     */
    public static Fit fit(TimeSeries series, Order order, boolean constant) {
        return fitInternal(series.raw(), order, constant, Method.CSS_ML, 0).fit();
    }

    private static Fitted fitInternal(double[] x, Order order, boolean constant, Method method, double offset) {
        int n = x.length;
        int p = order.p();
        int q = order.q();
        int sp = order.seasonalP();
        int sq = order.seasonalQ();
        int m = order.period();
        int d = order.d();
        int sd = order.seasonalD();
        int diffs = d + sd;
        boolean hasXreg = constant && diffs <= 1;
        double[] xreg = null;
        if (hasXreg) {
            xreg = new double[n];
            for (int i = 0; i < n; i++) {
                xreg[i] = diffs == 0 ? 1 : i + 1;
            }
        }
        int narma = p + q + sp + sq;
        int ncoef = narma + (hasXreg ? 1 : 0);
        double[] delta = ArimaStateSpace.delta(d, sd, m);
        int nUsed = n - delta.length;
        int ncond = d + sd * m + p + sp * m;
        if (nUsed <= ncoef + 1 || ncond >= n) {
            throw new IllegalArgumentException(order + " needs more than " + Math.max(ncoef + 1 + delta.length, ncond)
                    + " values, got " + n);
        }
        double[] init = new double[ncoef];
        double[] scale = new double[ncoef];
        Arrays.fill(scale, 1);
        if (hasXreg) {
            double[] dx = difference(x, d, sd, m);
            double[] dr = difference(xreg, d, sd, m);
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < dx.length; i++) {
                sxy += dx[i] * dr[i];
                sxx += dr[i] * dr[i];
            }
            double beta = sxy / sxx;
            double rss = 0;
            for (int i = 0; i < dx.length; i++) {
                double e = dx[i] - beta * dr[i];
                rss += e * e;
            }
            double se = Math.sqrt(rss / (dx.length - 1) / sxx);
            init[narma] = beta;
            scale[narma] = se > 0 ? 10 * se : 1;
        }
        final double[] reg = xreg;
        ToDoubleFunction<double[]> cssObjective = par -> {
            double[][] pt = ArimaStateSpace.expand(par, p, q, sp, sq, m, false);
            double[] css = ArimaStateSpace.css(adjusted(x, reg, par, narma), pt[0], pt[1], d, sd, m, ncond, null);
            return 0.5 * Math.log(css[0]);
        };
        Bfgs.Result cssFit;
        try {
            cssFit = Bfgs.minimise(cssObjective, init, scale, MAX_ITERATIONS, RELATIVE_TOLERANCE);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(order + ": the conditional sum of squares failed: " + e.getMessage(), e);
        }
        double[] coef;
        double sigma2Arima;
        double objective;
        double[] residuals;
        double[][] variance;
        double[] finalState;
        double[][] finalCovariance;
        if (method == Method.CSS) {
            coef = cssFit.point();
            double[][] pt = ArimaStateSpace.expand(coef, p, q, sp, sq, m, false);
            residuals = new double[n];
            sigma2Arima = ArimaStateSpace.css(adjusted(x, reg, coef, narma), pt[0], pt[1], d, sd, m, ncond,
                    residuals)[0];
            objective = cssFit.value();
            variance = inverse(scaled(Bfgs.hessian(cssObjective, coef, scale), nUsed));
            // the state for forecasting comes from the Kalman filter at the CSS estimates, as R's arima
            ArimaStateSpace.Filtered f = ArimaStateSpace.filter(adjusted(x, reg, coef, narma), pt[0], pt[1], delta,
                    false);
            finalState = f.state();
            finalCovariance = f.covariance();
        } else {
            if (cssFit.converged()) {
                init = cssFit.point();
            }
            if (!arStationary(init, 0, p) || !arStationary(init, p + q, sp)) {
                throw new IllegalArgumentException(order + ": non-stationary AR part from CSS");
            }
            double[] start = init.clone();
            ArimaStateSpace.invpartrans(start, 0, p);
            ArimaStateSpace.invpartrans(start, p + q, sp);
            maInvert(start, p, q);
            maInvert(start, p + q + sp, sq);
            ToDoubleFunction<double[]> mlObjective = par -> {
                double[][] pt = ArimaStateSpace.expand(par, p, q, sp, sq, m, true);
                ArimaStateSpace.Filtered f;
                try {
                    f = ArimaStateSpace.filter(adjusted(x, reg, par, narma), pt[0], pt[1], delta, false);
                } catch (MathRuntimeException e) {
                    return Double.MAX_VALUE;
                }
                double s2 = f.ssq() / f.nu();
                return 0.5 * (Math.log(s2) + f.sumLog() / f.nu());
            };
            Bfgs.Result ml;
            try {
                ml = Bfgs.minimise(mlObjective, start, scale, MAX_ITERATIONS, RELATIVE_TOLERANCE);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(order + ": the likelihood could not be maximised: "
                        + e.getMessage(), e);
            }
            double[] raw = ml.point();
            maInvert(raw, p, q);
            maInvert(raw, p + q + sp, sq);
            objective = Arrays.equals(raw, ml.point()) ? ml.value() : mlObjective.applyAsDouble(raw);
            coef = raw.clone();
            ArimaStateSpace.partrans(coef, 0, p);
            ArimaStateSpace.partrans(coef, p + q, sp);
            double[][] expanded = ArimaStateSpace.expand(coef, p, q, sp, sq, m, false);
            if (rootsAwayFromCircle(expanded[0], -1) && rootsAwayFromCircle(expanded[1], 1)) {
                double[][] h = Bfgs.hessian(mlObjective, raw, scale);
                double[][] a = gradTrans(raw, p, q, sp);
                double[][] inv = inverse(scaled(h, nUsed));
                variance = inv == null ? null : multiply(transpose(a), multiply(inv, a));
            } else {
                variance = null; // refused for its roots whatever the variances: R's Hessian is not needed
            }
            double[][] pt = ArimaStateSpace.expand(coef, p, q, sp, sq, m, false);
            ArimaStateSpace.Filtered f = ArimaStateSpace.filter(adjusted(x, reg, coef, narma), pt[0], pt[1], delta,
                    true);
            sigma2Arima = f.ssq() / nUsed;
            residuals = f.residuals();
            finalState = f.state();
            finalCovariance = f.covariance();
        }
        double logLik = -0.5 * (2 * nUsed * objective + nUsed + nUsed * Math.log(2 * Math.PI));
        int nstar = n - d - sd * m;
        int npar = ncoef + 1;
        double aic = method == Method.CSS ? offset + nstar * Math.log(sigma2Arima) + 2 * npar : -2 * logLik + 2 * npar;
        double aicc = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        double bic = aic + npar * (Math.log(nstar) - 2);
        double ssr = 0;
        for (double e : residuals) {
            ssr += e * e;
        }
        double sigma2 = ssr / (nstar - npar + 1);
        double[][] pt = ArimaStateSpace.expand(coef, p, q, sp, sq, m, false);
        boolean acceptable = variance != null && rootsAwayFromCircle(pt[0], -1) && rootsAwayFromCircle(pt[1], 1);
        if (variance != null) {
            for (int i = 0; i < ncoef; i++) {
                acceptable &= variance[i][i] >= 0;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= p; i++) {
            names.add("ar" + i);
        }
        for (int i = 1; i <= q; i++) {
            names.add("ma" + i);
        }
        for (int i = 1; i <= sp; i++) {
            names.add("sar" + i);
        }
        for (int i = 1; i <= sq; i++) {
            names.add("sma" + i);
        }
        double intercept = 0;
        double drift = 0;
        if (hasXreg) {
            names.add(diffs == 0 ? "intercept" : "drift");
            if (diffs == 0) {
                intercept = coef[narma];
            } else {
                drift = coef[narma];
            }
        }
        int rd = finalState.length;
        double[] covariance = new double[rd * rd];
        for (int i = 0; i < rd; i++) {
            System.arraycopy(finalCovariance[i], 0, covariance, i * rd, rd);
        }
        Fit shell = new Fit(order, hasXreg, List.copyOf(names), coef, sigma2, logLik, aic, aicc, bic, acceptable,
                null);
        ArimaForecaster forecaster = new ArimaForecaster(shell.label(), pt[0], pt[1], delta, intercept, drift, n,
                finalState, covariance, sigma2, ncoef);
        return new Fitted(new Fit(order, hasXreg, List.copyOf(names), coef, sigma2, logLik, aic, aicc, bic,
                acceptable, forecaster), sigma2Arima);
    }

    // ---------------------------------------------------------------- automatic choice

    /**
     * Chooses and fits a model as R forecast's {@code auto.arima(y)} with its defaults (stepwise, AICc, max
     * p = q = 5, P = Q = 2, d ≤ 2, D ≤ 1).
     *
     * @throws IllegalArgumentException when no model can be fitted
     */
    public static Fit select(TimeSeries series) {
        double[] x = series.raw();
        int n = x.length;
        int m = series.period();
        int maxP = 5;
        int maxQ = 5;
        int maxSP = 2;
        int maxSQ = 2;
        int sd;
        if (m == 1) {
            sd = 0;
            maxSP = 0;
            maxSQ = 0;
        } else if (n <= 2 * m) {
            sd = 0;
        } else {
            sd = UnitRootTests.seasonalDifferences(x, m);
        }
        double[] dx = sd > 0 ? difference(x, 0, sd, m) : x;
        int d = UnitRootTests.differences(dx, 2);
        if (m > 1) {
            if (maxSP > 0) {
                maxP = Math.min(maxP, m - 1);
            }
            if (maxSQ > 0) {
                maxQ = Math.min(maxQ, m - 1);
            }
        }
        int period = m;
        boolean approximation = n > 150 || m > 12;
        double offset = 0;
        if (approximation) {
            // R: stats::arima(x, (0,d,0)(0,D,0)) with its default mean when undifferenced;
            // offset = −2·loglik − n·log σ², σ² = SS/n.used, putting CSS fits on the likelihood's scale
            try {
                Order base = new Order(0, d, 0, 0, sd, 0, sd > 0 ? m : 1);
                Fitted f = fitInternal(x, base, d + sd == 0, Method.CSS_ML, 0);
                offset = -2 * f.fit().logLikelihood() - n * Math.log(f.arimaSigma2());
            } catch (IllegalArgumentException | ArithmeticException | MathRuntimeException e) {
                offset = 0;
            }
        }
        boolean constant = d + sd <= 1;
        boolean allowConstant = constant;
        Search search = new Search(x, d, sd, period, approximation, offset);
        int p = Math.min(2, maxP);
        int q = Math.min(2, maxQ);
        int bigP = Math.min(1, maxSP);
        int bigQ = Math.min(1, maxSQ);
        if (n < 10) {
            p = Math.min(p, 1);
            q = Math.min(q, 1);
            bigP = 0;
            bigQ = 0;
        }
        Candidate best = search.fit(p, q, bigP, bigQ, constant);
        Candidate c = search.fit(0, 0, 0, 0, constant);
        if (c.ic < best.ic) {
            best = c;
            p = q = bigP = bigQ = 0;
        }
        if (maxP > 0 || maxSP > 0) {
            int np = maxP > 0 ? 1 : 0;
            int nP = (m > 1 && maxSP > 0) ? 1 : 0;
            c = search.fit(np, 0, nP, 0, constant);
            if (c.ic < best.ic) {
                best = c;
                p = np;
                bigP = nP;
                q = bigQ = 0;
            }
        }
        if (maxQ > 0 || maxSQ > 0) {
            int nq = maxQ > 0 ? 1 : 0;
            int nQ = (m > 1 && maxSQ > 0) ? 1 : 0;
            c = search.fit(0, nq, 0, nQ, constant);
            if (c.ic < best.ic) {
                best = c;
                p = bigP = 0;
                q = nq;
                bigQ = nQ;
            }
        }
        if (constant) {
            c = search.fit(0, 0, 0, 0, false);
            if (c.ic < best.ic) {
                best = c;
                p = q = bigP = bigQ = 0; // R keeps `constant` as it was here
            }
        }
        int startCount = 0;
        while (startCount < search.count() && search.count() < Search.MAX_MODELS) {
            startCount = search.count();
            int[][] moves = {
                {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
                {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
                {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
                {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
            boolean moved = false;
            for (int[] mv : moves) {
                int np = p + mv[0];
                int nq = q + mv[1];
                int nP = bigP + mv[2];
                int nQ = bigQ + mv[3];
                if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > maxP || nq > maxQ || nP > maxSP || nQ > maxSQ) {
                    continue;
                }
                if (!search.isNew(np, nq, nP, nQ, constant)) {
                    continue;
                }
                if (search.count() >= Search.MAX_MODELS) {
                    break;
                }
                c = search.fit(np, nq, nP, nQ, constant);
                if (c.ic < best.ic) {
                    best = c;
                    p = np;
                    q = nq;
                    bigP = nP;
                    bigQ = nQ;
                    moved = true;
                    break;
                }
            }
            if (moved) {
                continue;
            }
            if (allowConstant && search.isNew(p, q, bigP, bigQ, !constant) && search.count() < Search.MAX_MODELS) {
                c = search.fit(p, q, bigP, bigQ, !constant);
                if (c.ic < best.ic) {
                    best = c;
                    constant = !constant;
                }
            }
        }
        if (approximation) {
            List<Candidate> ordered = new ArrayList<>(search.tried);
            ordered.sort(Comparator.comparingDouble(k -> k.ic));
            for (Candidate k : ordered) {
                Candidate exact = search.exact(k);
                if (exact.ic < Double.POSITIVE_INFINITY) {
                    return exact.fit;
                }
            }
            throw new IllegalArgumentException("no suitable ARIMA model found for " + n + " values");
        }
        if (best.fit == null || best.ic == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no suitable ARIMA model found for " + n + " values");
        }
        return best.fit;
    }

    /** A fit and R arima's own σ² (SS/n.used for the exact likelihood, SS/ν for CSS), which auto.arima reuses. */
    private record Fitted(Fit fit, double arimaSigma2) {
    }

    /** One model of the search and its criterion (infinite when refused or failed). */
    private record Candidate(int p, int q, int bigP, int bigQ, boolean constant, double ic, Fit fit) {
    }

    /** The models tried so far, as R's results table. */
    private static final class Search {
        static final int MAX_MODELS = 94;
        private final double[] x;
        private final int d;
        private final int sd;
        private final int m;
        private final boolean approximation;
        private final double offset;
        private final List<Candidate> tried = new ArrayList<>();

        Search(double[] x, int d, int sd, int m, boolean approximation, double offset) {
            this.x = x;
            this.d = d;
            this.sd = sd;
            this.m = m;
            this.approximation = approximation;
            this.offset = offset;
        }

        int count() {
            return tried.size();
        }

        boolean isNew(int p, int q, int bigP, int bigQ, boolean constant) {
            for (Candidate c : tried) {
                if (c.p == p && c.q == q && c.bigP == bigP && c.bigQ == bigQ && c.constant == constant) {
                    return false;
                }
            }
            return true;
        }

        Candidate fit(int p, int q, int bigP, int bigQ, boolean constant) {
            Candidate c = attempt(p, q, bigP, bigQ, constant, approximation ? Method.CSS : Method.CSS_ML);
            tried.add(c);
            return c;
        }

        Candidate exact(Candidate k) {
            return attempt(k.p, k.q, k.bigP, k.bigQ, k.constant, Method.CSS_ML);
        }

        private Candidate attempt(int p, int q, int bigP, int bigQ, boolean constant, Method method) {
            boolean seasonal = bigP + sd + bigQ > 0 && m > 1;
            Order order = seasonal ? new Order(p, d, q, bigP, sd, bigQ, m) : Order.of(p, d, q);
            try {
                Fit f = fitInternal(x, order, constant, method, offset).fit();
                double ic = f.acceptable() && Double.isFinite(f.aicc()) ? f.aicc() : Double.POSITIVE_INFINITY;
                return new Candidate(p, q, bigP, bigQ, constant, ic, f);
            } catch (IllegalArgumentException | ArithmeticException | MathRuntimeException e) {
                return new Candidate(p, q, bigP, bigQ, constant, Double.POSITIVE_INFINITY, null);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static double[] difference(double[] x, int d, int sd, int m) {
        double[] w = x;
        for (int i = 0; i < sd; i++) {
            double[] next = new double[w.length - m];
            for (int t = 0; t < next.length; t++) {
                next[t] = w[t + m] - w[t];
            }
            w = next;
        }
        for (int i = 0; i < d; i++) {
            double[] next = new double[w.length - 1];
            for (int t = 0; t < next.length; t++) {
                next[t] = w[t + 1] - w[t];
            }
            w = next;
        }
        return w;
    }

    private static double[] adjusted(double[] x, double[] xreg, double[] par, int narma) {
        if (xreg == null) {
            return x;
        }
        double beta = par[narma];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - beta * xreg[i];
        }
        return out;
    }

    /** R's {@code arCheck}: every root of 1 − φ₁z − … − φ_pz^p outside the unit circle. */
    private static boolean arStationary(double[] coef, int offset, int p) {
        int last = -1;
        for (int i = 0; i < p; i++) {
            if (coef[offset + i] != 0) {
                last = i;
            }
        }
        if (last < 0) {
            return true;
        }
        // reversed polynomial z^k − φ₁z^{k−1} − … − φ_k: roots are the reciprocals
        double[] rev = new double[last + 2];
        rev[last + 1] = 1;
        for (int i = 0; i <= last; i++) {
            rev[last - i] = -coef[offset + i];
        }
        return Polynomials.rootsWithinRadius(rev, 1);
    }

    /** auto.arima's test: every root of 1 + sign·Σc_kz^k (up to the last non-negligible c) at least 1.01 away. */
    private static boolean rootsAwayFromCircle(double[] c, double sign) {
        int last = -1;
        for (int i = 0; i < c.length; i++) {
            if (Math.abs(c[i]) > 1e-8) {
                last = i;
            }
        }
        if (last < 0) {
            return true;
        }
        double[] rev = new double[last + 2];
        rev[last + 1] = 1;
        for (int i = 0; i <= last; i++) {
            rev[last - i] = sign * c[i];
        }
        return Polynomials.rootsWithinRadius(rev, 1 / 1.01);
    }

    /** R's {@code maInvert}: MA roots inside the unit circle are replaced by their reciprocals. */
    private static void maInvert(double[] coef, int offset, int q) {
        int q0 = 0;
        for (int i = 0; i < q; i++) {
            if (coef[offset + i] != 0) {
                q0 = i + 1;
            }
        }
        if (q0 == 0) {
            return;
        }
        double[] poly = new double[q0 + 1];
        poly[0] = 1;
        for (int i = 0; i < q0; i++) {
            poly[i + 1] = coef[offset + i];
        }
        Complex[] roots = new LaguerreSolver(1e-14, 1e-14).solveAllComplex(poly, 10000, 0.0);
        boolean inside = false;
        for (Complex r : roots) {
            inside |= r.norm() < 1;
        }
        if (!inside) {
            return;
        }
        if (q0 == 1) {
            coef[offset] = 1 / coef[offset];
            for (int i = 1; i < q; i++) {
                coef[offset + i] = 0;
            }
            return;
        }
        Complex[] x = {Complex.ONE};
        for (Complex r : roots) {
            Complex root = r.norm() < 1 ? Complex.ONE.divide(r) : r;
            Complex[] next = new Complex[x.length + 1];
            for (int k = 0; k < next.length; k++) {
                Complex a = k < x.length ? x[k] : Complex.ZERO;
                Complex b = k > 0 ? x[k - 1].divide(root) : Complex.ZERO;
                next[k] = a.subtract(b);
            }
            x = next;
        }
        for (int i = 0; i < q; i++) {
            coef[offset + i] = i < q0 ? x[i + 1].getReal() : 0;
        }
    }

    /** R's {@code ARIMA_Gradtrans}: the Jacobian of the AR reparameterisation, by forward differences of 10⁻³. */
    private static double[][] gradTrans(double[] raw, int p, int q, int sp) {
        int n = raw.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        block(raw, a, 0, p);
        block(raw, a, p + q, sp);
        return a;
    }

    private static void block(double[] raw, double[][] a, int offset, int k) {
        if (k == 0) {
            return;
        }
        double eps = 1e-3;
        double[] base = Arrays.copyOfRange(raw, offset, offset + k);
        double[] w2 = base.clone();
        ArimaStateSpace.partrans(w2, 0, k);
        for (int i = 0; i < k; i++) {
            double[] w1 = base.clone();
            w1[i] += eps;
            ArimaStateSpace.partrans(w1, 0, k);
            for (int j = 0; j < k; j++) {
                a[offset + i][offset + j] = (w1[j] - w2[j]) / eps;
            }
        }
    }

    private static double[][] scaled(double[][] h, double factor) {
        double[][] out = new double[h.length][];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }

    /** The inverse, or null when singular (R's {@code solve} fails and auto.arima refuses the model). */
    private static double[][] inverse(double[][] h) {
        if (h.length == 0) {
            return new double[0][0];
        }
        try {
            RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(h, true), 1e-300).getSolver().getInverse();
            return inv.getData();
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int p = k == 0 ? 0 : b[0].length;
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                for (int j = 0; j < p; j++) {
                    out[i][j] += a[i][l] * b[l][j];
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        int n = a.length;
        int p = n == 0 ? 0 : a[0].length;
        double[][] out = new double[p][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }
}
