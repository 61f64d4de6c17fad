package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.segment.SegmentPrediction;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code occam predict} with a segmentation's {@code model.json}: one CSV line per input row, in order, with
 * {@code segment} (numbered from 1, as the profiles) and {@code probability}, the membership probability where the
 * method has one (a mixture's posterior) and empty where it has none (k-means, k-prototypes).
 */
public final class SegmentPredictJob {

    private SegmentPredictJob() {
    }

    /** Assigns every row of the data file and returns the CSV text. */
    public static String predictCsv(Path modelFile, Path dataFile) throws IOException, DataException {
        return predictCsv(modelFile, dataFile, List.of());
    }

    /** As {@link #predictCsv(Path, Path)}, with the input columns {@code keep} names in front (see KeptColumns). */
    public static String predictCsv(Path modelFile, Path dataFile, List<String> keep) throws IOException,
            DataException {
        Segmentation segmentation = SegmentationFile.load(modelFile);
        Frame frame = DataLoader.load(new DataSource(dataFile, null, null, null));
        KeptColumns kept = KeptColumns.of(frame, keep, Set.of("segment", "probability"), dataFile);
        SegmentPrediction[] assigned;
        try {
            assigned = segmentation.assign(frame);
        } catch (IllegalArgumentException e) {
            throw new DataException(dataFile + ": " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder(assigned.length * 12 + 32);
        sb.append(kept.header()).append("segment,probability\n");
        for (int i = 0; i < assigned.length; i++) {
            SegmentPrediction p = assigned[i];
            kept.appendRow(sb, i);
            sb.append(p.segment()).append(',');
            if (p.hasProbability()) {
                sb.append(p.probability());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Assigns every row and writes the CSV atomically; returns the number of rows written. */
    public static int predictToFile(Path modelFile, Path dataFile, Path out) throws IOException, DataException {
        return predictToFile(modelFile, dataFile, out, List.of());
    }

    /** As {@link #predictToFile(Path, Path, Path)}, keeping the named input columns. */
    public static int predictToFile(Path modelFile, Path dataFile, Path out, List<String> keep) throws IOException,
            DataException {
        String csv = predictCsv(modelFile, dataFile, keep);
        AtomicFiles.write(out, csv.getBytes(StandardCharsets.UTF_8));
        return (int) csv.chars().filter(c -> c == '\n').count() - 1;
    }
}
