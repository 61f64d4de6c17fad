package dev.occam.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.forecast.Frequency;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanelTest {

    private static Frame frame(String[] keys, String[] dates, double[] values) {
        List<String> keyLevels = new ArrayList<>(List.of(keys).stream().distinct().sorted().toList());
        List<String> dateLevels = new ArrayList<>(List.of(dates).stream().distinct().sorted().toList());
        int[] keyCodes = new int[keys.length];
        int[] dateCodes = new int[dates.length];
        for (int i = 0; i < keys.length; i++) {
            keyCodes[i] = keyLevels.indexOf(keys[i]);
            dateCodes[i] = dateLevels.indexOf(dates[i]);
        }
        return new Frame(List.of(new CategoricalColumn("store", keyLevels, keyCodes),
                new CategoricalColumn("date", dateLevels, dateCodes), new NumericColumn("sales", values)));
    }

    @Test
    void of_unorderedRowsWithGap_sortedAndInterpolatedWithNote() {
        Frame f = frame(new String[] {"b", "a", "a", "a", "b"},
                new String[] {"2024-01-01", "2024-03-01", "2024-01-01", "2024-04-01", "2024-02-01"},
                new double[] {7, 30, 10, 40, 8});
        Panel p = Panel.of(f, "sales", "date", "store", null);
        assertEquals(Frequency.MONTHLY, p.frequency());
        assertEquals(List.of("b", "a"), p.series().stream().map(Panel.Series::key).toList());
        assertArrayEquals(new double[] {10, 20, 30, 40}, p.series().get(1).values().values(), 1e-12);
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), p.series().get(1).lastTime(p.frequency()));
        assertEquals(1, p.notes().size());
        assertTrue(p.notes().get(0).contains("series 'a'") && p.notes().get(0).contains("2024-02-01"),
                p.notes().get(0));
    }

    @Test
    void of_duplicateTime_refusedNamingSeriesAndTime() {
        Frame f = frame(new String[] {"a", "a", "a"}, new String[] {"2024-01-01", "2024-02-01", "2024-02-01"},
                new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Panel.of(f, "sales", "date", "store", "monthly"));
        assertTrue(e.getMessage().contains("series 'a'") && e.getMessage().contains("2024-02-01")
                && e.getMessage().contains("more than once"), e.getMessage());
    }

    @Test
    void of_notADate_refusedNamingColumnRowAndValue() {
        Frame f = frame(new String[] {"a", "a"}, new String[] {"2024-01-01", "soon"}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Panel.of(f, "sales", "date", "store", null));
        assertTrue(e.getMessage().contains("'date'") && e.getMessage().contains("'soon'"), e.getMessage());
    }

    @Test
    void infer_hourlyTimestamps_hourlyWithWeeklySecondPeriod() {
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            times.add(Frequency.parse("2024-03-01 00:00:00").plusHours(i));
        }
        Frequency f = Frequency.infer(times);
        assertEquals(Frequency.HOURLY, f);
        assertEquals(168, f.longPeriod());
        assertEquals("2024-03-01T05:00:00", f.format(f.plus(times.get(0), 5)));
        assertEquals(Frequency.QUARTERLY, Frequency.infer(List.of(Frequency.parse("2020-01-01"),
                Frequency.parse("2020-04-01"), Frequency.parse("2020-07-01"))));
    }
}
