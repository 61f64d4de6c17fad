package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.segment.CovarianceModel;
import org.junit.jupiter.api.Test;

/** Oracle: R mclust 6.0 ({@code Mclust(data)}, default G = 1:9 and all models), see resources/segment/SOURCE.md. */
class GaussianMixturesTest {

    @Test
    void probe() {
        for (String ds : new String[] {"faithful.csv", "iris.csv"}) {
            double[][] x = SegmentOracles.numericRows(ds);
            GaussianMixtures.Selection s = GaussianMixtures.select(x, GaussianMixtures.Options.defaults());
            s.fits().stream().sorted((a, b) -> Double.compare(b.bic(), a.bic())).limit(8)
                    .forEach(f -> System.out.println(ds + " " + f.model() + "," + f.components() + " bic=" + f.bic() + " ll=" + f.logLikelihood() + " conv=" + f.converged() + " it=" + f.iterations()));
            s.fits().stream().filter(GaussianMixtures.Fit::failed).forEach(f -> System.out.println("failed " + f.failure()));
        }
    }
}
