package dev.occam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a tile of rows a column at a time gives each row exactly as reading it alone does. */
class FrameEncoderTest {

    @Test
    void rowsInto_viewWithRecodedUnknownAndMissingValues_sameAsRowInto() {
        Schema schema = new Schema(List.of(Feature.numeric("n"), Feature.categorical("c", List.of("a", "b", "c")),
                Feature.categorical("flag", List.of("0", "1"))));
        // The frame numbers its levels its own way, has a level the schema does not know, a missing code, and a
        // category read as numbers (levels "0"/"1" loaded as a numeric column).
        Frame frame = new Frame(List.of(
                new NumericColumn("n", new double[] {1.5, Double.NaN, -0.0, 4, 5, 6}),
                new CategoricalColumn("c", List.of("c", "z", "a"), new int[] {0, 1, 2, CategoricalColumn.MISSING, 0, 2}),
                new NumericColumn("flag", new double[] {0, 1, Double.NaN, 1, 0, 1})));
        for (Frame f : List.of(frame, frame.view(new int[] {5, 3, 1, 0, 2}))) {
            FrameEncoder encoder = new FrameEncoder(schema, f);
            for (int from = 0; from < f.rows(); from++) {
                for (int length = 1; from + length <= f.rows(); length++) {
                    double[] tile = new double[length * 3];
                    encoder.rowsInto(from, length, tile);
                    for (int r = 0; r < length; r++) {
                        double[] row = new double[3];
                        System.arraycopy(tile, r * 3, row, 0, 3);
                        assertArrayEquals(encoder.row(from + r), row, 0.0, "row " + (from + r));
                    }
                }
            }
        }
    }
}
