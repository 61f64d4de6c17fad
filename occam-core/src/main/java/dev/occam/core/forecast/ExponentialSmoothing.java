package dev.occam.core.forecast;

import dev.occam.runtime.forecast.EtsForecaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Exponential smoothing in innovations state-space form, ETS(error, trend, season), fitted by maximum likelihood and
 * chosen by AICc as R forecast's {@code ets} (Hyndman, Koehler, Snyder &amp; Grose 2002, IJF 18; Hyndman, Koehler, Ord
 * &amp; Snyder 2008, <i>Forecasting with Exponential Smoothing</i>; forecast 8.20's {@code ets}, {@code etsmodel},
 * {@code initstate}, {@code admissible} and its C likelihood {@code etscalc}).
 *
 * <p><b>Likelihood.</b> The states follow R's error-correction recursions (the same for both error types); with
 * one-step errors e<sub>t</sub> (y − ŷ for A, (y − ŷ)/ŷ for M) the criterion is n·log Σe² (+ 2Σlog|ŷ| for M errors),
 * twice the negative log-likelihood up to a constant. AIC = that + 2k, AICc = AIC + 2k(k + 1)/(n − k − 1), k the
 * optimised values (smoothing parameters and initial states) plus one for σ².
 *
 * <p><b>Optimisation.</b> Start from R's heuristics ({@code initparam}: α = 0.0001 + 0.2(0.9999 − 0.0001)/m, β and
 * γ a tenth and a twentieth of the way up their ranges, φ = 0.8 + 0.99(0.98 − 0.8); {@code initstate}: level and slope from a regression
 * on the first max(10, 2m) seasonally adjusted values, seasonal states from a classical decomposition, or from a
 * trend-plus-Fourier regression below three seasons), then {@link NelderMead} over parameters and initial states
 * together. A point is refused (infinite criterion) when outside the "usual" bounds (0.0001 ≤ α, β, γ ≤ 0.9999,
 * β ≤ α, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98) or the admissible region (Hyndman et al. 2008, ch. 10: the characteristic
 * polynomial's roots inside the unit circle), or when a multiplicative seasonal state is negative: R's
 * {@code bounds = "both"}.
 *
 * <p><b>Choice.</b> Errors A and M, trend N, A and damped A, season N, A and M (no multiplicative trend: R's default
 * {@code allow.multiplicative.trend = FALSE}); additive errors with a multiplicative season are left out, as are
 * multiplicative errors on data with zero or negative values; no season when m = 1, m &gt; 24 or n ≤ m. Models with
 * as many values to estimate as observations less one are skipped. The lowest AICc wins, the first in R's order on a
 * tie.
 */
public final class ExponentialSmoothing {

    /** R's default lower bounds of α, β, γ, φ. */
    private static final double[] LOWER = {1e-4, 1e-4, 1e-4, 0.8};
    /** R's default upper bounds of α, β, γ, φ. */
    private static final double[] UPPER = {0.9999, 0.9999, 0.9999, 0.98};
    private static final double RELATIVE_TOLERANCE = Math.sqrt(Math.ulp(1.0));
    private static final int MAX_EVALUATIONS = 2000;

    private ExponentialSmoothing() {
    }

    /** What the optimiser minimises: the likelihood criterion (the default) or the one-step mean squared error. */
    public enum Criterion {
        LIKELIHOOD, MSE
    }

    /**
     * One ETS model form.
     *
     * @param error "A" or "M"
     * @param trend "N" or "A"
     * @param damped damped trend (needs trend "A")
     * @param season "N", "A" or "M"
     */
    public record Spec(String error, String trend, boolean damped, String season) {
        public Spec {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(trend, "trend");
            Objects.requireNonNull(season, "season");
            if (!error.equals("A") && !error.equals("M")) {
                throw new IllegalArgumentException("ETS error must be A or M: " + error);
            }
            if (!trend.equals("N") && !trend.equals("A")) {
                throw new IllegalArgumentException("ETS trend must be N or A: " + trend);
            }
            if (!season.equals("N") && !season.equals("A") && !season.equals("M")) {
                throw new IllegalArgumentException("ETS season must be N, A or M: " + season);
            }
            if (damped && trend.equals("N")) {
                throw new IllegalArgumentException("ETS: a damped trend needs trend A");
            }
        }

        /** Reads "MAdM", "ANN", "AAdN", as R's {@code model} string plus the damping letter. */
        public static Spec parse(String text) {
            String t = text.replace(",", "").replace("ETS(", "").replace(")", "");
            boolean damped = t.length() == 4 && t.charAt(2) == 'd';
            if (t.length() != 3 && !damped) {
                throw new IllegalArgumentException("ETS model must look like ANN, MAdM or ETS(M,Ad,M): " + text);
            }
            return new Spec(t.substring(0, 1), t.substring(1, 2), damped, t.substring(t.length() - 1));
        }

        boolean hasTrend() {
            return trend.equals("A");
        }

        boolean hasSeason() {
            return !season.equals("N");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ETS(%s,%s%s,%s)", error, trend, damped ? "d" : "", season);
        }
    }

    /**
     * A fitted ETS model.
     *
     * @param spec the model form
     * @param forecaster the runtime model, holding the state after the last observation
     * @param alpha level smoothing
     * @param beta slope smoothing (NaN without a trend)
     * @param gamma season smoothing (NaN without a season)
     * @param phi damping (NaN when not damped)
     * @param initialStates l, then b, then s0..s(m−1) as R prints them (the last seasonal state is implied by the
     *        others: they sum to 0, or to m when multiplicative)
     * @param logLikelihood R's {@code loglik}: −½ of the criterion above
     * @param aic Akaike's criterion
     * @param aicc the corrected AIC used for the choice
     * @param bic Schwarz's criterion
     * @param sigma2 Σe²/(n − optimised values)
     * @param evaluations objective evaluations used by the optimiser
     * @param converged whether the optimiser stopped before its budget of 2000 evaluations
     */
    public record Fit(Spec spec, EtsForecaster forecaster, double alpha, double beta, double gamma, double phi,
            double[] initialStates, double logLikelihood, double aic, double aicc, double bic, double sigma2,
            int evaluations, boolean converged) {
        @Override
        public double[] initialStates() {
            return initialStates.clone();
        }
    }

    /** Every model form R's {@code ets(y)} tries for this series, in its order (error, trend, season, damped first). */
    public static List<Spec> candidates(TimeSeries series) {
        double[] y = series.raw();
        int m = seasonalPeriod(series);
        boolean positive = true;
        for (double v : y) {
            positive &= v > 0;
        }
        List<Spec> specs = new ArrayList<>();
        for (String error : new String[] {"A", "M"}) {
            for (String trend : new String[] {"N", "A"}) {
                for (String season : m > 1 ? new String[] {"N", "A", "M"} : new String[] {"N"}) {
                    for (boolean damped : new boolean[] {true, false}) {
                        if (trend.equals("N") && damped) {
                            continue;
                        }
                        if (error.equals("A") && season.equals("M")) {
                            continue;
                        }
                        if (!positive && error.equals("M")) {
                            continue;
                        }
                        specs.add(new Spec(error, trend, damped, season));
                    }
                }
            }
        }
        return specs;
    }

    /**
     * Fits every candidate form and returns the one with the lowest AICc, as R's {@code ets(y)}.
     *
     * @throws IllegalArgumentException when no form can be fitted (too few values)
     */
    public static Fit select(TimeSeries series) {
        Fit best = null;
        List<String> reasons = new ArrayList<>();
        for (Spec spec : candidates(series)) {
            Fit fit;
            try {
                fit = fit(series, spec, Criterion.LIKELIHOOD);
            } catch (IllegalArgumentException e) {
                reasons.add(spec + ": " + e.getMessage());
                continue;
            }
            if (best == null || fit.aicc() < best.aicc()) {
                best = fit;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no exponential smoothing model could be fitted to " + series.length()
                    + " values: " + String.join("; ", reasons));
        }
        return best;
    }

    /** The period used for a season: none when m = 1, m > 24 or the series is no longer than one season. */
    static int seasonalPeriod(TimeSeries series) {
        int m = series.period();
        return (m <= 1 || m > 24 || series.length() <= m) ? 1 : m;
    }

    /**
     * Fits one model form by maximum likelihood (or one-step MSE), as R's {@code etsmodel}.
     *
     * @throws IllegalArgumentException when the form cannot be fitted to this series (multiplicative on non-positive
     *         data, a season without one, or as many values to estimate as observations less one)
     */
    public static Fit fit(TimeSeries series, Spec spec, Criterion criterion) {
        double[] y = series.raw();
        int n = y.length;
        int m = spec.hasSeason() ? seasonalPeriod(series) : 1;
        if (spec.hasSeason() && m == 1) {
            throw new IllegalArgumentException(spec + " needs a season, but the period is " + series.period()
                    + " for " + n + " values");
        }
        if (spec.error().equals("M") || spec.season().equals("M")) {
            for (double v : y) {
                if (v <= 0) {
                    throw new IllegalArgumentException(spec + " is multiplicative, but the series holds " + v);
                }
            }
        }
        double[] start = initialParameters(spec, m);
        double[] states = initialStates(y, spec, m);
        int parameters = start.length;
        double[] par = new double[parameters + states.length];
        System.arraycopy(start, 0, par, 0, parameters);
        System.arraycopy(states, 0, par, parameters, states.length);
        if (par.length >= n - 1) {
            throw new IllegalArgumentException(spec + " has " + par.length + " values to estimate from only " + n
                    + " observations");
        }
        Likelihood model = new Likelihood(y, spec, m, parameters);
        if (!Double.isFinite(model.objective(par, criterion))) {
            throw new IllegalArgumentException(spec + ": R's starting values are not admissible for this series");
        }
        NelderMead.Result result = NelderMead.minimise(p -> model.objective(p, criterion), par, RELATIVE_TOLERANCE,
                MAX_EVALUATIONS);
        double[] best = result.point();
        Likelihood.Run run = model.run(best);
        int k = best.length + 1;
        double lik = run.criterion();
        double aic = lik + 2 * k;
        double bic = lik + Math.log(n) * k;
        double aicc = aic + 2.0 * k * (k + 1) / (n - k - 1);
        double sse = 0;
        for (double e : run.errors()) {
            sse += e * e;
        }
        double sigma2 = sse / (n - best.length);
        double alpha = best[0];
        int j = 1;
        double beta = spec.hasTrend() ? best[j++] : Double.NaN;
        double gamma = spec.hasSeason() ? best[j++] : Double.NaN;
        double phi = spec.damped() ? best[j++] : Double.NaN;
        double[] initial = model.fullState(best);
        EtsForecaster forecaster = new EtsForecaster(spec.error(), spec.trend(), spec.damped(), spec.season(), m,
                alpha, spec.hasTrend() ? beta : 0, spec.hasSeason() ? gamma : 0, spec.damped() ? phi : 1,
                run.level(), spec.hasTrend() ? run.slope() : 0, run.seasonals(), sigma2);
        return new Fit(spec, forecaster, alpha, beta, gamma, phi, initial, -0.5 * lik, aic, aicc, bic, sigma2,
                result.evaluations(), !result.budgetSpent());
    }

    /** R's {@code initparam} with the default bounds. */
    static double[] initialParameters(Spec spec, int m) {
        List<Double> par = new ArrayList<>();
        double alpha = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / m;
        if (alpha > 1 || alpha < 0) {
            alpha = LOWER[0] + 2e-3;
        }
        par.add(alpha);
        if (spec.hasTrend()) {
            double upper = Math.min(UPPER[1], alpha);
            double beta = LOWER[1] + 0.1 * (upper - LOWER[1]);
            if (beta < 0 || beta > alpha) {
                beta = alpha - 0.001;
            }
            par.add(beta);
        }
        if (spec.hasSeason()) {
            double upper = Math.min(UPPER[2], 1 - alpha);
            double gamma = LOWER[2] + 0.05 * (upper - LOWER[2]);
            if (gamma < 0 || gamma > 1 - alpha) {
                gamma = 1 - alpha - 0.001;
            }
            par.add(gamma);
        }
        if (spec.damped()) {
            double phi = LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]);
            if (phi < 0 || phi > 1) {
                phi = UPPER[3] - 0.001;
            }
            par.add(phi);
        }
        return par.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** R's {@code initstate}: l, then b, then s0..s(m−2) (the last seasonal state is implied). */
    static double[] initialStates(double[] y, Spec spec, int m) {
        int n = y.length;
        double[] adjusted = y;
        double[] initialSeason = new double[0];
        if (spec.hasSeason()) {
            boolean multiplicative = spec.season().equals("M");
            if (n < 4) {
                throw new IllegalArgumentException(spec + " needs at least 4 values, got " + n);
            }
            double[] seasonal;
            if (n < 3 * m) {
                seasonal = fourierDetrended(y, m, multiplicative);
            } else {
                seasonal = ClassicalDecomposition.seasonal(y, m, multiplicative);
            }
            initialSeason = new double[m - 1];
            for (int i = 0; i < m - 1; i++) {
                initialSeason[i] = seasonal[m - 1 - i]; // rev(seasonal[2:m])
            }
            adjusted = new double[n];
            if (multiplicative) {
                double sum = 0;
                for (int i = 0; i < m - 1; i++) {
                    initialSeason[i] = Math.max(initialSeason[i], 0.01);
                    sum += initialSeason[i];
                }
                if (sum > m) {
                    double denominator = sum + 0.01 * (m - 1);
                    for (int i = 0; i < m - 1; i++) {
                        initialSeason[i] /= denominator;
                    }
                }
                for (int i = 0; i < n; i++) {
                    adjusted[i] = y[i] / Math.max(seasonal[i], 0.01);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    adjusted[i] = y[i] - seasonal[i];
                }
            }
        }
        int maxn = Math.min(Math.max(10, 2 * m), n);
        double[] out = new double[(spec.hasTrend() ? 2 : 1) + initialSeason.length];
        if (!spec.hasTrend()) {
            double sum = 0;
            for (int i = 0; i < maxn; i++) {
                sum += adjusted[i];
            }
            out[0] = sum / maxn;
        } else {
            double[] line = simpleRegression(maxn, adjusted);
            double l0 = line[0];
            double b0 = line[1];
            if (Math.abs(l0 + b0) < 1e-8) {
                l0 *= 1 + 0.001;
                b0 *= 1 - 0.001;
            }
            out[0] = l0;
            out[1] = b0;
        }
        System.arraycopy(initialSeason, 0, out, spec.hasTrend() ? 2 : 1, initialSeason.length);
        return out;
    }

    /** Intercept and slope of y[0..k−1] on x = 1..k (R's {@code lsfit(1:k, y[1:k])}). */
    private static double[] simpleRegression(int k, double[] y) {
        double mx = (k + 1) / 2.0;
        double my = 0;
        for (int i = 0; i < k; i++) {
            my += y[i];
        }
        my /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            double dx = (i + 1) - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }

    /**
     * Below three seasons R detrends by a regression on time and one Fourier pair ({@code tslm(y ~ trend +
     * fourier(y, 1))}) and takes the detrended values themselves as the seasonal component.
     */
    private static double[] fourierDetrended(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        boolean withSine = m != 2; // fourier() drops the sine at K = m/2, where it is zero
        int p = withSine ? 4 : 3;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            int t = i + 1;
            x[i][0] = 1;
            x[i][1] = t;
            int c = 2;
            if (withSine) {
                x[i][c++] = Math.sin(2 * Math.PI * t / m);
            }
            x[i][c] = Math.cos(2 * Math.PI * t / m);
        }
        RealVector beta = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getSolver()
                .solve(new ArrayRealVector(y, false));
        double[] seasonal = new double[n];
        for (int i = 0; i < n; i++) {
            double trend = beta.getEntry(0) + beta.getEntry(1) * (i + 1);
            seasonal[i] = multiplicative ? y[i] / trend : y[i] - trend;
        }
        return seasonal;
    }

    /** The ETS criterion of one parameter vector, as forecast's C++ target function and {@code etscalc}. */
    static final class Likelihood {
        private static final double TOL = 1e-10;
        private static final double HUGE = 1e10;

        private final double[] y;
        private final Spec spec;
        private final int m;
        private final int parameters;
        private final boolean additiveError;
        private final int seasonType; // 0 none, 1 additive, 2 multiplicative

        Likelihood(double[] y, Spec spec, int m, int parameters) {
            this.y = y;
            this.spec = spec;
            this.m = m;
            this.parameters = parameters;
            this.additiveError = spec.error().equals("A");
            this.seasonType = switch (spec.season()) {
                case "A" -> 1;
                case "M" -> 2;
                default -> 0;
            };
        }

        record Run(double criterion, double mse, double[] errors, double level, double slope, double[] seasonals) {
        }

        double objective(double[] par, Criterion criterion) {
            double alpha = par[0];
            int j = 1;
            double beta = spec.hasTrend() ? par[j++] : Double.NaN;
            double gamma = spec.hasSeason() ? par[j++] : Double.NaN;
            double phi = spec.damped() ? par[j++] : 1;
            if (!withinBounds(alpha, beta, gamma, phi) || !admissible(alpha, beta, gamma, phi)) {
                return Double.POSITIVE_INFINITY;
            }
            if (seasonType == 2) {
                double[] state = fullState(par);
                for (int i = spec.hasTrend() ? 2 : 1; i < state.length; i++) {
                    if (state[i] < 0) {
                        return Double.POSITIVE_INFINITY;
                    }
                }
            }
            Run run = run(par);
            double lik = run.criterion();
            if (lik < -1e10) {
                lik = -1e10; // R avoids perfect fits
            }
            if (Double.isNaN(lik)) {
                lik = Double.POSITIVE_INFINITY;
            }
            return criterion == Criterion.LIKELIHOOD ? lik : run.mse();
        }

        private boolean withinBounds(double alpha, double beta, double gamma, double phi) {
            if (alpha < LOWER[0] || alpha > UPPER[0]) {
                return false;
            }
            if (spec.hasTrend() && (beta < LOWER[1] || beta > alpha || beta > UPPER[1])) {
                return false;
            }
            if (spec.damped() && (phi < LOWER[3] || phi > UPPER[3])) {
                return false;
            }
            return !spec.hasSeason() || !(gamma < LOWER[2] || gamma > 1 - alpha || gamma > UPPER[2]);
        }

        /** R forecast's {@code admissible}: the region where the model is forecastable (Hyndman et al. 2008, ch. 10). */
        private boolean admissible(double alpha, double beta, double gamma, double phi) {
            if (phi < 0 || phi > 1 + 1e-8) {
                return false;
            }
            if (!spec.hasSeason()) {
                if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                    return false;
                }
                return !spec.hasTrend() || !(beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha));
            }
            if (m <= 1) {
                return true;
            }
            double b = spec.hasTrend() ? beta : 0;
            if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
                return false;
            }
            if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
                return false;
            }
            if (b < -(1 - phi) * (gamma / m + alpha)) {
                return false;
            }
            // P(z) = φ(1−α−γ) + (α+β−αφ+γ−1)z + (α+β−αφ)(z² + … + z^{m−1}) + (α+β−φ)z^m + z^{m+1}
            double[] p = new double[m + 2];
            p[0] = phi * (1 - alpha - gamma);
            p[1] = alpha + b - alpha * phi + gamma - 1;
            for (int i = 2; i < m; i++) {
                p[i] = alpha + b - alpha * phi;
            }
            p[m] = alpha + b - phi;
            p[m + 1] = 1;
            return Polynomials.rootsWithinRadius(p, 1 + 1e-10);
        }

        /** The full initial state: the optimised one plus the implied last seasonal state. */
        double[] fullState(double[] par) {
            int free = par.length - parameters;
            if (seasonType == 0) {
                double[] s = new double[free];
                System.arraycopy(par, parameters, s, 0, free);
                return s;
            }
            double[] s = new double[free + 1];
            System.arraycopy(par, parameters, s, 0, free);
            double sum = 0;
            for (int i = spec.hasTrend() ? 2 : 1; i < free; i++) {
                sum += s[i];
            }
            s[free] = (seasonType == 2 ? m : 0) - sum;
            return s;
        }

        /** Runs the recursions over the series: R's {@code etscalc} with nmse = 1. */
        Run run(double[] par) {
            double alpha = par[0];
            int j = 1;
            double beta = spec.hasTrend() ? par[j++] : 0;
            double gamma = spec.hasSeason() ? par[j++] : 0;
            double phi = spec.damped() ? par[j++] : 1;
            double[] x = fullState(par);
            boolean trend = spec.hasTrend();
            double l = x[0];
            double b = trend ? x[1] : 0;
            int seasons = seasonType == 0 ? 0 : m;
            // ring buffer: s_k (k = 0 most recent) lives at ring[(head + k) % m]
            double[] ring = new double[Math.max(seasons, 1)];
            int head = 0;
            for (int k = 0; k < seasons; k++) {
                ring[k] = x[(trend ? 2 : 1) + k];
            }
            int n = y.length;
            double[] errors = new double[n];
            double sse = 0;
            double logForecasts = 0;
            double mse = 0;
            for (int t = 0; t < n; t++) {
                int oldestSlot = seasons == 0 ? 0 : (head + seasons - 1) % seasons;
                double oldest = seasons == 0 ? 0 : ring[oldestSlot];
                double phib = trend ? phi * b : 0;
                double q = l + phib;
                double f = q;
                if (seasonType == 1) {
                    f += oldest;
                } else if (seasonType == 2) {
                    f *= oldest;
                }
                double e = additiveError ? y[t] - f : (y[t] - f) / f;
                errors[t] = e;
                double d = y[t] - f;
                mse += (d * d - mse) / (t + 1);
                sse += e * e;
                logForecasts += Math.log(Math.abs(f));
                double p;
                if (seasonType == 0) {
                    p = y[t];
                } else if (seasonType == 1) {
                    p = y[t] - oldest;
                } else {
                    p = Math.abs(oldest) < TOL ? HUGE : y[t] / oldest;
                }
                double oldLevel = l;
                l = q + alpha * (p - q);
                if (trend) {
                    double r = l - oldLevel;
                    b = phib + (beta / alpha) * (r - phib);
                }
                if (seasonType != 0) {
                    double s;
                    if (seasonType == 1) {
                        s = y[t] - q;
                    } else {
                        s = Math.abs(q) < TOL ? HUGE : y[t] / q;
                    }
                    ring[oldestSlot] = oldest + gamma * (s - oldest);
                    head = oldestSlot;
                }
            }
            double criterion = n * Math.log(sse);
            if (!additiveError) {
                criterion += 2 * logForecasts;
            }
            double[] seasonals = new double[seasons];
            for (int k = 0; k < seasons; k++) {
                seasonals[k] = ring[(head + k) % seasons];
            }
            return new Run(criterion, mse, errors, l, b, seasonals);
        }
    }
}
