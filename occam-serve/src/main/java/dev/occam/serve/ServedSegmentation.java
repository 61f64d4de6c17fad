package dev.occam.serve;

import dev.occam.runtime.segment.Segmentation;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A segmentation ({@code task: segment}, an {@code occam-segment/1} model file) as it is served: its name (the
 * folder), its version (as {@link ServedModel}'s), the file, and the loaded segmentation. Served only by
 * {@code POST /v1/models/{name}/predict}, which answers the segment and its membership probability.
 */
record ServedSegmentation(String name, long version, Path file, Segmentation segmentation) {

    ServedSegmentation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(segmentation, "segmentation");
    }
}
