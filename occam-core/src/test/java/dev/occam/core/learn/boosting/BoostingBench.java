package dev.occam.core.learn.boosting;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Not a test: held-out RMSE and fit time of boosting settings on diamonds (53,940 rows, price), every fifth row
 * held out, for docs/boosting.md. {@code java -cp ... dev.occam.core.learn.boosting.BoostingBench}.
 */
public final class BoostingBench {

    private BoostingBench() {
    }

    /** 5x2-CV AUC on credit_data (folds seed 42, as the ladder) of the settings compared on diamonds. */
    static void credit() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        var folds = dev.occam.core.evaluate.Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values());
        for (GradientBoosting.Options o : List.of(new GradientBoosting.Options(100, 0.1, 3, 1, 1, 1, 1, 42),
                new GradientBoosting.Options(100, 0.3, 6, 1, 1, 1, 1, 42),
                new GradientBoosting.Options(1000, 0.1, 3, 1, 1, 1, 1, 42, 20, List.of()),
                new GradientBoosting.Options(1000, 0.1, 6, 1, 1, 1, 1, 42, 20, List.of()),
                GradientBoosting.Options.defaults())) {
            long t0 = System.nanoTime();
            var e = dev.occam.core.evaluate.CrossValidation.evaluate(GradientBoosting.pipeline(o), d.features(),
                    d.target(), folds, dev.occam.core.evaluate.Metric.AUC, null, null);
            System.out.printf("%s: AUC %.4f +- %.4f, %.1f s%n", o, e.mean(), e.standardDeviation(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("credit")) {
            credit();
            return;
        }
        LabelledData d = LabelledData.of(TestDatasets.load("diamonds.csv"), "price", Task.REGRESSION, null,
                List.of());
        int n = d.target().size();
        int[] train = IntStream.range(0, n).filter(i -> i % 5 != 0).toArray();
        int[] test = IntStream.range(0, n).filter(i -> i % 5 == 0).toArray();
        Frame x = d.features().select(train);
        Target y = d.target().select(train);
        GradientBoosting.Options base = GradientBoosting.Options.defaults();
        Object[][] variants = {
            {"fixed: 100 rounds, depth 3, eta 0.1 (before)",
                new GradientBoosting.Options(100, 0.1, 3, 1, 1, 1, 1, 42)},
            {"XGBoost's defaults: 100 rounds, depth 6, eta 0.3",
                new GradientBoosting.Options(100, 0.3, 6, 1, 1, 1, 1, 42)},
            {"early stopping 20, <=1000 rounds, depth 3, eta 0.1",
                new GradientBoosting.Options(1000, 0.1, 3, 1, 1, 1, 1, 42, 20, List.of())},
            {"early stopping 20, <=1000 rounds, depth 6, eta 0.1",
                new GradientBoosting.Options(1000, 0.1, 6, 1, 1, 1, 1, 42, 20, List.of())},
            {"defaults now: early stopping 20, <=1000 rounds, depth 3 or 6, eta 0.1", base},
        };
        for (Object[] v : variants) {
            long t0 = System.nanoTime();
            Model m = GradientBoosting.pipeline((GradientBoosting.Options) v[1]).fit(x, y);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double ss = 0;
            for (int i : test) {
                double e = m.score(d.features().row(i)) - d.target().value(i);
                ss += e * e;
            }
            System.out.printf("%-72s rmse %7.1f  fit %6.2f s  %s%n", v[0], Math.sqrt(ss / test.length), seconds,
                    m.describe().lines().findFirst().orElse(""));
        }
    }
}
