package dev.occam.runtime.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.ModelFile;
import dev.occam.runtime.ModelFileException;
import dev.occam.runtime.Occam;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.segment.SegmentPreparation.ColumnStep;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The occam-segment/1 file: saved, sealed, loaded, and assigning rows and frames alike. */
class SegmentationFileTest {

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("spend"),
            Feature.categorical("plan", List.of("basic", "premium"))));
    private static final SegmentModel MODEL = new SegmentModel(new SegmentPreparation(List.of(
            new ColumnStep("spend", Handling.LOG1P_THEN_STANDARDISE, 5.0, 1.5, List.of(), "skewed"),
            new ColumnStep("plan", Handling.ONE_HOT, 0, Math.sqrt(0.5), List.of("basic", "premium"), ""))),
            new KMeansSegmenter(new double[][] {{-1, 0.7, 0}, {1, 0, 0.7}}));
    private static final Segmentation SEGMENTATION = new Segmentation("customers", "k-means", SCHEMA, MODEL,
            List.of("Segment 1: spend low", "Segment 2: spend high"));

    @TempDir
    Path dir;

    @Test
    void saveLoad_roundTrip_equalAndAssignsAlike() throws Exception {
        Path file = dir.resolve("model.json");
        SegmentationFile.save(SEGMENTATION, file, null);
        assertEquals(SegmentationFile.FORMAT, ModelFile.format(file));
        Segmentation back = Occam.loadSegmentation(file);
        assertEquals(SEGMENTATION, back);
        Row low = Row.of(Map.of("spend", 10, "plan", "basic"));
        Row high = Row.of(Map.of("spend", 5000, "plan", "premium"));
        assertEquals(new SegmentPrediction(1, Double.NaN), back.assign(low));
        assertEquals(2, back.assign(high).segment());
        // A frame numbering its levels its own way (premium first) is read by level name.
        Frame frame = new Frame(List.of(new NumericColumn("spend", new double[] {10, 5000}),
                new CategoricalColumn("plan", List.of("premium", "basic"), new int[] {1, 0})));
        SegmentPrediction[] both = back.assign(frame);
        assertEquals(1, both[0].segment());
        assertEquals(2, both[1].segment());
        assertTrue(back.describe().contains("Segment 2: spend high"), back.describe());
    }

    @Test
    void load_editedFile_refusedForItsChecksum() throws Exception {
        Path file = dir.resolve("model.json");
        SegmentationFile.save(SEGMENTATION, file, null);
        Files.writeString(file, Files.readString(file).replace("spend high", "spend very high"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SegmentationFile.load(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void assign_frameWithoutAColumn_namesIt() {
        Frame frame = new Frame(List.of(new NumericColumn("spend", new double[] {10})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SEGMENTATION.assign(frame));
        assertTrue(e.getMessage().contains("no column 'plan'"), e.getMessage());
    }

    @Test
    void modelFileLoad_segmentationFile_saysHowToReadIt() throws Exception {
        Path file = dir.resolve("model.json");
        SegmentationFile.save(SEGMENTATION, file, null);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Occam.load(file));
        assertTrue(e.getMessage().contains("is a segmentation") && e.getMessage().contains("Occam.loadSegmentation"),
                e.getMessage());
    }
}
