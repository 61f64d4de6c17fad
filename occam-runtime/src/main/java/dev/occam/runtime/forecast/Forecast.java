package dev.occam.runtime.forecast;

import java.util.Arrays;

/**
 * Point forecasts and prediction intervals for steps 1..h ahead (index 0 is one step ahead).
 *
 * @param mean the point forecasts
 * @param lower80 lower end of the 80% interval
 * @param upper80 upper end of the 80% interval
 * @param lower95 lower end of the 95% interval
 * @param upper95 upper end of the 95% interval
 */
public record Forecast(double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {

    /** The standard normal quantile at 0.9 (R: {@code qnorm(0.9)}), half width of an 80% interval in sds. */
    public static final double Z80 = 1.2815515655446004;
    /** The standard normal quantile at 0.975 (R: {@code qnorm(0.975)}), half width of a 95% interval in sds. */
    public static final double Z95 = 1.959963984540054;

    public Forecast {
        int h = mean.length;
        if (lower80.length != h || upper80.length != h || lower95.length != h || upper95.length != h) {
            throw new IllegalArgumentException("forecast arrays must all have the horizon's length " + h);
        }
        mean = mean.clone();
        lower80 = lower80.clone();
        upper80 = upper80.clone();
        lower95 = lower95.clone();
        upper95 = upper95.clone();
    }

    /** Intervals mean ± z·se, for forecast errors taken as normal with standard errors {@code se}. */
    public static Forecast normal(double[] mean, double[] se) {
        int h = mean.length;
        double[] lo80 = new double[h];
        double[] hi80 = new double[h];
        double[] lo95 = new double[h];
        double[] hi95 = new double[h];
        for (int i = 0; i < h; i++) {
            lo80[i] = mean[i] - Z80 * se[i];
            hi80[i] = mean[i] + Z80 * se[i];
            lo95[i] = mean[i] - Z95 * se[i];
            hi95[i] = mean[i] + Z95 * se[i];
        }
        return new Forecast(mean, lo80, hi80, lo95, hi95);
    }

    public int horizon() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] lower80() {
        return lower80.clone();
    }

    @Override
    public double[] upper80() {
        return upper80.clone();
    }

    @Override
    public double[] lower95() {
        return lower95.clone();
    }

    @Override
    public double[] upper95() {
        return upper95.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && Arrays.equals(mean, f.mean) && Arrays.equals(lower80, f.lower80)
                && Arrays.equals(upper80, f.upper80) && Arrays.equals(lower95, f.lower95)
                && Arrays.equals(upper95, f.upper95);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Forecast" + Arrays.toString(mean);
    }
}
