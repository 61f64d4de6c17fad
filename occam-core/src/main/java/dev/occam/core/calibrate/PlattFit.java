package dev.occam.core.calibrate;

import dev.occam.runtime.calibration.PlattScaling;

/**
 * Fits Platt scaling (Platt 1999) by maximum likelihood: the logistic regression of the 0/1 outcome on the
 * logit of the score, {@code y ~ a·logit(s) + b}, as R's {@code glm(y ~ qlogis(s), family = binomial)} (Newton
 * steps, which for the canonical link are R's IRLS, halved while the deviance rises; converged when the deviance
 * changes by less than 1e-10 of itself, tighter than glm's 1e-8). Platt's smoothed targets
 * ((N₊ + 1)/(N₊ + 2)) are not used: with thousands of out-of-fold scores they change little, and the plain fit
 * matches glm. The slope {@code a} is the calibration slope (Cox 1958): below 1, the scores are too extreme.
 */
public final class PlattFit {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;
    /** A slope this large means the scores separate the classes and the likelihood has no maximum. */
    private static final double SEPARATED_SLOPE = 1e3;
    private static final double SEPARATED_DEVIANCE = 1e-6;

    private PlattFit() {
    }

    /**
     * @param scores probabilities of the positive class (clipped as {@link PlattScaling#logit})
     * @param labels 1 for the positive class, 0 otherwise
     * @throws IllegalArgumentException when there are no scores, only one class, or the scores separate the
     *     classes (the slope grows without bound)
     */
    public static PlattScaling fit(double[] scores, double[] labels) {
        int n = scores.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("Platt scaling needs scores and as many labels, got " + n + " and "
                    + labels.length);
        }
        double positives = 0;
        double[] x = new double[n];
        boolean constant = true;
        for (int i = 0; i < n; i++) {
            positives += labels[i];
            x[i] = PlattScaling.logit(scores[i]);
            constant &= x[i] == x[0];
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("Platt scaling needs both classes, got " + (long) positives
                    + " positives of " + n);
        }
        double mean = positives / n;
        if (constant) {
            // Every score the same: only the intercept is identified.
            return new PlattScaling(0, Math.log(mean / (1 - mean)));
        }
        double a = 0;
        double b = Math.log(mean / (1 - mean));
        double deviance = deviance(x, labels, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gA = 0;
            double gB = 0;
            double hAA = 0;
            double hAB = 0;
            double hBB = 0;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * x[i] + b);
                double w = p * (1 - p);
                double r = labels[i] - p;
                gA += r * x[i];
                gB += r;
                hAA += w * x[i] * x[i];
                hAB += w * x[i];
                hBB += w;
            }
            double det = hAA * hBB - hAB * hAB;
            if (!(det > 0)) {
                throw new IllegalArgumentException("Platt scaling did not converge: the scores separate the classes");
            }
            double stepA = (hBB * gA - hAB * gB) / det;
            double stepB = (hAA * gB - hAB * gA) / det;
            double next = Double.NaN;
            double scale = 1;
            for (int halving = 0; halving < 30; halving++) {
                next = deviance(x, labels, a + scale * stepA, b + scale * stepB);
                if (next <= deviance) {
                    break;
                }
                scale /= 2;
            }
            a += scale * stepA;
            b += scale * stepB;
            if (Math.abs(a) > SEPARATED_SLOPE) {
                break;
            }
            boolean converged = Math.abs(deviance - next) < TOLERANCE * (Math.abs(next) + 0.1);
            deviance = next;
            if (converged) {
                // A deviance near zero is a perfect fit: the scores separate the classes and a has no finite maximum.
                if (deviance < SEPARATED_DEVIANCE) {
                    break;
                }
                return new PlattScaling(a, b);
            }
        }
        throw new IllegalArgumentException("Platt scaling did not converge: the scores separate the classes"
                + " (slope " + a + ")");
    }

    private static double deviance(double[] x, double[] labels, double a, double b) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a * x[i] + b;
            // −2 log-likelihood, written to stay finite for large |eta|.
            d += 2 * (Math.log1p(Math.exp(-Math.abs(eta))) + Math.max(eta, 0) - labels[i] * eta);
        }
        return d;
    }

    private static double sigmoid(double eta) {
        return 1 / (1 + Math.exp(-eta));
    }
}
