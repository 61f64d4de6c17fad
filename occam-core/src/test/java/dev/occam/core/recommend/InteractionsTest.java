package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels to codes, times, ratings and what is left out. */
class InteractionsTest {

    private static Frame table(String[] times) {
        // rows: (7, b), (3, a), (7, a), (7, b) again, (missing, a), (3, c) with rating 0
        return new Frame(List.of(new NumericColumn("user", new double[] {7, 3, 7, 7, Double.NaN, 3}),
                new CategoricalColumn("item", List.of("a", "b", "c"), new int[] {1, 0, 0, 1, 0, 2}),
                new NumericColumn("stars", new double[] {5, 4, 1, 2, 3, 0}),
                new CategoricalColumn("at", List.of(times), new int[] {0, 1, 2, 3, 4, 5})));
    }

    private static final String[] ISO = {"2024-01-02", "2024-01-01 10:00:00", "2024-01-03T00:00:00Z", "2024-01-05",
        "2024-01-01", "2024-01-04"};

    @Test
    void of_mixedRows_labelsInFirstSeenOrderMergesRepeatsAndSaysWhatWasLeftOut() {
        Interactions data = Interactions.of(table(ISO), "user", "item", "stars", "at");
        assertEquals(List.of("7", "3"), data.userLabels());
        assertEquals(List.of("b", "a"), data.itemLabels());
        assertEquals(3, data.matrix().entryCount()); // (7,b) merged; the missing user and the rating 0 left out
        assertEquals(6, data.rows());
        assertEquals(4, data.used());
        // user 7 has b (5 + 2 stars, latest 2024-01-05) and a
        int k = data.matrix().rowStart(0);
        assertEquals(0, data.matrix().item(k));
        assertEquals(7.0, data.matrix().weight(k), 0.0);
        assertEquals(java.time.LocalDate.parse("2024-01-05").atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond(),
                data.matrix().time(k));
        assertTrue(data.notes().contains("1 rows with no user were left out"), data.notes().toString());
        assertTrue(data.notes().stream().anyMatch(n -> n.startsWith("1 rows with a stars that is missing or not above 0")));
        assertTrue(data.notes().stream().anyMatch(n -> n.startsWith("1 rows repeat a (user, item) pair")));
    }

    @Test
    void of_badTimeOrMissingColumn_isNamed() {
        String[] bad = ISO.clone();
        bad[2] = "yesterday";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(table(bad), "user", "item", null, "at"));
        assertEquals("the time column 'at' row 3 holds 'yesterday', which is not a number nor an ISO date (2024-03-01)"
                + " or date-time (2024-03-01 14:05:00)", e.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(table(ISO), "User", "item", null, null));
        assertEquals("the user column 'User' is not in the data (did you mean 'user'?); its columns are user, item, stars, at",
                column.getMessage());
    }
}
