package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interval on data it never saw: Ames house prices (modeldata 1.1.0, 2,930 sales, see
 * {@code datasets/README.md}), a seeded 25% held out, the rest fitted the way {@code occam fit} does (5x2
 * cross-validation, refit on every row, {@link CvResidualInterval#attach}). The CV residual method has no
 * finite-sample guarantee, so the check is empirical: of the 732 held-out sales, 85% to 95% fall inside the 90%
 * interval (a binomial sd at 90% is 1.1 points, so the band is about four sd each side plus the method's slack).
 */
class CvResidualIntervalAmesTest {

    private static final double LEVEL = 0.9;

    @ParameterizedTest
    @ValueSource(strings = {"linear", "tree"})
    void attach_amesHeldOutQuarter_ninetyPercentIntervalCoversEightyFiveToNinetyFive(String family) {
        Frame table = TestDatasets.load("ames.csv");
        LabelledData data = LabelledData.of(table, "Sale_Price", Task.REGRESSION, null, List.of());
        Frame features = data.features();
        Target target = data.target();
        int n = target.size();
        int[] order = shuffled(n, 2024);
        int testSize = n / 4;
        int[] test = Arrays.copyOfRange(order, 0, testSize);
        int[] train = Arrays.copyOfRange(order, testSize, n);
        Arrays.sort(test);
        Arrays.sort(train);
        Frame trainX = features.select(train);
        Target trainY = target.select(train);

        Learner learner = Ladder.forUseCase(Task.REGRESSION, List.of(family), Map.of()).get(0);
        assertEquals(family, learner.family());
        List<Fold> folds = Folds.repeatedKFold(42, train.length, 5, 2, null);
        Evaluation evaluation = CrossValidation.evaluate(learner, trainX, trainY, folds, Metric.RMSE, null, null);
        assertTrue(evaluation.succeeded(), evaluation.failure());
        Model refit = CrossValidation.fitWithThreshold(learner, trainX, trainY, null).withTypicalValues(trainX);
        Model model = CvResidualInterval.attach(refit, evaluation, trainY.values(), folds, LEVEL);

        PredictionInterval interval = model.interval();
        assertEquals(2 * train.length, interval.residuals(), "every training row once per repeat");
        assertEquals(10, interval.coverage().folds());
        assertEquals(LEVEL, interval.coverage().mean(), 0.03, "out-of-fold coverage " + interval.coverage());

        Prediction[] predictions = model.predict(features.select(test));
        int covered = 0;
        for (int j = 0; j < test.length; j++) {
            Prediction p = predictions[j];
            assertEquals(p.score() - interval.halfWidth(), p.lower(), 0.0);
            assertEquals(p.score() + interval.halfWidth(), p.upper(), 0.0);
            double actual = target.value(test[j]);
            covered += actual >= p.lower() && actual <= p.upper() ? 1 : 0;
        }
        double coverage = (double) covered / test.length;
        assertTrue(coverage >= 0.85 && coverage <= 0.95, family + ": the 90% interval (± "
                + Math.round(interval.halfWidth()) + ") covers " + covered + " of " + test.length + " held-out sales");
    }

    private static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
