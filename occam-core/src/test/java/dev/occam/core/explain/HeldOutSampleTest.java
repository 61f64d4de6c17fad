package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The cap that keeps permutation importance from growing with the data. */
class HeldOutSampleTest {

    @Test
    void heldOutSample_atOrBelowCap_returnsTheFoldUnchanged() {
        int[] test = IntStream.range(0, PermutationImportance.MAX_ROWS_PER_FOLD).map(i -> 3 * i).toArray();
        assertSame(test, PermutationImportance.heldOutSample(test, 42));
    }

    @Test
    void heldOutSample_aboveCap_isASortedSeededSubsetOfCapSize() {
        int[] test = IntStream.range(0, 60_000).map(i -> 2 * i + 1).toArray();
        int[] a = PermutationImportance.heldOutSample(test, 42);
        assertEquals(PermutationImportance.MAX_ROWS_PER_FOLD, a.length);
        assertArrayEquals(a, PermutationImportance.heldOutSample(test, 42), "same seed, same rows");
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "sorted and without repeats at " + i);
            assertEquals(1, a[i] % 2, "drawn from the fold's rows");
        }
        // Spread over the whole fold, not its head: the mean index is near the fold's middle (60,000 ± 3 SE).
        double mean = IntStream.of(a).average().orElseThrow();
        double se = 2 * 60_000 / Math.sqrt(12) / Math.sqrt(a.length);
        assertEquals(60_000, mean, 3 * se);
        assertTrue(!java.util.Arrays.equals(a, PermutationImportance.heldOutSample(test, 43)), "another seed, other rows");
    }
}
