package dev.occam.runtime.forecast;

import java.util.Arrays;

/**
 * A fitted (seasonal) ARIMA model in the state-space form of R's {@code arima} (Gardner, Harvey &amp; Phillips 1980;
 * Durbin &amp; Koopman, <i>Time Series Analysis by State Space Methods</i>, 2001, §3.4), holding the Kalman filter's
 * state after the last observation; forecasts are R's {@code KalmanForecast}: the state advanced h steps, its
 * variance growing by the innovation's, plus the regression part (a mean, or a drift times the time index).
 *
 * <p>The ARMA part (r = max(p, q + 1) states) has the expanded AR polynomial {@code phi} (the seasonal factor
 * multiplied in) in its first column and ones above the diagonal; the differencing part holds the last
 * {@code delta.length} values of the series, combined by the differencing polynomial {@code delta}
 * (y<sub>t</sub> = Σ delta<sub>i</sub> y<sub>t−i</sub> + the ARMA value).
 *
 * @param label the model, such as "ARIMA(0,1,1)(0,1,1)[12]"
 * @param phi expanded AR coefficients
 * @param theta expanded MA coefficients
 * @param delta differencing coefficients (empty without differencing)
 * @param intercept the mean (0 when there is none)
 * @param drift the drift per step (0 when there is none)
 * @param observations n, the number of values fitted: the drift term of step h is drift·(n + h)
 * @param state the filtered state after the last observation (r + delta.length values)
 * @param covariance its covariance, row by row ((r + delta.length)² values), in units of σ²
 * @param sigma2 the innovation variance σ²
 * @param parameterCount coefficients estimated (AR, MA, mean or drift)
 */
public record ArimaForecaster(String label, double[] phi, double[] theta, double[] delta, double intercept,
        double drift, int observations, double[] state, double[] covariance, double sigma2, int parameterCount)
        implements Forecaster {

    public ArimaForecaster {
        int r = Math.max(phi.length, theta.length + 1);
        int rd = r + delta.length;
        if (state.length != rd || covariance.length != rd * rd) {
            throw new IllegalArgumentException("ARIMA state must have " + rd + " values and its covariance " + rd * rd
                    + ": got " + state.length + " and " + covariance.length);
        }
        for (double[] a : new double[][] {phi, theta, delta, state, covariance}) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("ARIMA coefficients and state must be finite: " + v);
                }
            }
        }
        if (!Double.isFinite(intercept) || !Double.isFinite(drift)) {
            throw new IllegalArgumentException("ARIMA intercept and drift must be finite: " + intercept + ", " + drift);
        }
        if (!(sigma2 >= 0 && sigma2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("ARIMA sigma2 must be finite and >= 0: " + sigma2);
        }
        if (observations < 1 || parameterCount < 0) {
            throw new IllegalArgumentException("ARIMA observations must be >= 1 and parameter count >= 0: "
                    + observations + ", " + parameterCount);
        }
        phi = phi.clone();
        theta = theta.clone();
        delta = delta.clone();
        state = state.clone();
        covariance = covariance.clone();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[] delta() {
        return delta.clone();
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        int d = delta.length;
        int rd = r + d;
        double[][] t = new double[rd][rd];
        for (int i = 0; i < p; i++) {
            t[i][0] = phi[i];
        }
        for (int i = 1; i < r; i++) {
            t[i - 1][i] = 1;
        }
        if (d > 0) {
            t[r][0] = 1;
            for (int i = 0; i < d; i++) {
                t[r][r + i] = delta[i];
            }
            for (int i = 1; i < d; i++) {
                t[r + i][r + i - 1] = 1;
            }
        }
        double[] rv = new double[rd];
        rv[0] = 1;
        for (int i = 0; i < q; i++) {
            rv[i + 1] = theta[i];
        }
        double[] z = new double[rd];
        z[0] = 1;
        for (int i = 0; i < d; i++) {
            z[r + i] = delta[i];
        }
        double[] a = state.clone();
        double[][] pm = new double[rd][rd];
        for (int i = 0; i < rd; i++) {
            pm[i] = Arrays.copyOfRange(covariance, i * rd, (i + 1) * rd);
        }
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] next = new double[rd];
            for (int i = 0; i < rd; i++) {
                double s = 0;
                for (int j = 0; j < rd; j++) {
                    s += t[i][j] * a[j];
                }
                next[i] = s;
            }
            a = next;
            double[][] tp = Matrices.multiply(t, pm);
            pm = Matrices.multiply(tp, Matrices.transpose(t));
            for (int i = 0; i < rd; i++) {
                for (int j = 0; j < rd; j++) {
                    pm[i][j] += rv[i] * rv[j];
                }
            }
            double fc = 0;
            for (int i = 0; i < rd; i++) {
                fc += z[i] * a[i];
            }
            double var = 0;
            for (int i = 0; i < rd; i++) {
                for (int j = 0; j < rd; j++) {
                    var += z[i] * pm[i][j] * z[j];
                }
            }
            mean[h] = fc + intercept + drift * (observations + h + 1);
            se[h] = Math.sqrt(Math.max(0, var) * sigma2);
        }
        return Forecast.normal(mean, se);
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArimaForecaster f && label.equals(f.label) && Arrays.equals(phi, f.phi)
                && Arrays.equals(theta, f.theta) && Arrays.equals(delta, f.delta) && intercept == f.intercept
                && drift == f.drift && observations == f.observations && Arrays.equals(state, f.state)
                && Arrays.equals(covariance, f.covariance) && sigma2 == f.sigma2
                && parameterCount == f.parameterCount;
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return label + "[phi=" + Arrays.toString(phi) + ", theta=" + Arrays.toString(theta) + ", intercept="
                + intercept + ", drift=" + drift + ", sigma2=" + sigma2 + "]";
    }
}
