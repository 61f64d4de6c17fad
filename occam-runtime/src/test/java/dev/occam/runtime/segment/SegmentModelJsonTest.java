package dev.occam.runtime.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.io.Json;
import dev.occam.runtime.segment.SegmentPreparation.ColumnStep;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every segmenter survives a Jackson round trip bit for bit and assigns the same segments afterwards. */
class SegmentModelJsonTest {

    private static final SegmentPreparation PREP = new SegmentPreparation(List.of(
            new ColumnStep("spend", Handling.LOG1P_THEN_STANDARDISE, 5.0, 1.5, List.of(), "skewed"),
            new ColumnStep("plan", Handling.ONE_HOT, 0, Math.sqrt(0.5), List.of("basic", "premium"), "")));

    @Test
    void roundTrip_everySegmenter_equalAndAssignsAlike() throws Exception {
        List<Segmenter> segmenters = List.of(new OneSegment(3),
                new KMeansSegmenter(new double[][] {{-1, 0.7, 0}, {1, 0, 0.7}}),
                new GaussianMixtureSegmenter(CovarianceModel.VVV, new double[] {0.25, 0.75},
                        new double[][] {{-1, 0.7, 0}, {1, 0, 0.7}},
                        new double[][][] {{{1, 0.1, 0}, {0.1, 1, 0}, {0, 0, 1}}, {{2, 0, 0}, {0, 1, 0.3}, {0, 0.3, 1}}}));
        double[] encoded = {Math.expm1(6.0), 1};
        for (Segmenter s : segmenters) {
            SegmentModel model = new SegmentModel(PREP, s);
            String json = Json.MAPPER.writeValueAsString(model);
            SegmentModel back = Json.MAPPER.readValue(json, SegmentModel.class);
            assertEquals(model, back, json);
            assertEquals(model.assign(encoded), back.assign(encoded));
        }
        KPrototypesSegmenter kp = new KPrototypesSegmenter(new double[][] {{0}, {2}}, new int[][] {{0}, {1}}, 0.5);
        String json = Json.MAPPER.writeValueAsString(kp);
        assertTrue(json.contains("\"method\" : \"k_prototypes\""), json);
        assertEquals(kp, Json.MAPPER.readValue(json, Segmenter.class));
    }

    @Test
    void assign_mixture_givesPosteriorOfTheCalledComponent() {
        GaussianMixtureSegmenter g = new GaussianMixtureSegmenter(CovarianceModel.EII, new double[] {0.5, 0.5},
                new double[][] {{0}, {2}}, new double[][][] {{{1}}, {{1}}});
        // At x = 0: posterior of component 0 = 1 / (1 + exp(-2)) for unit-variance components 2 apart.
        Assignment a = g.assign(new double[] {0});
        assertEquals(0, a.segment());
        assertEquals(1 / (1 + Math.exp(-2)), a.probability(), 1e-15);
    }

    @Test
    void prepare_missingAndUnseen_goToTheCentreAndNoIndicator() {
        double[] p = PREP.prepare(new double[] {Double.NaN, Double.NaN});
        assertEquals(0, p[0]);
        assertEquals(0, p[1]);
        assertEquals(0, p[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PREP.prepare(new double[] {1}));
        assertTrue(e.getMessage().contains("[spend, plan]"), e.getMessage());
    }
}
