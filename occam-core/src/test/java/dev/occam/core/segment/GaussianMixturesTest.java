package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.segment.CovarianceModel;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Oracle: R mclust 6.0, {@code Mclust(data)} with its defaults (G = 1:9, every model, hierarchical initialisation),
 * on the raw faithful and iris (species dropped) data; numbers in resources/segment (summary.csv, bic_tables.txt,
 * *_mclust_classes.csv), produced by resources/segment/mclust_oracle.R. BIC to 1e-3 relative, classification ARI >= 0.99.
 */
class GaussianMixturesTest {

    private static final GaussianMixtures.Options OPTIONS = GaussianMixtures.Options.defaults();

    @Test
    void select_faithful_choosesEee3WithMclustBicAndClasses() {
        double[][] x = SegmentOracles.numericRows("faithful.csv");
        String[] oracle = SegmentOracles.summary("faithful");
        GaussianMixtures.Fit best = GaussianMixtures.select(x, OPTIONS).best();

        assertEquals(CovarianceModel.valueOf(oracle[1]), best.model());
        assertEquals(Integer.parseInt(oracle[2]), best.components());
        double bic = Double.parseDouble(oracle[3]);
        assertEquals(bic, best.bic(), 1e-3 * Math.abs(bic));
        double loglik = Double.parseDouble(oracle[4]);
        assertEquals(loglik, best.logLikelihood(), 1e-3 * Math.abs(loglik));
        assertEquals(11, best.parameters()); // 2 weights + 6 means + 3 covariance values
        double ari = AdjustedRandIndex.of(best.labels(), SegmentOracles.classes("faithful_mclust_classes.csv"));
        assertTrue(ari >= 0.99, "ARI with mclust's classification: " + ari);
    }

    @Test
    void select_iris_choosesVev2WithMclustBicAndClasses() {
        double[][] x = SegmentOracles.numericRows("iris.csv");
        String[] oracle = SegmentOracles.summary("iris");
        GaussianMixtures.Selection selection = GaussianMixtures.select(x, OPTIONS);
        GaussianMixtures.Fit best = selection.best();

        assertEquals(CovarianceModel.VEV, best.model());
        assertEquals(2, best.components());
        double bic = Double.parseDouble(oracle[3]);
        assertEquals(bic, best.bic(), 1e-3 * Math.abs(bic));
        assertEquals(Double.parseDouble(oracle[4]), best.logLikelihood(), 1e-3 * 215.73);
        assertEquals(26, best.parameters());
        double ari = AdjustedRandIndex.of(best.labels(), SegmentOracles.classes("iris_mclust_classes.csv"));
        assertTrue(ari >= 0.99, "ARI with mclust's classification: " + ari);
        // bic_tables.txt: mclust's runner-up VEV,3 at -562.5522 and VVV,2 at -574.0178.
        assertEquals(-562.5522369, selection.fit(CovarianceModel.VEV, 3).bic(), 1e-3 * 562.55);
        assertEquals(-574.01783, selection.fit(CovarianceModel.VVV, 2).bic(), 1e-3 * 574.02);
    }

    @Test
    void fit_everyFamilyOnFaithful_bicIsTwiceLoglikMinusPenalty() {
        double[][] x = SegmentOracles.numericRows("faithful.csv");
        for (CovarianceModel model : CovarianceModel.values()) {
            GaussianMixtures.Fit fit = GaussianMixtures.fit(x, model, 2, OPTIONS);
            assertTrue(!fit.failed(), model + ": " + fit.failure());
            assertEquals(2 * fit.logLikelihood() - model.parameterCount(2, 2) * Math.log(x.length), fit.bic(), 1e-9);
            assertTrue(fit.converged(), model + " converged");
        }
    }

    @Test
    void fit_oneComponent_isTheSampleMeanAndMaximumLikelihoodCovariance() {
        double[][] x = SegmentOracles.numericRows("faithful.csv");
        GaussianMixtures.Fit fit = GaussianMixtures.fit(x, CovarianceModel.VVV, 1, OPTIONS);
        int n = x.length;
        double m0 = 0;
        double m1 = 0;
        for (double[] r : x) {
            m0 += r[0] / n;
            m1 += r[1] / n;
        }
        double s01 = 0;
        for (double[] r : x) {
            s01 += (r[0] - m0) * (r[1] - m1) / n;
        }
        assertArrayEquals(new double[] {m0, m1}, fit.segmenter().means()[0], 1e-9);
        assertEquals(s01, fit.segmenter().covariances()[0][0][1], 1e-9);
    }

    @Test
    void select_sameSeedTwice_sameSegments() {
        double[][] x = SegmentOracles.numericRows("faithful.csv");
        GaussianMixtures.Options options = OPTIONS.withMaxComponents(4)
                .withModels(EnumSet.of(CovarianceModel.EII, CovarianceModel.VVV)).withSeed(7);
        GaussianMixtures.Fit a = GaussianMixtures.select(x, options).best();
        GaussianMixtures.Fit b = GaussianMixtures.select(x, options).best();
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.segmenter(), b.segmenter());
    }

    @Test
    void parameterCount_matchesMclustNVarParams() {
        // mclust::nVarParams(model, d = 4, G = 3)
        assertEquals(1, CovarianceModel.EII.covarianceParameters(4, 3));
        assertEquals(3, CovarianceModel.VII.covarianceParameters(4, 3));
        assertEquals(4, CovarianceModel.EEI.covarianceParameters(4, 3));
        assertEquals(6, CovarianceModel.VEI.covarianceParameters(4, 3));
        assertEquals(10, CovarianceModel.EVI.covarianceParameters(4, 3));
        assertEquals(12, CovarianceModel.VVI.covarianceParameters(4, 3));
        assertEquals(10, CovarianceModel.EEE.covarianceParameters(4, 3));
        assertEquals(12, CovarianceModel.VEE.covarianceParameters(4, 3));
        assertEquals(22, CovarianceModel.EEV.covarianceParameters(4, 3));
        assertEquals(24, CovarianceModel.VEV.covarianceParameters(4, 3));
        assertEquals(28, CovarianceModel.EVV.covarianceParameters(4, 3));
        assertEquals(30, CovarianceModel.VVV.covarianceParameters(4, 3));
    }
}
