package dev.occam.core.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.prep.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step that changes nothing gives the frame back; one that changes something gives a dense copy. */
class FramesTest {

    private static Frame numbers(double first) {
        return new Frame(List.of(new NumericColumn("a", new double[] {first, 2, 3, -0.0}),
                new NumericColumn("b", new double[] {5, 6, 7, 8})));
    }

    @Test
    void apply_indicatorsOfNumbersOnly_sameFrame() {
        Frame frame = numbers(1).view(new int[] {3, 1, 0});
        Transform indicators = new IndicatorEncoder(true).fit(frame);
        assertSame(frame, Frames.apply(indicators, frame));
    }

    @Test
    void apply_imputationWithNothingMissing_sameFrame() {
        Frame frame = numbers(1);
        assertSame(frame, Frames.apply(new Imputer().fit(frame), frame));
    }

    @Test
    void apply_imputationWithAMissingValue_filledCopy() {
        Frame frame = numbers(Double.NaN);
        Frame out = Frames.apply(new Imputer().fit(frame), frame);
        assertNotSame(frame, out);
        assertArrayEquals(new double[] {2, 2, 3, -0.0}, ((NumericColumn) out.column(0)).values());
    }

    @Test
    void apply_indicatorsOfACategory_encodedCopy() {
        Frame frame = new Frame(List.of(new CategoricalColumn("c", List.of("x", "y"), new int[] {0, 1, 1}),
                new NumericColumn("n", new double[] {1, 2, 3})));
        Frame out = Frames.apply(new IndicatorEncoder(true).fit(frame), frame);
        assertNotSame(frame, out);
        assertEquals(List.of("c=y", "n"), out.schema().names());
        assertArrayEquals(new double[] {0, 1, 1}, ((NumericColumn) out.column(0)).values());
    }
}
