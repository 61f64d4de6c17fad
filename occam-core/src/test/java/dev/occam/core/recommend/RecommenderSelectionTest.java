package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.usecase.RecommendUseCase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paired comparison over users and the simplest-within-noise choice. */
class RecommenderSelectionTest {

    private static RecommenderLadder.Outcome outcome;

    @BeforeAll
    static void ladder() {
        InteractionMatrix m = new PlantedClusters(400, 160, 8, 12, 0.2, 3L).generate().interactions();
        outcome = RecommenderLadder.run(m, List.of(
                new RecommenderLadder.Rung("popularity", 0, List.of(Popularity.OVERALL)),
                new RecommenderLadder.Rung("item_knn", 1, List.of(new ItemKnn(50, 0))),
                new RecommenderLadder.Rung("ease", 3, List.of(new Ease(100)))), RecommenderLadder.Options.DEFAULTS);
    }

    @Test
    void paired_smallSample_matchesRsTTest() {
        // oracle: src/test/resources/recommend/paired_t_test.R (stats::t.test, paired)
        double[] a = {0.5, 0.2, 0.9, 0.4, 0.7, 0.1, 0.0, 0.35};
        double[] b = {0.3, 0.25, 0.6, 0.4, 0.5, 0.2, 0.1, 0.15};
        RecommenderSelection.Comparison c = RecommenderSelection.paired(a, b, 0.05);
        assertEquals(0.08125, c.meanDifference(), 1e-12);
        assertEquals(-0.0526951704034038, c.low(), 1e-9);
        assertEquals(0.215195170403404, c.high(), 1e-9);
        assertEquals(0.194594509853163, c.pValue(), 1e-9);
        assertEquals(8, c.users());
    }

    @Test
    void paired_identicalOrTooFew_isExactOrRefused() {
        assertEquals(1.0, RecommenderSelection.paired(new double[] {1, 2}, new double[] {1, 2}, 0.05).pValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecommenderSelection.paired(new double[] {1}, new double[] {1}, 0.05));
        assertEquals("need at least 2 test users to compare two rungs, got 1", e.getMessage());
    }

    @Test
    void choose_plantedClusters_popularityRejectedAndTheChoiceExplained() {
        RecommenderSelection.Verdict v = RecommenderSelection.choose(outcome.results(), RecommendUseCase.Metric.NDCG, 0.05);
        RecommenderSelection.Entry popularity = v.entries().get(0);
        assertTrue(popularity.versusBest().pValue() < 0.001, "popularity p " + popularity.versusBest().pValue());
        assertTrue(!v.chosen().id().equals("popularity"));
        // the chosen rung is the simplest whose difference from the best is not significant
        for (RecommenderSelection.Entry e : v.entries()) {
            if (RecommenderSelection.SIMPLER_FIRST.compare(e, v.chosen()) < 0) {
                assertTrue(e.versusBest().pValue() < 0.05, e.id() + " is simpler and not significantly worse");
            }
        }
        assertNull(v.best().versusBest());
        assertTrue(v.reasons().get(0).contains("paired t-test over the") && v.reasons().get(0).contains("test users"),
                v.reasons().get(0));
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("Simpler rungs are significantly worse than the best: popularity")),
                String.join("\n", v.reasons()));
    }

    @Test
    void choose_coverage_comparesOnNdcgAndSaysSo() {
        RecommenderSelection.Verdict v = RecommenderSelection.choose(outcome.results(), RecommendUseCase.Metric.COVERAGE, 0.05);
        assertEquals("ndcg@10", v.comparedOn());
        assertEquals(v.chosen().result().test().coverage(), v.chosen().value(), 0.0);
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("Coverage is one number for the whole catalogue")));
    }

    @Test
    void choose_failedRung_isReportedNotChosen() {
        RecommenderLadder.Result ok = outcome.results().get(0);
        RecommenderLadder.Result failed = new RecommenderLadder.Result("als", 4, ok.chosen(), List.of(), null, null, 0, 0, 0,
                List.of(), "als could not be fitted on these data: singular");
        RecommenderSelection.Verdict v = RecommenderSelection.choose(List.of(ok, failed), RecommendUseCase.Metric.NDCG, 0.05);
        assertEquals("popularity", v.chosen().id());
        assertTrue(v.reasons().contains("als could not be fitted on these data: singular."), String.join("\n", v.reasons()));
    }
}
