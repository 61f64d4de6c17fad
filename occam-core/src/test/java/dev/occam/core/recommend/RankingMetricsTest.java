package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values worked by hand from the definitions in {@link RankingMetrics}. */
class RankingMetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_4 = 2.0;

    @Test
    void metrics_hitsAtRanks1And3_matchHandComputation() {
        int[] ranked = {7, 1, 4, 9};
        int[] relevant = {4, 5, 7}; // hits at ranks 1 (7) and 3 (4); 5 is missed
        double dcg = 1 + 1 / LOG2_4;
        double idcg = 1 + 1 / LOG2_3 + 1 / LOG2_4;
        assertEquals(dcg / idcg, RankingMetrics.ndcg(ranked, relevant, 10), 1e-15);
        assertEquals(2.0 / 3, RankingMetrics.recall(ranked, relevant, 10), 1e-15);
        assertEquals((1.0 / 1 + 2.0 / 3) / 3, RankingMetrics.averagePrecision(ranked, relevant, 10), 1e-15);
    }

    @Test
    void metrics_cutAtK_countOnlyTheFirstK() {
        int[] ranked = {1, 2, 3};
        int[] relevant = {3, 8};
        assertEquals(0.0, RankingMetrics.ndcg(ranked, relevant, 2), 0.0);
        assertEquals(0.0, RankingMetrics.recall(ranked, relevant, 2), 0.0);
        assertEquals(0.0, RankingMetrics.averagePrecision(ranked, relevant, 2), 0.0);
        // K = 1 with more relevant items than K: a hit at rank 1 is perfect for NDCG and AP, half for recall
        assertEquals(1.0, RankingMetrics.ndcg(new int[] {8}, relevant, 1), 0.0);
        assertEquals(1.0, RankingMetrics.averagePrecision(new int[] {8}, relevant, 1), 0.0);
        assertEquals(0.5, RankingMetrics.recall(new int[] {8}, relevant, 1), 0.0);
    }

    @Test
    void metrics_perfectList_scoresOne() {
        int[] relevant = {2, 5};
        assertEquals(1.0, RankingMetrics.ndcg(new int[] {5, 2, 9}, relevant, 10), 1e-15);
        assertEquals(1.0, RankingMetrics.averagePrecision(new int[] {5, 2, 9}, relevant, 10), 1e-15);
        assertEquals(1.0, RankingMetrics.recall(new int[] {5, 2, 9}, relevant, 10), 1e-15);
    }
}
