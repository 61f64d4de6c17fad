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

    @Test
    void suspects_spendingZeroForEveryRefusal_giveawayValueNamed() {
        // Every refused (no) applicant has spending 0; most accepted ones spent something. Alone, Spending's AUC
        // stays below the near-perfect bar, but "Spending > 0" gives the class away.
        Fixtures.Data d = base();
        SplittableRandom r = new SplittableRandom(8);
        double[] spending = new double[500];
        for (int i = 0; i < 500; i++) {
            spending[i] = d.target().value(i) == 1 && r.nextDouble() < 0.8 ? Math.round(Math.exp(4 + r.nextGaussian()))
                    : 0;
        }
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new NumericColumn("Spending", spending)).features(),
                d.target(), 42);
        assertEquals(1, s.size(), s.toString());
        assertEquals(LeakageCheck.Kind.GIVEAWAY_VALUE, s.get(0).kind());
        assertEquals("Spending", s.get(0).column());
        assertTrue(s.get(0).reason().startsWith("Spending > 0 in "), s.get(0).reason());
        assertTrue(s.get(0).reason().contains("every one of them y = yes"), s.get(0).reason());
        assertTrue(s.get(0).score() > 0.7 && s.get(0).score() < 0.9, "share of the yes rows " + s.get(0).score());
    }

    @Test
    void suspects_levelOnlyInOneClass_giveawayValueNamed() {
        Fixtures.Data d = base();
        int[] channel = new int[500];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 500; i++) {
            // "closed" is recorded only for negative rows, and for most of them.
            channel[i] = d.target().value(i) == 0 && r.nextDouble() < 0.7 ? 2 : r.nextInt(2);
        }
        var s = LeakageCheck.suspects(Fixtures.withColumn(d, new CategoricalColumn("channel",
                List.of("branch", "online", "closed"), channel)).features(), d.target(), 42);
        assertEquals(LeakageCheck.Kind.GIVEAWAY_VALUE, s.get(0).kind());
        assertTrue(s.get(0).reason().startsWith("channel = closed in "), s.get(0).reason());
        assertTrue(s.get(0).reason().contains("y = no"), s.get(0).reason());
    }

    @Test
    void suspects_pureTailOfFewRows_notFlagged() {
        // The highest 20 values are all positive: a strong feature's tail, not a giveaway (under half the class).
        Fixtures.Data d = base();
        double[] x = new double[500];
        SplittableRandom r = new SplittableRandom(10);
        int tail = 0;
        for (int i = 0; i < 500; i++) {
            x[i] = d.target().value(i) == 1 && tail < 20 ? 100 + tail++ : r.nextDouble() * 50;
        }
        assertTrue(LeakageCheck.suspects(Fixtures.withColumn(d, new NumericColumn("income", x)).features(),
                d.target(), 42).isEmpty());
    }

    @Test
    void suspects_creditAndChurnData_none() {
        // The shipped examples: real, honest columns, none a giveaway.
        var credit = dev.occam.core.data.LabelledData.of(dev.occam.core.data.TestDatasets.load("credit_data.csv"),
                "Status", Task.CLASSIFICATION, "bad", List.of());
        assertEquals(List.of(), LeakageCheck.suspects(credit.features(), credit.target(), 42));
        var churn = dev.occam.core.data.LabelledData.of(dev.occam.core.data.TestDatasets.load("wa_churn.csv"),
                "churn", Task.CLASSIFICATION, "Yes", List.of());
        assertEquals(List.of(), LeakageCheck.suspects(churn.features(), churn.target(), 42));
    }
}
