package dev.occam.core.forecast;

/**
 * STL, the seasonal-trend decomposition by loess of Cleveland, Cleveland, McRae &amp; Terpenning (1990), "STL: a
 * seasonal-trend decomposition procedure based on loess", J. Official Statistics 6, as R's {@code stl} runs it
 * (non-robust: two inner passes, no outer ones), and R forecast's {@code mstl} (two rounds of it for one period).
 * Used for the seasonal strength that decides auto.arima's seasonal differencing.
 */
final class SeasonalTrendLoess {

    /** The seasonal, trend and remainder components. */
    record Components(double[] seasonal, double[] trend, double[] remainder) {
    }

    private SeasonalTrendLoess() {
    }

    /** R forecast's {@code mstl(x)} for one seasonal period m (s.window 11, two iterations). */
    static Components mstl(double[] x, int m) {
        int n = x.length;
        double[] seasonal = new double[n];
        double[] deseasonalised = x.clone();
        double[] trend = null;
        for (int iteration = 0; iteration < 2; iteration++) {
            for (int i = 0; i < n; i++) {
                deseasonalised[i] += seasonal[i];
            }
            Components fit = stl(deseasonalised, m, 11);
            seasonal = fit.seasonal();
            trend = fit.trend();
            for (int i = 0; i < n; i++) {
                deseasonalised[i] -= seasonal[i];
            }
        }
        double[] remainder = new double[n];
        for (int i = 0; i < n; i++) {
            remainder[i] = deseasonalised[i] - trend[i];
        }
        return new Components(seasonal, trend, remainder);
    }

    /** R's {@code stl(x, s.window)} with its other defaults (s.degree 0, t.degree 1, l.degree 1). */
    static Components stl(double[] y, int period, int sWindow) {
        int n = y.length;
        int ns = nextOdd(sWindow);
        int nt = nextOdd((int) Math.ceil(1.5 * period / (1 - 1.5 / ns)));
        int nl = nextOdd(period);
        int sJump = (int) Math.ceil(ns / 10.0);
        int tJump = (int) Math.ceil(nt / 10.0);
        int lJump = (int) Math.ceil(nl / 10.0);
        double[] trend = new double[n];
        double[] season = new double[n];
        double[] cycle = new double[n + 2 * period];
        for (int pass = 0; pass < 2; pass++) {
            double[] detrended = new double[n];
            for (int i = 0; i < n; i++) {
                detrended[i] = y[i] - trend[i];
            }
            cycleSubseries(detrended, n, period, ns, 0, sJump, cycle);
            double[] lowPass = lowPass(cycle, n + 2 * period, period);
            double[] smoothLow = new double[n];
            loess(lowPass, n, nl, 1, lJump, smoothLow);
            for (int i = 0; i < n; i++) {
                season[i] = cycle[period + i] - smoothLow[i];
            }
            double[] deseasonalised = new double[n];
            for (int i = 0; i < n; i++) {
                deseasonalised[i] = y[i] - season[i];
            }
            loess(deseasonalised, n, nt, 1, tJump, trend);
        }
        double[] remainder = new double[n];
        for (int i = 0; i < n; i++) {
            remainder[i] = y[i] - season[i] - trend[i];
        }
        return new Components(season, trend, remainder);
    }

    private static int nextOdd(int x) {
        return x % 2 == 0 ? x + 1 : x;
    }

    /**
     * Smooths each cycle-subseries (every period-th value) by loess and extends it by one value at each end, into
     * {@code out} of length n + 2·period (STL's {@code stlss}).
     */
    private static void cycleSubseries(double[] y, int n, int period, int window, int degree, int jump, double[] out) {
        for (int j = 0; j < period; j++) {
            int k = (n - (j + 1)) / period + 1;
            double[] sub = new double[k];
            for (int i = 0; i < k; i++) {
                sub[i] = y[i * period + j];
            }
            double[] smooth = new double[k + 2];
            double[] inner = new double[k];
            loess(sub, k, window, degree, jump, inner);
            System.arraycopy(inner, 0, smooth, 1, k);
            double[] before = estimate(sub, k, window, degree, 0, 1, Math.min(window, k));
            smooth[0] = before == null ? smooth[1] : before[0];
            double[] after = estimate(sub, k, window, degree, k + 1, Math.max(1, k - window + 1), k);
            smooth[k + 1] = after == null ? smooth[k] : after[0];
            for (int i = 0; i < k + 2; i++) {
                out[i * period + j] = smooth[i];
            }
        }
    }

    /** Moving averages of lengths period, period and 3 (STL's {@code stlfts}): n + 2·period values give n. */
    private static double[] lowPass(double[] x, int length, int period) {
        double[] a = movingAverage(x, length, period);
        double[] b = movingAverage(a, length - period + 1, period);
        return movingAverage(b, length - 2 * period + 2, 3);
    }

    private static double[] movingAverage(double[] x, int n, int len) {
        int out = n - len + 1;
        double[] ave = new double[out];
        double v = 0;
        for (int i = 0; i < len; i++) {
            v += x[i];
        }
        ave[0] = v / len;
        for (int j = 1; j < out; j++) {
            v = v - x[j - 1] + x[j + len - 1];
            ave[j] = v / len;
        }
        return ave;
    }

    /**
     * Loess of y (positions 1..n) with window {@code len}, evaluated every {@code jump} positions and linearly
     * interpolated between (STL's {@code stless}).
     */
    private static void loess(double[] y, int n, int len, int degree, int jump, double[] ys) {
        if (n < 2) {
            ys[0] = y[0];
            return;
        }
        int step = Math.min(jump, n - 1);
        int nleft = 1;
        int nright = n;
        if (len >= n) {
            for (int i = 1; i <= n; i += step) {
                double[] e = estimate(y, n, len, degree, i, 1, n);
                ys[i - 1] = e == null ? y[i - 1] : e[0];
            }
        } else if (step == 1) {
            int half = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (int i = 1; i <= n; i++) {
                if (i > half && nright != n) {
                    nleft++;
                    nright++;
                }
                double[] e = estimate(y, n, len, degree, i, nleft, nright);
                ys[i - 1] = e == null ? y[i - 1] : e[0];
            }
        } else {
            int half = (len + 1) / 2;
            for (int i = 1; i <= n; i += step) {
                if (i < half) {
                    nleft = 1;
                    nright = len;
                } else if (i >= n - half + 1) {
                    nleft = n - len + 1;
                    nright = n;
                } else {
                    nleft = i - half + 1;
                    nright = len + i - half;
                }
                double[] e = estimate(y, n, len, degree, i, nleft, nright);
                ys[i - 1] = e == null ? y[i - 1] : e[0];
            }
        }
        if (step != 1) {
            for (int i = 1; i <= n - step; i += step) {
                double delta = (ys[i + step - 1] - ys[i - 1]) / step;
                for (int j = i + 1; j <= i + step - 1; j++) {
                    ys[j - 1] = ys[i - 1] + delta * (j - i);
                }
            }
            int k = ((n - 1) / step) * step + 1;
            if (k != n) {
                double[] e = estimate(y, n, len, degree, n, nleft, nright);
                ys[n - 1] = e == null ? y[n - 1] : e[0];
                if (k != n - 1) {
                    double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (int j = k + 1; j <= n - 1; j++) {
                        ys[j - 1] = ys[k - 1] + delta * (j - k);
                    }
                }
            }
        }
    }

    /** Fortran's single-precision constants .999 and .001, as STL's stlest multiplies by them. */
    private static final double NEAR_ONE = (float) 0.999;
    private static final double NEAR_ZERO = (float) 0.001;

    /**
     * The local (constant or linear) tricube-weighted fit at position xs from y[nleft..nright] (1-based), STL's
     * {@code stlest}; null when every weight is zero.
     */
    private static double[] estimate(double[] y, int n, int len, int degree, double xs, int nleft, int nright) {
        double range = n - 1.0;
        double h = Math.max(xs - nleft, nright - xs);
        if (len > n) {
            h += (len - n) / 2;
        }
        double h9 = NEAR_ONE * h;
        double h1 = NEAR_ZERO * h;
        double[] w = new double[nright - nleft + 1];
        double a = 0;
        for (int j = nleft; j <= nright; j++) {
            double r = Math.abs(j - xs);
            double wj = 0;
            if (r <= h9) {
                if (r <= h1) {
                    wj = 1;
                } else {
                    double u = r / h;
                    double v = 1 - u * u * u;
                    wj = v * v * v;
                }
                a += wj;
            }
            w[j - nleft] = wj;
        }
        if (a <= 0) {
            return null;
        }
        for (int j = nleft; j <= nright; j++) {
            w[j - nleft] /= a;
        }
        if (h > 0 && degree > 0) {
            double centre = 0;
            for (int j = nleft; j <= nright; j++) {
                centre += w[j - nleft] * j;
            }
            double b = xs - centre;
            double c = 0;
            for (int j = nleft; j <= nright; j++) {
                c += w[j - nleft] * (j - centre) * (j - centre);
            }
            if (Math.sqrt(c) > NEAR_ZERO * range) {
                b /= c;
                for (int j = nleft; j <= nright; j++) {
                    w[j - nleft] *= b * (j - centre) + 1;
                }
            }
        }
        double ys = 0;
        for (int j = nleft; j <= nright; j++) {
            ys += w[j - nleft] * y[j - 1];
        }
        return new double[] {ys};
    }
}
