package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitterTest {

    private static int[] groups(int n, int groups, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextInt(groups);
        }
        return g;
    }

    @Test
    void groupedKFold_everyGroupInOneFoldPerRepeat_everyRowValidatedOnce() {
        int[] g = groups(1000, 150, 1);
        List<Fold> folds = new Splitter.GroupedKFold(42, 5, 2, g, "customer").folds(1000, null);
        assertEquals(10, folds.size());
        for (int repeat = 0; repeat < 2; repeat++) {
            int[] validated = new int[1000];
            int[] foldOfGroup = new int[150];
            Arrays.fill(foldOfGroup, -1);
            for (Fold f : folds) {
                if (f.repeat() != repeat) {
                    continue;
                }
                Set<Integer> trainGroups = new HashSet<>();
                for (int i : f.train()) {
                    trainGroups.add(g[i]);
                }
                for (int i : f.test()) {
                    validated[i]++;
                    assertTrue(!trainGroups.contains(g[i]), "group " + g[i] + " on both sides of fold " + f.index());
                    assertTrue(foldOfGroup[g[i]] == -1 || foldOfGroup[g[i]] == f.index());
                    foldOfGroup[g[i]] = f.index();
                }
                assertTrue(f.test().length > 150 && f.test().length < 250, "fold size " + f.test().length);
            }
            for (int v : validated) {
                assertEquals(1, v);
            }
        }
    }

    @Test
    void groupedKFold_sameSeed_sameFolds_otherSeed_otherFolds() {
        int[] g = groups(500, 60, 2);
        List<Fold> a = new Splitter.GroupedKFold(7, 5, 1, g, "c").folds(500, null);
        List<Fold> b = new Splitter.GroupedKFold(7, 5, 1, g, "c").folds(500, null);
        List<Fold> c = new Splitter.GroupedKFold(8, 5, 1, g, "c").folds(500, null);
        for (int f = 0; f < 5; f++) {
            assertTrue(Arrays.equals(a.get(f).test(), b.get(f).test()));
        }
        assertTrue(!Arrays.equals(a.get(0).test(), c.get(0).test()));
    }

    @Test
    void groupedKFold_fewerGroupsThanFolds_saysSo() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Splitter.GroupedKFold(1, 5, 1, new int[] {0, 0, 1, 1, 2, 2, 3, 3}, "store").folds(8, null));
        assertEquals("cannot make 5 folds from 4 groups of 'store'", e.getMessage());
    }

    @Test
    void groupedKFold_missingGroup_namesTheRow() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Splitter.GroupedKFold(1, 2, 1, new int[] {0, -1, 1}, "store"));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void timeOrdered_trainsOnThePastValidatesOnTheNextPeriod() {
        int n = 240;
        double[] time = new double[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            time[i] = r.nextInt(24); // 24 months, about 10 rows each, in no particular row order
        }
        List<Fold> folds = new Splitter.TimeOrdered(4, time, "month").folds(n, null);
        assertEquals(4, folds.size());
        int previousTrain = 0;
        Set<Integer> validated = new HashSet<>();
        for (Fold f : folds) {
            double latestTrain = Arrays.stream(f.train()).mapToDouble(i -> time[i]).max().orElseThrow();
            double earliestTest = Arrays.stream(f.test()).mapToDouble(i -> time[i]).min().orElseThrow();
            assertTrue(latestTrain < earliestTest, "fold " + f.index() + ": trains up to " + latestTrain
                    + ", validates from " + earliestTest);
            assertTrue(f.train().length > previousTrain, "expanding window");
            previousTrain = f.train().length;
            for (int i : f.test()) {
                assertTrue(validated.add(i), "row " + i + " validated twice");
            }
        }
        // The first of the five blocks is never validated: about a fifth of the rows.
        assertTrue(validated.size() > 0.7 * n && validated.size() < 0.9 * n, "validated " + validated.size());
    }

    @Test
    void timeOrdered_tooFewTimes_saysSo() {
        double[] time = {1, 1, 1, 2, 2, 2};
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Splitter.TimeOrdered(3, time, "year").folds(6, null));
        assertTrue(e.getMessage().contains("too few distinct times"), e.getMessage());
    }

    @Test
    void kFold_isTodaysFolds() {
        double[] classes = new double[100];
        for (int i = 0; i < 100; i++) {
            classes[i] = i % 3 == 0 ? 1 : 0;
        }
        List<Fold> a = new Splitter.KFold(42, 5, 2).folds(100, classes);
        List<Fold> b = Folds.repeatedKFold(42, 100, 5, 2, classes);
        for (int f = 0; f < 10; f++) {
            assertTrue(Arrays.equals(a.get(f).test(), b.get(f).test()));
        }
    }
}
