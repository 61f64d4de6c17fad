package dev.occam.core.explain;

import dev.occam.core.data.Target;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic data whose answer is known: y depends strongly on x1, weakly on x2, not at all on x3. */
final class Fixtures {

    private Fixtures() {
    }

    record Data(Frame features, Target target) {
    }

    /** y = 3·x1 + 1·x2 + N(0, 0.5²), x1, x2, x3 standard normal and independent. */
    static Data regression(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian();
            x3[i] = r.nextGaussian();
            y[i] = 3 * x1[i] + x2[i] + 0.5 * r.nextGaussian();
        }
        return new Data(frame(x1, x2, x3), new Target(TargetInfo.regression("y"), y));
    }

    /** P(y = 1) = logistic(2.5·x1 + 0.7·x2), x3 pure noise. */
    static Data classification(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian();
            x3[i] = r.nextGaussian();
            double p = 1 / (1 + Math.exp(-(2.5 * x1[i] + 0.7 * x2[i])));
            y[i] = r.nextDouble() < p ? 1.0 : 0.0;
        }
        return new Data(frame(x1, x2, x3), new Target(TargetInfo.classification("y", "yes", "no"), y));
    }

    static Frame frame(double[] x1, double[] x2, double[] x3) {
        return new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                new NumericColumn("x3", x3)));
    }
}
