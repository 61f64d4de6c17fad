package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.forecast.Forecast;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * ETS against R forecast 8.20's {@code ets} on the training part of seven classic series (oracle_summary.csv and
 * oracle_*_forecasts.csv). The optimiser follows R's Nelder–Mead path step for step, so even where R stopped at its
 * 2000-evaluation budget (wineind, gas, UKDriverDeaths) we land on the same point: parameters and initial states
 * within 1e-3 relative (R's summary prints 6 significant digits, so 1e-5 is the tightest the file allows), AICc and
 * forecasts within 1e-6 relative.
 */
class ExponentialSmoothingTest {

    static List<String> series() {
        return ForecastOracle.SERIES;
    }

    @ParameterizedTest
    @MethodSource("series")
    void select_classicSeries_choosesRsModelWithItsAiccParametersAndForecasts(String name) {
        ForecastOracle.Summary r = ForecastOracle.summary(name);
        ExponentialSmoothing.Fit fit = ExponentialSmoothing.select(ForecastOracle.training(name));

        assertEquals(r.etsModel(), fit.spec().toString(), name + ": model chosen");
        assertEquals(r.etsAicc(), fit.aicc(), 1e-6 * Math.abs(r.etsAicc()), name + ": AICc");
        double[] ours = parametersAsRPrintsThem(fit);
        double[] theirs = r.etsParams().values().stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(theirs.length, ours.length, name + ": parameter count");
        for (int i = 0; i < ours.length; i++) {
            // R prints 6 significant digits
            assertEquals(theirs[i], ours[i], 1e-5 * Math.abs(theirs[i]) + 1e-9, name + ": parameter " + i);
        }
        ForecastOracle.Forecasts fc = ForecastOracle.forecasts(name);
        Forecast f = fit.forecaster().forecast(r.h());
        assertTrue(ForecastOracle.maxRelativeDiff(f.mean(), fc.column("ets_mean")) < 1e-6, name + ": forecasts");
        // R's class-1 variance puts gamma on the third state even without a trend, i.e. on the second seasonal
        // state of ETS(M,N,A) (woolyrnq, UKDriverDeaths) instead of the first (Hyndman et al. 2008, Table 6.1);
        // we keep the book's form, so there the ends differ by < 1e-4 relative (gamma is about 1e-4 on both).
        double tolerance = fit.spec().toString().equals("ETS(M,N,A)") ? 1e-4 : 1e-6;
        assertTrue(ForecastOracle.maxRelativeDiff(f.lower80(), fc.column("ets_lo80")) < tolerance, name + ": lo80");
        assertTrue(ForecastOracle.maxRelativeDiff(f.upper80(), fc.column("ets_hi80")) < tolerance, name + ": hi80");
        assertTrue(ForecastOracle.maxRelativeDiff(f.lower95(), fc.column("ets_lo95")) < tolerance, name + ": lo95");
        assertTrue(ForecastOracle.maxRelativeDiff(f.upper95(), fc.column("ets_hi95")) < tolerance, name + ": hi95");
    }

    /** alpha, beta, gamma, phi (those present), then l, b, s0..s(m−2): R's {@code fit$par}. */
    private static double[] parametersAsRPrintsThem(ExponentialSmoothing.Fit fit) {
        double[] states = fit.initialStates();
        int free = fit.spec().hasSeason() ? states.length - 1 : states.length;
        double[] out = new double[4 + free];
        int k = 0;
        out[k++] = fit.alpha();
        for (double v : new double[] {fit.beta(), fit.gamma(), fit.phi()}) {
            if (!Double.isNaN(v)) {
                out[k++] = v;
            }
        }
        for (int i = 0; i < free; i++) {
            out[k++] = states[i];
        }
        return java.util.Arrays.copyOf(out, k);
    }

    @Test
    void candidates_monthlyPositiveSeries_areRsFifteenInRsOrder() {
        List<ExponentialSmoothing.Spec> specs = ExponentialSmoothing.candidates(ForecastOracle.training("wineind"));
        assertEquals(15, specs.size());
        assertEquals("ETS(A,N,N)", specs.get(0).toString());
        assertEquals("ETS(A,Ad,N)", specs.get(2).toString());
        assertEquals("ETS(M,A,M)", specs.get(14).toString());
        assertFalse(specs.stream().anyMatch(s -> s.error().equals("A") && s.season().equals("M")));
    }

    @Test
    void candidates_seriesWithZero_leavesOutMultiplicativeErrors() {
        double[] y = ForecastOracle.training("wineind").values();
        y[5] = 0;
        List<ExponentialSmoothing.Spec> specs = ExponentialSmoothing.candidates(new TimeSeries(y, 12));
        assertEquals(6, specs.size());
        assertTrue(specs.stream().allMatch(s -> s.error().equals("A")));
    }

    @Test
    void fit_tooShortForItsStates_saysHowManyValuesItNeeds() {
        TimeSeries shortSeries = new TimeSeries(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExponentialSmoothing.fit(
                shortSeries, ExponentialSmoothing.Spec.parse("AAA"), ExponentialSmoothing.Criterion.LIKELIHOOD));
        assertTrue(e.getMessage().contains("from only 14 observations"), e.getMessage());
    }

    @Test
    void specParse_rAndShortForms_readTheSame() {
        assertEquals(ExponentialSmoothing.Spec.parse("MAdM"), ExponentialSmoothing.Spec.parse("ETS(M,Ad,M)"));
        assertThrows(IllegalArgumentException.class, () -> ExponentialSmoothing.Spec.parse("MX"));
    }

    @Test
    void polynomials_knownRoots_areLocatedAgainstTheRadius() {
        // (z − 0.5)(z + 0.9) = z² + 0.4z − 0.45: roots inside; (z − 1.1)(z − 0.2) = z² − 1.3z + 0.22: one outside
        assertTrue(Polynomials.rootsWithinRadius(new double[] {-0.45, 0.4, 1}, 1 + 1e-10));
        assertFalse(Polynomials.rootsWithinRadius(new double[] {0.22, -1.3, 1}, 1 + 1e-10));
        // complex pair of modulus 1.05: z² − 2·0.6z + 1.1025
        assertFalse(Polynomials.rootsWithinRadius(new double[] {1.1025, -1.2, 1}, 1 + 1e-10));
        assertTrue(Polynomials.rootsWithinRadius(new double[] {1.1025, -1.2, 1}, 1.06));
    }
}
