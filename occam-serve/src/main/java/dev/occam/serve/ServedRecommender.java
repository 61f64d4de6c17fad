package dev.occam.serve;

import dev.occam.runtime.recommend.RecommenderModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One recommendation model as it is served ({@code model.json} of format {@code occam-recommend/1}): its name (the
 * folder), version, file, the checksum of its content, and the model.
 */
record ServedRecommender(String name, long version, Path file, String checksum, RecommenderModel model) {

    ServedRecommender {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
    }
}
