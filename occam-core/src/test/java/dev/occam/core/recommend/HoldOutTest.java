package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HoldOutTest {

    @Test
    void split_withTimes_holdsOutEachUsersLatest() {
        // user 0: 5 items at times 50..10 (item 4 latest); user 1: 2 items (below the minimum of 3)
        InteractionMatrix m = InteractionMatrix.of(2, 6, new int[] {0, 0, 0, 0, 0, 1, 1}, new int[] {0, 1, 2, 3, 4, 0, 5},
                null, new long[] {10, 20, 30, 40, 50, 1, 2});
        HoldOut.Split split = HoldOut.split(m, new HoldOut.Options(0.4, 3, 1L));
        assertArrayEquals(new int[] {0}, split.users());
        assertArrayEquals(new int[] {3, 4}, split.heldOut()[0]); // round(0.4 * 5) = 2 latest
        assertArrayEquals(new int[] {0, 1, 2}, split.train().history(0).items());
        assertArrayEquals(new int[] {0, 5}, split.train().history(1).items());
        assertTrue(split.byTime());
    }

    @Test
    void split_withoutTimes_isSeededAndPartitionsEachUser() {
        InteractionMatrix data = new PlantedClusters(300, 100, 5, 10, 0.2, 4L).generate().interactions();
        int[] users = new int[data.entryCount()];
        int[] items = new int[data.entryCount()];
        for (int u = 0; u < data.userCount(); u++) {
            for (int e = data.rowStart(u); e < data.rowEnd(u); e++) {
                users[e] = u;
                items[e] = data.item(e);
            }
        }
        InteractionMatrix untimed = InteractionMatrix.of(data.userCount(), data.itemCount(), users, items, null, null);
        HoldOut.Split a = HoldOut.split(untimed, HoldOut.Options.DEFAULTS);
        HoldOut.Split b = HoldOut.split(untimed, HoldOut.Options.DEFAULTS);
        HoldOut.Split c = HoldOut.split(untimed, HoldOut.Options.DEFAULTS.withSeed(99));
        assertTrue(Arrays.deepEquals(a.heldOut(), b.heldOut()), "same seed, same split");
        assertTrue(!Arrays.deepEquals(a.heldOut(), c.heldOut()), "another seed, another split");
        assertEquals(untimed.entryCount(), a.train().entryCount() + a.heldOutCount());
        for (int e = 0; e < a.users().length; e++) {
            int u = a.users()[e];
            int n = untimed.rowLength(u);
            assertEquals(Math.max(1, Math.round(0.2 * n)), a.heldOut()[e].length, "user " + u);
            for (int item : a.heldOut()[e]) {
                assertTrue(Arrays.binarySearch(a.train().history(u).items(), item) < 0, "held out and trained: " + item);
                assertTrue(Arrays.binarySearch(untimed.history(u).items(), item) >= 0);
            }
        }
    }
}
