package dev.occam.runtime.segment;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.FrameEncoder;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A segmentation written by {@code occam fit} for a {@code task: segment} use case and loaded from its
 * {@code model.json} ({@link SegmentationFile}): the columns it reads, the fitted {@link SegmentModel} and one line per
 * segment saying what sets it apart. It puts new rows in segments, numbered from 1 as the profiles are. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * Segmentation s = Occam.loadSegmentation(Path.of("out/customer-segments/model.json"));
 * SegmentPrediction p = s.assign(Row.of(Map.of("recency", 12, "frequency", 7, "monetary", 830)));
 * int segment = p.segment();          // 1..segmentCount()
 * double probability = p.probability(); // NaN for k-means
 * }</pre>
 *
 * @param name the use case's name
 * @param method the chosen rung, as the leaderboard names it ("k-means", "Gaussian mixture VEV")
 * @param schema the columns read (the training columns, identifiers excluded), in the model's encoding
 * @param model the preparation and the segmenter
 * @param profiles one sentence per segment, in segment order
 */
public record Segmentation(String name, String method, Schema schema, SegmentModel model, List<String> profiles) {

    public Segmentation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(model, "model");
        profiles = List.copyOf(profiles);
        if (!schema.names().equals(model.preparation().names())) {
            throw new IllegalArgumentException("the schema's columns " + schema.names()
                    + " differ from the preparation's " + model.preparation().names());
        }
        if (profiles.size() != model.segmenter().segmentCount()) {
            throw new IllegalArgumentException(profiles.size() + " profiles for " + model.segmenter().segmentCount()
                    + " segments");
        }
    }

    public int segmentCount() {
        return model.segmenter().segmentCount();
    }

    /** Whether {@link SegmentPrediction#probability()} is a membership probability (mixtures, the baseline). */
    public boolean hasProbability() {
        return !(model.segmenter() instanceof KMeansSegmenter || model.segmenter() instanceof KPrototypesSegmenter);
    }

    /** The segment of one row of named values. @throws IllegalArgumentException naming a field that cannot be read */
    public SegmentPrediction assign(Row row) {
        return SegmentPrediction.of(model.assign(schema.encode(row)));
    }

    /** The segment of every row of a frame, in order. @throws IllegalArgumentException naming a missing column */
    public SegmentPrediction[] assign(Frame frame) {
        FrameEncoder reader = new FrameEncoder(schema, frame);
        SegmentPrediction[] out = new SegmentPrediction[frame.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = SegmentPrediction.of(model.assign(reader.row(i)));
        }
        return out;
    }

    /** A person's reading: the method, the preparation and each segment's profile. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(name).append(": ").append(model.segmenter().describe()).append(" (").append(method).append(")\n");
        s.append("Preparation:\n");
        model.preparation().words().forEach(w -> s.append("  ").append(w).append('\n'));
        s.append("Segments:\n");
        profiles.forEach(p -> s.append("  ").append(p).append('\n'));
        return s.toString();
    }
}
