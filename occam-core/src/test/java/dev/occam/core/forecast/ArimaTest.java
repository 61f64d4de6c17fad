package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.forecast.Forecast;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARIMA against R forecast 8.20's {@code auto.arima} on the training part of the seven classic series
 * (oracle_arima.csv, written by arima.R; the orders also in oracle_summary.csv). The fit follows R's CSS-then-ML
 * path with R's BFGS, and Q₀ is computed exactly where R uses Gardner et al.'s algorithm for the same matrix, so
 * coefficients agree to about 1e-7 relative; we assert 1e-5 (absolute for coefficients near 0) and forecasts to 1e-6.
 */
class ArimaTest {

    /** One row of oracle_arima.csv. */
    record Oracle(int[] arma, List<String> names, double[] coef, double sigma2, double loglik, double aicc,
            int seasonalDifferences, int differences, double[] mean, double[] lo80, double[] hi95) {

        Arima.Order order() {
            int m = arma[4];
            boolean seasonal = arma[2] + arma[3] + arma[6] > 0;
            return seasonal ? new Arima.Order(arma[0], arma[5], arma[1], arma[2], arma[6], arma[3], m)
                    : Arima.Order.of(arma[0], arma[5], arma[1]);
        }

        boolean constant() {
            return names.contains("drift") || names.contains("intercept");
        }
    }

    static List<String> series() {
        return ForecastOracle.SERIES;
    }

    static Oracle oracle(String series) throws IOException {
        try (InputStream in = ArimaTest.class.getResourceAsStream("/forecast/oracle_arima.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] c = lines[i].split(",");
                for (int k = 0; k < c.length; k++) {
                    c[k] = c[k].replace("\"", "").trim();
                }
                if (c[0].equals(series)) {
                    return new Oracle(Arrays.stream(c[1].split("\\s+")).mapToInt(Integer::parseInt).toArray(),
                            c[2].isEmpty() ? List.of() : List.of(c[2].split("\\s+")), numbers(c[3]),
                            Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]),
                            Integer.parseInt(c[7]), Integer.parseInt(c[9]), numbers(c[10]), numbers(c[11]),
                            numbers(c[12]));
                }
            }
        }
        throw new IllegalArgumentException("no ARIMA oracle for " + series);
    }

    private static double[] numbers(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest
    @MethodSource("series")
    void fit_rsOrders_matchesRsCoefficientsLikelihoodAndForecasts(String name) throws IOException {
        Oracle r = oracle(name);
        Arima.Fit fit = Arima.fit(ForecastOracle.training(name), r.order(), r.constant());
        assertEquals(r.names(), fit.names(), name + ": coefficient names");
        double[] ours = fit.coefficients();
        for (int i = 0; i < ours.length; i++) {
            assertEquals(r.coef()[i], ours[i], 1e-5 * Math.max(1, Math.abs(r.coef()[i])), name + " " + r.names().get(i));
        }
        assertEquals(r.loglik(), fit.logLikelihood(), 1e-6 * Math.abs(r.loglik()), name + ": log-likelihood");
        assertEquals(r.aicc(), fit.aicc(), 1e-6 * Math.abs(r.aicc()), name + ": AICc");
        assertEquals(r.sigma2(), fit.sigma2(), 1e-5 * r.sigma2(), name + ": sigma2");
        Forecast f = fit.forecaster().forecast(r.mean().length);
        assertTrue(ForecastOracle.maxRelativeDiff(f.mean(), r.mean()) < 1e-6, name + ": forecasts");
        // WWWusage's AR part is close to a unit root (moduli 0.968), where the likelihood is flat: our optimum sits
        // 5e-6 from R's in ma1 and the interval ends, which grow with the near-unit root, differ by up to 1e-5
        double intervalTolerance = name.equals("WWWusage") ? 2e-5 : 1e-6;
        double lo = ForecastOracle.maxRelativeDiff(f.lower80(), r.lo80());
        double hi = ForecastOracle.maxRelativeDiff(f.upper95(), r.hi95());
        assertTrue(lo < intervalTolerance, name + ": lo80 differs by " + lo);
        assertTrue(hi < intervalTolerance, name + ": hi95 differs by " + hi);
        assertTrue(ForecastOracle.maxRelativeDiff(f.mean(), ForecastOracle.forecasts(name).column("arima_mean"))
                < 1e-6, name + ": forecasts in the summary's file");
    }

    @ParameterizedTest
    @MethodSource("series")
    void select_classicSeries_choosesRsModel(String name) throws IOException {
        Oracle r = oracle(name);
        ForecastOracle.Summary summary = ForecastOracle.summary(name);
        Arima.Fit fit = Arima.select(ForecastOracle.training(name));
        assertEquals(summary.arimaLabel(), fit.label(), name);
        assertEquals(r.aicc(), fit.aicc(), 1e-6 * Math.abs(r.aicc()), name + ": AICc");
    }

    @ParameterizedTest
    @MethodSource("series")
    void differencingTests_classicSeries_agreeWithRsNdiffsAndNsdiffs(String name) throws IOException {
        Oracle r = oracle(name);
        TimeSeries train = ForecastOracle.training(name);
        double[] x = train.values();
        int m = train.period();
        int sd = m > 1 && x.length > 2 * m ? UnitRootTests.seasonalDifferences(x, m) : 0;
        assertEquals(r.seasonalDifferences(), sd, name + ": seasonal differences");
        double[] dx = sd > 0 ? Arima.difference(x, 0, sd, m) : x;
        assertEquals(r.differences(), UnitRootTests.differences(dx, 2), name + ": differences");
    }

    @Test
    void partrans_invpartrans_roundTrip() {
        double[] ar = {0.5, -0.3, 0.2};
        double[] x = ar.clone();
        ArimaStateSpace.invpartrans(x, 0, 3);
        ArimaStateSpace.partrans(x, 0, 3);
        assertArrayEquals(ar, x, 1e-12);
    }

    @Test
    void stationaryCovariance_ar1_isOneOverOneMinusPhiSquared() {
        // AR(1) with an MA(1) term: r = 2; the (0,0) entry is the process variance (1 + 2φθ + θ²)/(1 − φ²)
        double phi = 0.6;
        double theta = 0.3;
        double[][] q0 = ArimaStateSpace.stationaryCovariance(new double[] {phi}, new double[] {theta});
        assertEquals((1 + 2 * phi * theta + theta * theta) / (1 - phi * phi), q0[0][0], 1e-12);
        assertEquals(theta * theta, q0[1][1], 1e-12); // the second state is θε_t
    }

    @Test
    void delta_seasonalAndFirstDifference_isRsPolynomial() {
        // (1 − B)(1 − B⁴) = 1 − B − B⁴ + B⁵: Δ = (1, 0, 0, 1, −1)
        assertArrayEquals(new double[] {1, 0, 0, 1, -1}, ArimaStateSpace.delta(1, 1, 4), 0.0);
    }

    @Test
    void fit_tooShort_saysHowManyValuesAreNeeded() {
        TimeSeries tiny = new TimeSeries(new double[] {1, 2, 3, 2, 1}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arima.fit(tiny, Arima.Order.of(2, 1, 2), false));
        assertTrue(e.getMessage().contains("got 5"), e.getMessage());
    }

    @Test
    void order_seasonalWithoutPeriod_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Arima.Order(0, 1, 1, 0, 1, 1, 1));
        assertFalse(Arima.Order.of(1, 0, 0).seasonal());
    }
}
