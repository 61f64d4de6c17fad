package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

    @Test
    void of_repeatedPairs_addsWeightsAndKeepsLatestTime() {
        InteractionMatrix m = InteractionMatrix.of(2, 3, new int[] {0, 1, 0, 0}, new int[] {2, 0, 1, 2},
                new double[] {1, 4, 2, 3}, new long[] {10, 5, 7, 30});
        assertEquals(3, m.entryCount());
        assertEquals(0, m.rowStart(0));
        assertEquals(2, m.rowEnd(0));
        assertEquals(1, m.item(0)); // items ascending within the row
        assertEquals(2.0, m.weight(0));
        assertEquals(2, m.item(1));
        assertEquals(4.0, m.weight(1)); // 1 + 3
        assertEquals(30L, m.time(1));
        assertArrayEquals(new int[] {1, 2}, m.history(0).items());
        assertArrayEquals(new double[] {1, 1, 1}, m.itemUserCounts());
    }

    @Test
    void of_columns_holdTheSameEntriesAsTheRows() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 500;
        int[] users = new int[n];
        int[] items = new int[n];
        double[] weights = new double[n];
        for (int k = 0; k < n; k++) {
            users[k] = r.nextInt(40);
            items[k] = r.nextInt(30);
            weights[k] = 1 + r.nextInt(5);
        }
        InteractionMatrix m = InteractionMatrix.of(40, 30, users, items, weights, null);
        double[][] byRow = new double[40][30];
        for (int u = 0; u < 40; u++) {
            for (int e = m.rowStart(u); e < m.rowEnd(u); e++) {
                byRow[u][m.item(e)] = m.weight(e);
            }
        }
        double[][] byColumn = new double[40][30];
        int seen = 0;
        for (int i = 0; i < 30; i++) {
            for (int k = m.columnStart(i); k < m.columnEnd(i); k++) {
                assertTrue(k == m.columnStart(i) || m.columnUser(k - 1) < m.columnUser(k), "users ascend in a column");
                byColumn[m.columnUser(k)][i] = m.columnWeight(k);
                seen++;
            }
        }
        assertEquals(m.entryCount(), seen);
        double[][] direct = new double[40][30];
        for (int k = 0; k < n; k++) {
            direct[users[k]][items[k]] += weights[k];
        }
        for (int u = 0; u < 40; u++) {
            assertArrayEquals(direct[u], byRow[u], 0.0);
            assertArrayEquals(direct[u], byColumn[u], 0.0);
        }
        assertFalse(m.hasTimes());
        assertThrows(IllegalStateException.class, () -> m.time(0));
    }

    @Test
    void of_codeOutsideRange_namesThePositionAndCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InteractionMatrix.of(3, 3, new int[] {0, 1}, new int[] {0, 3}, null, null));
        assertEquals("interaction 1: item code 3 is outside 0..2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> InteractionMatrix.of(3, 3, new int[] {0, 1}, new int[] {0, 1}, new double[] {1, 0}, null));
        assertTrue(e.getMessage().contains("interaction 1 (user 1, item 1): the weight must be finite and > 0, got 0.0"), e.getMessage());
    }

    @Test
    void of_100kUsersBy50kItems_fitsInMemory() {
        int n = 2_000_000;
        SplittableRandom r = new SplittableRandom(1);
        int[] users = new int[n];
        int[] items = new int[n];
        for (int k = 0; k < n; k++) {
            users[k] = r.nextInt(100_000);
            items[k] = r.nextInt(50_000);
        }
        InteractionMatrix m = InteractionMatrix.of(100_000, 50_000, users, items, null, null);
        assertEquals(100_000, m.userCount());
        assertEquals(50_000, m.itemCount());
        assertTrue(m.entryCount() > 1_990_000 && m.entryCount() <= n, m.toString());
        assertEquals(m.entryCount(), m.columnEnd(49_999));
    }
}
