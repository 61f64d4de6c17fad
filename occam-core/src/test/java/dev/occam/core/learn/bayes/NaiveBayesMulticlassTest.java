package dev.occam.core.learn.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.learn.IrisSplit;
import dev.occam.runtime.Model;
import dev.occam.runtime.scorer.Attribution;
import dev.occam.runtime.scorer.NaiveBayesScorer;
import org.junit.jupiter.api.Test;

/** Naive Bayes on R's iris (three classes), every third row held out. */
class NaiveBayesMulticlassTest {

    private static final IrisSplit IRIS = new IrisSplit();

    @Test
    void fit_iris_learnsWithProbabilitiesSummingToOne() {
        Model m = new NaiveBayes().fit(IRIS.trainFeatures, IRIS.trainTarget);
        double accuracy = IRIS.heldOutAccuracy(m);
        // Gaussian naive Bayes separates iris almost perfectly (scikit-learn's user guide reports about 95%).
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
        assertEquals(3, m.scorer().classCount());
        // The description names the classes by their levels; priors are the training shares 33/33/34 of 100.
        String described = m.describe();
        assertTrue(described.contains("naive Bayes over 3 classes"), described);
        assertTrue(described.matches(
                "(?s).*setosa +versicolor +virginica\\R +prior +0\\.330000 +0\\.330000 +0\\.340000\\R.*"), described);
    }

    @Test
    void scoreClasses_iris_areThePriorTimesGaussianDensitiesNormalised() {
        Model m = new NaiveBayes().fit(IRIS.trainFeatures, IRIS.trainTarget);
        NaiveBayesScorer s = (NaiveBayesScorer) m.scorer();
        double[] x = IRIS.testFeatures.row(20);
        double[] joint = new double[3];
        double[] prior = s.prior();
        for (int k = 0; k < 3; k++) {
            joint[k] = prior[k];
            for (int j = 0; j < x.length; j++) {
                NaiveBayesScorer.Gaussian g = (NaiveBayesScorer.Gaussian) s.likelihoods().get(j);
                double var = g.variance()[k];
                double z = x[j] - g.mean()[k];
                joint[k] *= Math.exp(-z * z / (2 * var)) / Math.sqrt(2 * Math.PI * var);
            }
        }
        double total = joint[0] + joint[1] + joint[2];
        double[] p = s.scoreClasses(x);
        for (int k = 0; k < 3; k++) {
            assertEquals(joint[k] / total, p[k], 1e-12, "class " + k);
        }
    }

    @Test
    void attribute_iris_addsUpToTheCalledClassAgainstTheNext() {
        Model m = new NaiveBayes().fit(IRIS.trainFeatures, IRIS.trainTarget);
        NaiveBayesScorer s = (NaiveBayesScorer) m.scorer();
        for (int i = 0; i < IRIS.testFeatures.rows(); i += 5) {
            double[] x = IRIS.testFeatures.row(i);
            double[] p = s.scoreClasses(x);
            Attribution a = s.attribute(x);
            double sum = a.baseline();
            for (double c : a.contributions()) {
                sum += c;
            }
            assertEquals(a.value(), sum, 1e-9, "row " + i);
            // Called class against the next: log(p_called / p_next), which is >= 0.
            double[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            if (sorted[1] > 1e-200) { // else the ratio of probabilities has underflowed; the log-odds have not
                assertEquals(Math.log(sorted[2] / sorted[1]), a.value(), 1e-9, "row " + i);
            }
        }
    }
}
