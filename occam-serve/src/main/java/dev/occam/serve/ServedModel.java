package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.Model;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One model as it is served: its name (the folder), its version (the number of its {@code versions/<n>}
 * folder, or 0 for a bare {@code model.json}), the file it was loaded from and that file's checksum, and the
 * success verdict of the {@code card.json} beside it (null when there is none).
 */
record ServedModel(String name, long version, Path file, String checksum, Model model, JsonNode success) {

    ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
    }
}
