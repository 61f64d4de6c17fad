package dev.occam.core.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.learn.Capability;
import dev.occam.core.usecase.Fairness.Favourable;
import dev.occam.core.usecase.Monotone;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    private static LeaderboardEntry forest() {
        return new LeaderboardEntry(new Evaluation("random-forest", 4, Metric.AUC,
                List.of(new FoldResult(0, 0, 0.8, 1, 80, 20), new FoldResult(0, 1, 0.82, 1, 80, 20)), null),
                245_199, false, true, List.of(), 20, 51.5, null, false);
    }

    @Test
    void reasons_everyViolatedConstraint_namedWithItsNumbers() {
        var c = new dev.occam.core.usecase.Constraints(10.0, 10_000L, true, Map.of("Income", Monotone.DECREASING));
        List<String> reasons = Constraints.reasons(forest(), c, EnumSet.of(Capability.CLASSIFICATION), true);
        assertEquals(List.of("p99 scoring latency above the 10 µs allowed", "245,199 parameters > 10,000 allowed",
                "not interpretable, and the use case requires it",
                "cannot hold the monotone directions the use case asks for"), reasons);
    }

    @Test
    void reasons_noConstraints_eligible() {
        assertTrue(Constraints.reasons(forest(), dev.occam.core.usecase.Constraints.NONE,
                EnumSet.of(Capability.CLASSIFICATION), false).isEmpty());
    }

    @Test
    void reasons_failedEvaluation_isTheReason() {
        LeaderboardEntry failed = new LeaderboardEntry(Evaluation.failed("mlp", 5, Metric.AUC, "fold 1: boom"), -1,
                false, true, List.of(), Double.NaN, Double.NaN, null, false);
        assertEquals(List.of("fold 1: boom"), Constraints.reasons(failed, dev.occam.core.usecase.Constraints.NONE,
                EnumSet.noneOf(Capability.class), false));
    }

    /**
     * Marital: married rows 0-4 called positive (refused) 2 of 5, favourable 0.6; single rows 5-9 refused
     * 1 of 5, favourable 0.8; ratio 0.6 / 0.8 = 0.75.
     */
    private static FairnessAudit audit() {
        Frame marital = new Frame(List.of(new CategoricalColumn("Marital", List.of("married", "single"),
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1})));
        Target y = new Target(TargetInfo.classification("Status", "bad", "good"),
                new double[] {1, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        double[] thresholds = new double[10];
        java.util.Arrays.fill(thresholds, 0.28);
        HeldOutScores scores = new HeldOutScores(10, 1, new double[] {0.9, 0.2, 0.6, 0.2, 0.1, 0.8, 0.2, 0.2, 0.2, 0.1},
                thresholds);
        return FairnessAudit.of(marital, y, scores, Favourable.NEGATIVE, new FairnessAudit.Options(100, 1, 1, 0.95));
    }

    @Test
    void reasons_selectionRateRatioBelowBound_ineligibleWithRatioGroupsAndThreshold() {
        List<String> reasons = Constraints.reasons(forest(), dev.occam.core.usecase.Constraints.NONE,
                EnumSet.of(Capability.CLASSIFICATION), false, audit(), 0.8);
        assertEquals(List.of("selection-rate ratio by Marital 0.75 < 0.80 required (Marital married vs single;"
                + " threshold 0.28)"), reasons);
    }

    @Test
    void reasons_selectionRateRatioAtBoundOrNoBound_eligible() {
        assertTrue(Constraints.reasons(forest(), dev.occam.core.usecase.Constraints.NONE,
                EnumSet.of(Capability.CLASSIFICATION), false, audit(), 0.7).isEmpty());
        assertTrue(Constraints.reasons(forest(), dev.occam.core.usecase.Constraints.NONE,
                EnumSet.of(Capability.CLASSIFICATION), false, audit(), null).isEmpty());
    }

    @Test
    void reasons_boundSetButRatioNotMeasurable_ineligibleSayingWhy() {
        // Every row married: one group, no ratio. Under a bound that is a reason, not a pass.
        Frame marital = new Frame(List.of(new CategoricalColumn("Marital", List.of("married"), new int[10])));
        Target y = new Target(TargetInfo.classification("Status", "bad", "good"),
                new double[] {1, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        double[] thresholds = new double[10];
        java.util.Arrays.fill(thresholds, 0.28);
        FairnessAudit audit = FairnessAudit.of(marital, y, new HeldOutScores(10, 1, new double[10], thresholds),
                Favourable.NEGATIVE, new FairnessAudit.Options(100, 1, 1, 0.95));
        assertEquals(List.of("selection-rate ratio by Marital cannot be measured, and 0.80 is required (Marital: every"
                + " row is in one group (married), so no rate can be compared)"), Constraints.reasons(forest(),
                dev.occam.core.usecase.Constraints.NONE, EnumSet.of(Capability.CLASSIFICATION), false, audit, 0.8));
        assertTrue(Constraints.reasons(forest(), dev.occam.core.usecase.Constraints.NONE,
                EnumSet.of(Capability.CLASSIFICATION), false, audit, null).isEmpty(), "no bound: nothing to meet");
    }
}
