package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Model.score(Frame)} scores in blocks of rows (the scorer walks its parameters over a block), {@code
 * Model.score(row)} one row at a time: the same bits, with and without preparation steps, over many blocks and a
 * partial last one (credit_data's 4,454 rows).
 */
class FrameScoringTest {

    @Test
    void scoreFrame_forestAndPipeline_bitIdenticalToRowByRow() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        Frame x = d.features();
        for (Learner learner : List.of(new RandomForest(RandomForest.Options.defaults().withTrees(20)),
                LogisticRegression.pipeline())) {
            Model model = learner.fit(x, d.target());
            double[] scores = model.score(x);
            assertEquals(x.rows(), scores.length);
            for (int i = 0; i < x.rows(); i++) {
                assertEquals(Double.doubleToRawLongBits(model.score(x.row(i))), Double.doubleToRawLongBits(scores[i]),
                        learner.family() + ", row " + i);
            }
        }
    }
}
