package dev.occam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Frame#view}: the rows of {@link Frame#select} without the copy, read through an index. */
class FrameViewTest {

    private static Frame frame() {
        double[] x = {0.5, Double.NaN, 2.5, -3.0, 4.25, 5.0};
        int[] g = {0, 1, CategoricalColumn.MISSING, 2, 1, 0};
        return new Frame(List.of(new NumericColumn("x", x), new CategoricalColumn("g", List.of("a", "b", "c"), g)));
    }

    /** Every value of every column, through the generic reader, and the dense arrays. */
    private static void assertSameRows(Frame expected, Frame actual) {
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.rows(), actual.rows());
        for (int i = 0; i < expected.rows(); i++) {
            assertArrayEquals(expected.row(i), actual.row(i), "row " + i);
            assertEquals(expected.column("g").isMissing(i), actual.column("g").isMissing(i));
            assertEquals(((CategoricalColumn) expected.column("g")).level(i),
                    ((CategoricalColumn) actual.column("g")).level(i));
        }
        assertArrayEquals(((NumericColumn) expected.column("x")).values(),
                ((NumericColumn) actual.column("x")).values());
        assertArrayEquals(((CategoricalColumn) expected.column("g")).codes(),
                ((CategoricalColumn) actual.column("g")).codes());
    }

    @Test
    void view_rowsInAnyOrderWithRepeats_equalsTheCopy() {
        int[] rows = {5, 1, 1, 3, 0};
        Frame view = frame().view(rows);
        assertTrue(view.isView());
        assertFalse(frame().select(rows).isView());
        assertSameRows(frame().select(rows), view);
        assertEquals(2, view.column("x").missingCount(), "row 1, twice");
        assertEquals(0, view.column("g").missingCount());
        assertEquals(5.0, ((NumericColumn) view.column("x")).value(0));
        assertEquals(1, ((CategoricalColumn) view.column("g")).code(2));
    }

    @Test
    void view_ofAView_readsTheParentThroughOneIndexAndEqualsTheCopyOfTheCopy() {
        Frame parent = frame();
        int[] outer = {5, 4, 3, 2, 1, 0};
        int[] inner = {0, 2, 5, 2};
        Frame nested = parent.view(outer).view(inner);
        assertSameRows(parent.select(outer).select(inner), nested);
        assertTrue(nested.column("x").isView());
        // Both columns compose the outer index once and share the result.
        assertEquals(4, nested.rows());
    }

    @Test
    void view_ofACopiedColumnBesideAViewColumn_readsEachRight() {
        Frame parent = frame();
        Frame mixed = new Frame(List.of(parent.view(new int[] {2, 3, 4}).column("x"),
                parent.select(new int[] {4, 3, 2}).column("g")));
        Frame view = mixed.view(new int[] {2, 0});
        assertEquals(4.25, ((NumericColumn) view.column("x")).value(0));
        assertEquals(2.5, ((NumericColumn) view.column("x")).value(1));
        assertEquals(1, ((CategoricalColumn) view.column("g")).code(1));
        assertEquals(CategoricalColumn.MISSING, ((CategoricalColumn) view.column("g")).code(0));
    }

    @Test
    void view_noRows_isAnEmptyFrameWithTheSchema() {
        Frame empty = frame().view(new int[0]);
        assertEquals(0, empty.rows());
        assertEquals(frame().schema(), empty.schema());
        assertEquals(0, ((NumericColumn) empty.column("x")).values().length);
        assertEquals(0, empty.view(new int[0]).rows());
        Frame noColumns = new Frame(List.of());
        assertEquals(0, noColumns.view(new int[0]).rows());
    }

    @Test
    void view_rowOutsideTheFrame_refusedNamingTheRowAndItsPosition() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> frame().view(new int[] {0, 6}));
        assertEquals("row 6 (position 1 of the view's rows) is outside the frame's rows 0..5", high.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> frame().view(new int[] {-1}));
        assertTrue(negative.getMessage().startsWith("row -1 (position 0"), negative.getMessage());
        // A view's rows are checked against the view, not against its parent.
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> frame().view(new int[] {0, 1}).view(new int[] {2}));
        assertEquals("row 2 (position 0 of the view's rows) is outside the frame's rows 0..1", nested.getMessage());
        IllegalArgumentException ofEmpty = assertThrows(IllegalArgumentException.class,
                () -> frame().view(new int[0]).view(new int[] {0}));
        assertTrue(ofEmpty.getMessage().contains("row 0 "), ofEmpty.getMessage());
    }

    @Test
    void view_callerChangesItsIndexLater_viewUnchanged() {
        int[] rows = {0, 2};
        Frame view = frame().view(rows);
        rows[0] = 5;
        assertEquals(0.5, ((NumericColumn) view.column("x")).value(0));
    }

    @Test
    void values_ofAView_gatheredOnceAndTheSameArrayForEveryThread() throws Exception {
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.5;
        }
        int[] rows = new int[50_000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = x.length - 1 - 2 * i;
        }
        NumericColumn view = (NumericColumn) new Frame(List.of(new NumericColumn("x", x))).view(rows).column(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<double[]>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                calls.add(view::values);
            }
            List<Future<double[]>> results = pool.invokeAll(calls);
            double[] first = results.get(0).get();
            for (Future<double[]> r : results) {
                assertSame(first, r.get());
            }
            for (int i = 0; i < rows.length; i++) {
                assertEquals(x[rows[i]], first[i]);
            }
        } finally {
            pool.shutdown();
        }
        NumericColumn dense = new NumericColumn("x", x);
        assertSame(x, dense.values(), "a dense column's array is its own");
    }
}
