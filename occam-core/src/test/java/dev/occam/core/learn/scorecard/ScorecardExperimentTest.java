package dev.occam.core.learn.scorecard;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardExperimentTest {
    @Test
    void experiment() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad", List.of());
        var folds = Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values());
        for (int maxBins : new int[] {4, 5, 6, 8, 10}) {
            for (double iv : new double[] {0.0, 0.02}) {
                Scorecard s = new Scorecard(Scorecard.Options.defaults().withMaxBins(maxBins).withMinInformationValue(iv));
                long t = System.nanoTime();
                var e = CrossValidation.evaluate(s, d.features(), d.target(), folds, Metric.AUC, null, null);
                System.out.printf("maxBins %d iv %.2f AUC %.4f %s (%d ms)%n", maxBins, iv, e.mean(), e.failure(), (System.nanoTime() - t) / 1000000);
            }
        }
        var lr = CrossValidation.evaluate(LogisticRegression.pipeline(), d.features(), d.target(), folds, Metric.AUC, null, null);
        System.out.println("logistic " + lr.mean());
        System.out.println(new Scorecard().fit(d.features(), d.target()).describe());
    }
}
