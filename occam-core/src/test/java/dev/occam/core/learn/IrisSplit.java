package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.List;
import java.util.stream.IntStream;

/**
 * R's iris (Fisher 1936; {@code datasets::iris}, public domain, in {@code src/test/resources/datasets}) split
 * for multiclass unit tests: every third row held out. The file is sorted by species, so both parts keep the
 * 50/50/50 balance (33/33/34 training rows, 17/17/16 held out).
 */
public final class IrisSplit {

    public final Frame trainFeatures;
    public final Target trainTarget;
    public final Frame testFeatures;
    public final Target testTarget;

    public IrisSplit() {
        LabelledData data = LabelledData.of(TestDatasets.load("iris.csv"), "Species", Task.CLASSIFICATION, null,
                List.of());
        assertTrue(data.target().isMulticlass(), "iris is a three-class target");
        int n = data.features().rows();
        int[] train = IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
        int[] test = IntStream.range(0, n).filter(i -> i % 3 == 0).toArray();
        trainFeatures = data.features().select(train);
        trainTarget = data.target().select(train);
        testFeatures = data.features().select(test);
        testTarget = data.target().select(test);
    }

    /**
     * Held-out accuracy of the model, after checking that every held-out row's probabilities sum to 1 within
     * 1e-9 and lie in [0, 1].
     */
    public double heldOutAccuracy(Model model) {
        double[][] p = model.scoreClasses(testFeatures);
        int[] truth = testTarget.classCodes();
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(3, p[i].length);
            double sum = 0;
            for (double v : p[i]) {
                assertTrue(v >= 0 && v <= 1, "row " + i + ": probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9, "row " + i);
            right += dev.occam.runtime.scorer.MulticlassScorer.argmax(p[i]) == truth[i] ? 1 : 0;
        }
        return (double) right / p.length;
    }
}
