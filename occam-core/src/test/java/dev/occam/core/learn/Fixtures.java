package dev.occam.core.learn;

import dev.occam.core.data.Target;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic tables for learner tests: easy signal, and the adversarial shapes of the conformance suite. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A table with its target. */
    public record Data(Frame features, Target target) {
    }

    /**
     * An easy problem: the target depends strongly on numeric {@code x1} and categorical {@code group},
     * with a noise column {@code x2} and 5% missing values in {@code x1} and {@code group}.
     */
    public static Data easy(Task task, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] group = new int[n];
        double[] y = new double[n];
        double[] effect = {-1.5, 0.0, 1.5};
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian() * 10 + 50;
            group[i] = r.nextInt(3);
            double eta = 2.0 * x1[i] + effect[group[i]];
            y[i] = task == Task.CLASSIFICATION ? (r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0)
                    : 3 + eta + 0.3 * r.nextGaussian();
            if (r.nextInt(20) == 0) {
                x1[i] = Double.NaN;
            }
            if (r.nextInt(20) == 0) {
                group[i] = CategoricalColumn.MISSING;
            }
        }
        Frame f = new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                new CategoricalColumn("group", List.of("a", "b", "c"), group)));
        return new Data(f, target(task, y));
    }

    public static Target target(Task task, double[] y) {
        TargetInfo info = task == Task.CLASSIFICATION ? TargetInfo.classification("y", "yes", "no")
                : TargetInfo.regression("y");
        return new Target(info, y);
    }

    /** The easy table plus one extra column. */
    public static Data withColumn(Data d, Column extra) {
        List<Column> cols = new ArrayList<>(d.features().columns());
        cols.add(extra);
        return new Data(new Frame(cols), d.target());
    }

    /** n rows of p independent standard normal features; the target depends on the first three (or fewer). */
    public static Data wide(Task task, int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[p][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = r.nextGaussian();
            }
            double eta = x[0][i] - (p > 1 ? x[1][i] : 0) + (p > 2 ? 0.5 * x[2][i] : 0);
            y[i] = task == Task.CLASSIFICATION ? (r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0) : eta;
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            cols.add(new NumericColumn("f" + j, x[j]));
        }
        return new Data(new Frame(cols), target(task, y));
    }
}
