package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {

    @Test
    void of_numbers_quartileBandsNamedByObservedRange() {
        // 8 present values: cut points at sorted positions 2, 4, 6 -> 30, 50, 70
        Groups g = Groups.of(new NumericColumn("Age", new double[] {18, 25, 30, 41, 50, 66, 70, 80, Double.NaN}));
        assertEquals(List.of("18–25", "30–41", "50–66", "70–80", "missing"), g.labels());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4}, g.group());
        assertEquals(true, g.banded());
    }

    @Test
    void of_tiedNumbers_neverSplitAcrossBands() {
        // 6 values: cut points at positions 1, 3, 4 are all 1 -> no cut above the minimum -> one band
        Groups g = Groups.of(new NumericColumn("Children", new double[] {1, 1, 1, 1, 1, 2}));
        assertEquals(List.of("1–2"), g.labels());
    }

    @Test
    void of_categories_levelsThenMissing_emptyLevelsSkipped() {
        Groups g = Groups.of(new CategoricalColumn("Marital", List.of("married", "single", "widow"),
                new int[] {0, 2, -1, 0}));
        assertEquals(List.of("married", "widow", "missing"), g.labels());
        assertArrayEquals(new int[] {0, 1, 2, 0}, g.group());
    }
}
