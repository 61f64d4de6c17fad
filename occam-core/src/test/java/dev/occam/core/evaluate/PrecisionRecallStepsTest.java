package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The precision-recall steps from each class's sorted scores equal those of one boxed sort of every row. */
class PrecisionRecallStepsTest {

    @Test
    void of_tiesZerosAndLongArrays_sameStepsAsOneBoxedSort() {
        SplittableRandom random = new SplittableRandom(31);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial % 10 == 0 ? 40_000 : 300);
            int kind = random.nextInt(4);
            double[] truth = new double[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(kind == 3 ? 20 : 3) == 0 ? 1.0 : 0.0;
                score[i] = switch (kind) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextInt(6) / 5.0; // many ties
                    case 2 -> random.nextBoolean() ? 0.0 : random.nextBoolean() ? -0.0 : random.nextInt(3) - 1;
                    default -> random.nextGaussian();
                };
            }
            Metric.PrecisionRecallSteps expected = Metric.PrecisionRecallSteps.ofBoxedOrder(truth, score);
            Metric.PrecisionRecallSteps got = Metric.PrecisionRecallSteps.of(truth, score);
            assertEquals(expected.positives(), got.positives(), "trial " + trial);
            assertArrayEquals(expected.called(), got.called(), "trial " + trial);
            assertArrayEquals(expected.truePositives(), got.truePositives(), "trial " + trial);
        }
    }
}
