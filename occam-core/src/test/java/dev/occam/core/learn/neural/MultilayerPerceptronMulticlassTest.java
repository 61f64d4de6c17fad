package dev.occam.core.learn.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.learn.IrisSplit;
import dev.occam.runtime.Model;
import dev.occam.runtime.scorer.MlpScorer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The network with K softmax outputs: its gradient, and what it learns on R's iris, every third row held out. */
class MultilayerPerceptronMulticlassTest {

    private static final IrisSplit IRIS = new IrisSplit();

    @Test
    void fit_iris_learnsWithProbabilitiesSummingToOne() {
        Model m = MultilayerPerceptron.pipeline().fit(IRIS.trainFeatures, IRIS.trainTarget);
        double accuracy = IRIS.heldOutAccuracy(m);
        // A small network on standardised iris reaches the 95%+ of the linear models; a constant gets 1/3.
        assertTrue(accuracy > 0.85, "held-out accuracy " + accuracy);
        assertEquals(3, m.scorer().classCount());
    }

    @Test
    void accumulate_softmaxCrossEntropy_gradientMatchesCentralDifferences() {
        // Backpropagation against (L(θ + h) − L(θ − h)) / 2h, relative error below 1e-6 (h = 1e-6).
        Network network = new Network(4, List.of(5), true, 3);
        double[] params = new double[network.parameterCount()];
        network.initialise(params, new SplittableRandom(3), new double[] {0.1, -0.2, 0.3});
        double[] x = {0.5, -1.2, 0.3, 2.0};
        int y = 2;
        double[] gradient = new double[params.length];
        double loss = network.accumulate(params, x, 0, y, gradient);
        network.forward(params, x, 0);
        assertEquals(Network.lossClasses(network.outputs(), y), loss, 1e-15);
        double h = 1e-6;
        for (int k = 0; k < params.length; k++) {
            double keep = params[k];
            params[k] = keep + h;
            network.forward(params, x, 0);
            double up = Network.lossClasses(network.outputs(), y);
            params[k] = keep - h;
            network.forward(params, x, 0);
            double down = Network.lossClasses(network.outputs(), y);
            params[k] = keep;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, gradient[k], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + k);
        }
    }

    @Test
    void scoreClasses_softmaxOutput_isTheSoftmaxOfTheOutputUnits() {
        Model m = MultilayerPerceptron.pipeline().fit(IRIS.trainFeatures, IRIS.trainTarget);
        MlpScorer s = (MlpScorer) m.scorer();
        assertEquals(MlpScorer.Output.SOFTMAX, s.output());
        double[] x = new double[s.input().size()];
        double[] z = s.outputValues(x);
        double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
        double[] p = s.scoreClasses(x);
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.exp(z[k]) / sum, p[k], 1e-12);
        }
    }
}
