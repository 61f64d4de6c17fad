package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.learn.Fixtures;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeakageCheckTest {

    private static Fixtures.Data base() {
        return Fixtures.easy(Task.CLASSIFICATION, 500, 11);
    }

    @Test
    void suspects_easyFixture_none() {
        Fixtures.Data d = base();
        assertTrue(LeakageCheck.suspects(d.features(), d.target(), 42).isEmpty());
    }

    @Test
    void suspects_rowCounter_identifier() {
        Fixtures.Data d = base();
        double[] id = new double[500];
        for (int i = 0; i < id.length; i++) {
            id[i] = 1000 + i;
        }
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new NumericColumn("id", id)).features(), d.target(), 42);
        assertEquals(1, s.size());
        assertEquals(LeakageCheck.Kind.IDENTIFIER, s.get(0).kind());
        assertTrue(s.get(0).reason().contains("id counts up"), s.get(0).reason());
    }

    @Test
    void suspects_textKeyInEveryRow_identifier() {
        Fixtures.Data d = base();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[500];
        for (int i = 0; i < 500; i++) {
            levels.add(String.format("C%04d", i));
            codes[i] = i;
        }
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new CategoricalColumn("customer", levels, codes))
                .features(), d.target(), 42);
        assertEquals(LeakageCheck.Kind.IDENTIFIER, s.get(0).kind());
    }

    @Test
    void suspects_copyOfTarget_nearCopy() {
        Fixtures.Data d = base();
        double[] copy = d.target().values().clone();
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new NumericColumn("outcome_code", copy)).features(),
                d.target(), 42);
        assertEquals(LeakageCheck.Kind.NEAR_COPY_OF_TARGET, s.get(0).kind());
        assertEquals(1.0, s.get(0).score(), 1e-12);
    }

    @Test
    void suspects_recordedAfterOutcome_nearPerfectPredictor() {
        Fixtures.Data d = base();
        SplittableRandom r = new SplittableRandom(3);
        double[] arrears = new double[500];
        for (int i = 0; i < 500; i++) {
            // Days in arrears: large for defaulters, small otherwise, with 0.4% of rows in the other range.
            boolean overlap = r.nextInt(250) == 0;
            arrears[i] = (d.target().value(i) == 1) != overlap ? 30 + r.nextInt(60) : r.nextInt(25);
        }
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new NumericColumn("days_in_arrears", arrears))
                .features(), d.target(), 42);
        assertEquals(1, s.size());
        assertEquals(LeakageCheck.Kind.NEAR_PERFECT_PREDICTOR, s.get(0).kind());
        assertTrue(s.get(0).score() >= 0.99 && s.get(0).score() < 0.9995, "AUC " + s.get(0).score());
    }

    @Test
    void suspects_manyLevelsNoSignal_notFlagged() {
        // 100 levels over 500 rows: memorising levels would look perfect in-sample, but not on the other half.
        Fixtures.Data d = base();
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            levels.add("z" + i);
        }
        int[] codes = new int[500];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            codes[i] = r.nextInt(100);
        }
        assertTrue(LeakageCheck.suspects(Fixtures.withColumn(d, new CategoricalColumn("zip", levels, codes))
                .features(), d.target(), 42).isEmpty());
    }
}
