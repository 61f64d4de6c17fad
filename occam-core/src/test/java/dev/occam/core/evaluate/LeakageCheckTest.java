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

    /** The primitive count agrees with a set of boxed values on shuffled whole numbers, repeats, halves and signed zeros. */
    @Test
    void identifierReason_cases_sameAsABoxedSetOfValues() {
        SplittableRandom random = new SplittableRandom(5);
        double[] shuffled = new double[200];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = i - 100;
        }
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double[] signedZeros = shuffled.clone();
        for (int i = 0; i < signedZeros.length; i++) {
            if (signedZeros[i] == 0.0) {
                signedZeros[(i + 1) % signedZeros.length] = -0.0;   // 0.0 and -0.0: distinct, as Double.equals says
            }
        }
        double[] repeated = shuffled.clone();
        repeated[7] = repeated[8];
        double[] halves = shuffled.clone();
        halves[3] = 0.5;
        double[] fewMissing = shuffled.clone();
        fewMissing[10] = Double.NaN;
        double[] manyMissing = shuffled.clone();
        for (int i = 0; i < 20; i++) {
            manyMissing[i] = Double.NaN;
        }
        for (double[] v : List.of(shuffled, signedZeros, repeated, halves, fewMissing, manyMissing)) {
            NumericColumn c = new NumericColumn("k", v);
            assertEquals(boxedIdentifierReason(c), LeakageCheck.identifierReason(c));
        }
        assertTrue(LeakageCheck.identifierReason(new NumericColumn("k", shuffled)).contains("different whole number"));
        assertEquals(null, LeakageCheck.identifierReason(new NumericColumn("k", repeated)));
        int[] codes = new int[100];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = i % 50 == 0 ? CategoricalColumn.MISSING : i;
        }
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            levels.add("L" + i);
        }
        CategoricalColumn twoMissing = new CategoricalColumn("c", levels, codes);
        assertEquals(boxedIdentifierReason(twoMissing), LeakageCheck.identifierReason(twoMissing));
        codes[5] = 6;
        CategoricalColumn repeatedLevel = new CategoricalColumn("c", levels, codes.clone());
        assertEquals(null, LeakageCheck.identifierReason(repeatedLevel));
    }

    /** The rule as first written, with a set of boxed values: the reference. */
    private static String boxedIdentifierReason(dev.occam.runtime.data.Column c) {
        int present = c.size() - c.missingCount();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        boolean whole = true;
        boolean increasing = true;
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                continue;
            }
            if (c instanceof NumericColumn nc) {
                double v = nc.value(i);
                whole &= v == Math.rint(v);
                increasing &= v > previous;
                previous = v;
                seen.add(v);
            } else {
                seen.add(((CategoricalColumn) c).code(i));
            }
        }
        if (present < 20 || seen.size() != present || present < 0.95 * c.size()) {
            return null;
        }
        if (c instanceof CategoricalColumn) {
            return c.name() + " has a different value in every row: an identifier";
        }
        if (whole && increasing) {
            return c.name() + " counts up row by row with a different whole number in every row: an identifier";
        }
        return whole ? c.name() + " has a different whole number in every row: an identifier?" : null;
    }

    /** The columns checked on a pool of three threads: the same suspects, in column order, as one by one. */
    @Test
    void suspects_onAPool_sameAsOneByOne() throws Exception {
        Fixtures.Data d = base();
        double[] id = new double[500];
        double[] copy = d.target().values().clone();
        double[] spending = new double[500];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 500; i++) {
            id[i] = 1000 + i;
            spending[i] = d.target().value(i) == 1 && r.nextDouble() < 0.8 ? 1 + r.nextInt(90) : 0;
        }
        Fixtures.Data withAll = Fixtures.withColumn(Fixtures.withColumn(Fixtures.withColumn(d,
                new NumericColumn("Spending", spending)), new NumericColumn("id", id)),
                new NumericColumn("outcome_code", copy));
        List<LeakageCheck.Suspect> oneByOne = LeakageCheck.suspects(withAll.features(), d.target(), 42);
        assertEquals(3, oneByOne.size(), oneByOne.toString());
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(3);
        try {
            for (int run = 0; run < 5; run++) {
                assertEquals(oneByOne, LeakageCheck.suspects(withAll.features(), d.target(), 42, pool));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
