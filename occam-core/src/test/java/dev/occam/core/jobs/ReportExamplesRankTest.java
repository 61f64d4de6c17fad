package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The report's example rows by rank are those of the rows sorted by score, then by row. */
class ReportExamplesRankTest {

    @Test
    void rowAtRank_tiesAndSignedZeros_sameAsSortingTheRows() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(80);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(4);
                scores[i] = c == 0 ? 0.0 : c == 1 ? -0.0 : random.nextInt(c == 2 ? 3 : 100) / 10.0;
            }
            int[] order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            for (int rank = 0; rank < n; rank++) {
                assertEquals(order[rank], ReportDataBuilder.rowAtRank(scores, sorted, rank), "trial " + trial);
            }
        }
    }
}
