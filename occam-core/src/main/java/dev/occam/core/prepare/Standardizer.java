package dev.occam.core.prepare;

import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.prep.Standardization;
import dev.occam.runtime.prep.Transform;

/**
 * Learns the mean and the standard deviation (population form, divisor n, as scikit-learn's
 * StandardScaler) of each numeric training column; missing values are left out. A constant column gets
 * scale 1 so it is only centred.
 */
public final class Standardizer implements Preparer {

    @Override
    public Transform fit(Frame training) {
        int p = training.columnCount();
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            Column c = training.column(j);
            scale[j] = 1.0;
            if (!(c instanceof NumericColumn nc)) {
                continue;
            }
            double sum = 0;
            int n = 0;
            int rows = nc.size();
            for (int i = 0; i < rows; i++) {
                double v = nc.value(i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double m = sum / n;
            double ss = 0;
            for (int i = 0; i < rows; i++) {
                double v = nc.value(i);
                if (!Double.isNaN(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            double sd = Math.sqrt(ss / n);
            mean[j] = m;
            scale[j] = sd > 1e-12 * Math.max(1.0, Math.abs(m)) ? sd : 1.0;
        }
        return new Standardization(training.schema(), mean, scale);
    }
}
