package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.Pipeline;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rows prepared once and scored with one feature's values taken from other rows give, bit for bit, the scores of
 * the frame with that column shuffled: what permutation importance relies on to skip reading and preparing every
 * row for every shuffle.
 */
class PreparedScoringTest {

    /** Numbers with missing values, a category with a missing level, a target that reads both. */
    private static Frame frame(int n, SplittableRandom r, double[] y) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] channel = new int[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextInt(12) == 0 ? Double.NaN : r.nextGaussian();
            x2[i] = r.nextGaussian() * 3 + 1;
            channel[i] = r.nextInt(10) == 0 ? -1 : r.nextInt(3);
            double eta = 1.5 * (Double.isNaN(x1[i]) ? 0 : x1[i]) - 0.4 * x2[i] + (channel[i] == 2 ? 1 : 0);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                new CategoricalColumn("channel", List.of("branch", "online", "phone"), channel)));
    }

    @Test
    void scoreWith_everyFeatureAndShuffle_sameBitsAsScoringTheShuffledFrame() {
        SplittableRandom r = new SplittableRandom(21);
        int n = 700;
        double[] y = new double[n];
        Frame training = frame(n, r, y);
        Target target = new Target(TargetInfo.classification("y", "yes", "no"), y);
        Frame heldOut = frame(301, r, new double[301]);
        List<Learner> learners = List.of(Pipeline.standardisedNumbers(new LogisticRegression()),
                Pipeline.treatmentCoded(new LogisticRegression()), new DecisionTree());
        for (Learner learner : learners) {
            Model model = learner.fit(training, target);
            Model.Prepared prepared = model.prepare(heldOut, Long.MAX_VALUE);
            for (int feature = 0; feature < model.schema().size(); feature++) {
                int column = heldOut.schema().indexOf(model.schema().feature(feature).name());
                for (int shuffle = 0; shuffle < 3; shuffle++) {
                    int[] order = new int[heldOut.rows()];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = r.nextInt(order.length); // any rows, repeats among them
                    }
                    List<Column> columns = new ArrayList<>(heldOut.columns());
                    columns.set(column, heldOut.column(column).select(order));
                    double[] expected = model.score(new Frame(columns));
                    double[] got = prepared.scoreWith(feature, order);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                                learner.family() + ", feature " + feature + ", row " + i);
                    }
                }
            }
        }
    }

    @Test
    void prepare_moreValuesThanAllowed_none() {
        SplittableRandom r = new SplittableRandom(22);
        double[] y = new double[200];
        Frame rows = frame(200, r, y);
        Model model = Pipeline.standardisedNumbers(new LogisticRegression())
                .fit(rows, new Target(TargetInfo.classification("y", "yes", "no"), y));
        assertNull(model.prepare(rows, 200L * 3));
        assertEquals(200, model.prepare(rows, 200L * 20).scoreWith(0, new int[200]).length);
    }
}
