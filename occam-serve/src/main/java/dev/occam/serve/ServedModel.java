package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.Model;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One model as it is served: its name (the folder), its version (the number of its {@code versions/<n>}
 * folder, or 0 for a bare {@code model.json}), the file it was loaded from, that file's checksum (of its content,
 * as {@code ModelFile} seals it) and the SHA-256 of its bytes (what {@code sha256sum model.json} prints, for the
 * decision log), the success verdict of the {@code card.json} beside it (null when there is none), and what the
 * card says about fairness ({@link FairnessWatch}; null when it names no protected attribute).
 */
record ServedModel(String name, long version, Path file, String checksum, String fileSha256, Model model,
        JsonNode success, FairnessWatch fairness) {

    ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
    }
}
