package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.occam.core.fairness.FairnessAudit.Grouping;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.NumericColumn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {

    private static int[] sizes(Groups g) {
        int[] size = new int[g.count()];
        for (int i : g.group()) {
            size[i]++;
        }
        return size;
    }

    @Test
    void of_numbers_quartileBandsNamedByObservedRange() {
        // 12 distinct present values: cut points at sorted positions 3, 6, 9 -> 30, 50, 70
        Groups g = Groups.of(new NumericColumn("Age",
                new double[] {18, 22, 25, 30, 35, 41, 50, 58, 66, 70, 75, 80, Double.NaN}));
        assertEquals(List.of("18–25", "30–41", "50–66", "70–80", "missing"), g.labels());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4}, g.group());
        assertEquals(Grouping.QUARTILE_BANDS, g.grouping());
    }

    @Test
    void of_zeroOneWithSixteenPercentOnes_twoGroupsByValue() {
        // The churn example's senior_citizen has 16% ones: every quartile of it is 0, so banding it made one
        // group; by value it is two.
        double[] senior = new double[100];
        Arrays.fill(senior, 84, 100, 1.0);
        Groups g = Groups.of(new NumericColumn("senior_citizen", senior));
        assertEquals(List.of("0", "1"), g.labels());
        assertArrayEquals(new int[] {84, 16}, sizes(g));
        assertEquals(Grouping.VALUES, g.grouping());
    }

    @Test
    void of_threeValuedNumber_groupsByValueAscendingThenMissing() {
        Groups g = Groups.of(new NumericColumn("Children", new double[] {2, 0, 1, 0, 2, Double.NaN, 0}));
        assertEquals(List.of("0", "1", "2", "missing"), g.labels());
        assertArrayEquals(new int[] {2, 0, 1, 0, 2, 3, 0}, g.group());
        assertEquals(Grouping.VALUES, g.grouping());
    }

    @Test
    void of_fractionalValues_labelledAsWritten() {
        Groups g = Groups.of(new NumericColumn("Share", new double[] {0.5, 1.25, 0.5, -0.0, 0.0}));
        assertEquals(List.of("0", "0.5", "1.25"), g.labels(), "-0.0 and 0.0 are one group, written 0");
    }

    @Test
    void of_tenDistinctValues_byValue_elevenBanded() {
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(Grouping.VALUES, Groups.of(new NumericColumn("x", ten)).grouping());
        double[] eleven = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertEquals(Grouping.QUARTILE_BANDS, Groups.of(new NumericColumn("x", eleven)).grouping());
    }

    @Test
    void of_heavilyTiedNumber_bandsCutBetweenDistinctValuesEachWithRows() {
        // 700 zeros then 1..300 once each (m = 1000). Quartile positions 250 and 500 fall in the run of zeros,
        // which starts at position 0, so both cut at its end (value 1); position 750 starts a run (value 51).
        // The old rule cut at the values at those positions (0, 0, 51) and so lumped the zeros with 1-50.
        double[] v = new double[1000];
        for (int i = 700; i < 1000; i++) {
            v[i] = i - 699;
        }
        Groups g = Groups.of(new NumericColumn("Claims", v));
        assertEquals(List.of("0", "1–50", "51–300"), g.labels());
        assertArrayEquals(new int[] {700, 50, 250}, sizes(g));
    }

    @Test
    void of_almostAllTied_stillTwoBands() {
        // 990 zeros and 11 other values: every quartile position is in the zeros' run, yet never one band.
        double[] v = new double[1001];
        for (int i = 990; i < 1001; i++) {
            v[i] = i - 989;
        }
        Groups g = Groups.of(new NumericColumn("Claims", v));
        assertEquals(List.of("0", "1–11"), g.labels());
        assertArrayEquals(new int[] {990, 11}, sizes(g));
    }

    @Test
    void cuts_positionInsideRun_nearerBoundaryChosen_tiesNeverSplit() {
        // m = 12; the run of 3s covers positions 2-8. Position 3 is 1 from the run's start and 6 from its end:
        // cut at 3. Position 6 is 4 from the start and 3 from the end (position 9): cut at 4. Position 9 starts
        // the run of 4 (cut at 4 again: the bands merge).
        assertArrayEquals(new double[] {3, 4}, Groups.cuts(new double[] {1, 2, 3, 3, 3, 3, 3, 3, 3, 4, 5, 6}), 0.0);
    }

    @Test
    void of_allEqualNumber_oneGroup() {
        Groups g = Groups.of(new NumericColumn("Branch", new double[] {7, 7, 7, 7}));
        assertEquals(List.of("7"), g.labels());
    }

    @Test
    void of_categories_levelsThenMissing_emptyLevelsSkipped() {
        Groups g = Groups.of(new CategoricalColumn("Marital", List.of("married", "single", "widow"),
                new int[] {0, 2, -1, 0}));
        assertEquals(List.of("married", "widow", "missing"), g.labels());
        assertArrayEquals(new int[] {0, 1, 2, 0}, g.group());
        assertEquals(Grouping.LEVELS, g.grouping());
    }

    @Test
    void asCategories_fewValues_levelPerValueMissingKept_bandedNumberNull() {
        CategoricalColumn c = Groups.asCategories(new NumericColumn("senior", new double[] {1, 0, Double.NaN, 0}));
        assertEquals(List.of("0", "1"), c.levels());
        assertArrayEquals(new int[] {1, 0, -1, 0}, c.codes());
        assertNull(Groups.asCategories(new NumericColumn("Age", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})));
    }
}
