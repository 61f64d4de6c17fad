package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Standardization;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparationTest {

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("x"),
            Feature.categorical("c", List.of("a", "b", "c"))));

    @Test
    void indicatorEncoding_dropFirst_treatmentContrasts() {
        IndicatorEncoding enc = new IndicatorEncoding(SCHEMA, true);
        assertEquals(List.of("x", "c=b", "c=c"), enc.output().names());
        assertArrayEquals(new double[] {2.5, 0, 0}, enc.apply(new double[] {2.5, 0}));
        assertArrayEquals(new double[] {2.5, 1, 0}, enc.apply(new double[] {2.5, 1}));
        assertArrayEquals(new double[] {2.5, Double.NaN, Double.NaN}, enc.apply(new double[] {2.5, Double.NaN}));
    }

    @Test
    void indicatorEncoding_keepAll_oneColumnPerLevel() {
        IndicatorEncoding enc = new IndicatorEncoding(SCHEMA, false);
        assertEquals(List.of("x", "c=a", "c=b", "c=c"), enc.output().names());
        assertArrayEquals(new double[] {1, 0, 0, 1}, enc.apply(new double[] {1, 2}));
    }

    @Test
    void imputation_fillsOnlyMissing() {
        Imputation imp = new Imputation(SCHEMA, new double[] {7, 2});
        assertArrayEquals(new double[] {7, 2}, imp.apply(new double[] {Double.NaN, Double.NaN}));
        assertArrayEquals(new double[] {1, 0}, imp.apply(new double[] {1, 0}));
    }

    @Test
    void standardization_numericOnly_andRejectsZeroScale() {
        Standardization s = new Standardization(SCHEMA, new double[] {10, 0}, new double[] {2, 1});
        assertArrayEquals(new double[] {-1, 2}, s.apply(new double[] {8, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Standardization(SCHEMA, new double[] {0, 0}, new double[] {0, 1}));
        assertEquals("scale of 'x' must be > 0: 0.0", e.getMessage());
    }
}
