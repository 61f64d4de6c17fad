package dev.occam.core.forecast;

/**
 * Classical decomposition by moving averages, as R's {@code decompose} (Kendall &amp; Stuart 1983; Hyndman &amp;
 * Athanasopoulos, FPP3 §3.4): the trend is the centred moving average of order m (2×m for even m), the seasonal
 * figure the mean of the detrended values at each position of the cycle, centred (additive) or normalised to
 * mean 1 (multiplicative). Positions count from the first observation.
 */
final class ClassicalDecomposition {

    private ClassicalDecomposition() {
    }

    /** The centred moving average (NaN where the window does not fit), {@code decompose(y)$trend}. */
    static double[] trend(double[] y, int m) {
        double[] weights = weights(m);
        int n = y.length;
        int offset = weights.length / 2;
        double[] trend = new double[n];
        for (int i = 0; i < n; i++) {
            int first = i - offset;
            int last = first + weights.length - 1;
            if (first < 0 || last >= n) {
                trend[i] = Double.NaN;
                continue;
            }
            // R's filter(sides = 2) sums filter[j] * x[i + offset - j]; the weights are symmetric
            double s = 0;
            for (int j = 0; j < weights.length; j++) {
                s += weights[j] * y[i + offset - j];
            }
            trend[i] = s;
        }
        return trend;
    }

    private static double[] weights(int m) {
        double[] weights;
        if (m % 2 == 0) {
            weights = new double[m + 1];
            for (int i = 0; i <= m; i++) {
                weights[i] = 1.0 / m;
            }
            weights[0] = 0.5 / m;
            weights[m] = 0.5 / m;
        } else {
            weights = new double[m];
            for (int i = 0; i < m; i++) {
                weights[i] = 1.0 / m;
            }
        }
        return weights;
    }

    /**
     * The seasonal component at every position (the figure repeated), as {@code decompose(y, type)$seasonal}.
     *
     * @throws IllegalArgumentException when the series is shorter than two periods
     */
    static double[] seasonal(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        if (m <= 1 || n < 2 * m) {
            throw new IllegalArgumentException("classical decomposition needs at least two seasons of period " + m
                    + ": got " + n + " values");
        }
        double[] trend = trend(y, m);
        double[] detrended = new double[n];
        for (int i = 0; i < n; i++) {
            detrended[i] = multiplicative ? y[i] / trend[i] : y[i] - trend[i];
        }
        double[] figure = new double[m];
        double total = 0;
        for (int k = 0; k < m; k++) {
            double sum = 0;
            int count = 0;
            for (int i = k; i < n; i += m) {
                if (!Double.isNaN(detrended[i])) {
                    sum += detrended[i];
                    count++;
                }
            }
            figure[k] = sum / count;
            total += figure[k];
        }
        double mean = total / m;
        for (int k = 0; k < m; k++) {
            figure[k] = multiplicative ? figure[k] / mean : figure[k] - mean;
        }
        double[] seasonal = new double[n];
        for (int i = 0; i < n; i++) {
            seasonal[i] = figure[i % m];
        }
        return seasonal;
    }
}
