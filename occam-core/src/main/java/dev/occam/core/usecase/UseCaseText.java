package dev.occam.core.usecase;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part every task's reader shares: the text parsed into its top section, each key's home section known (so a key
 * written under the wrong section is named with where it belongs), and a failure tied to a key reported at the key's
 * line. Each task's reader then reads its own keys from the top section.
 */
final class UseCaseText {

    /** A task's reading of the top section; the file resolves relative data paths. */
    @FunctionalInterface
    interface SectionReader<T> {
        T read(Section top, Path file) throws UseCaseException;
    }

    private UseCaseText() {
    }

    /**
     * @param homes each known key and the section it belongs in ("" for the top level)
     * @throws UseCaseException if anything in the text is wrong, at its line
     */
    static <T> T parse(String yaml, Path file, Map<String, String> homes, List<String> topKeys, SectionReader<T> reader)
            throws UseCaseException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(file, "file");
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        // A byte-order mark is not YAML content; editors on Windows add one.
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        Source source = new Source(fileName, homes);
        Section top = new Section(source, "", YamlTree.parse(text, fileName), 0, topKeys);
        try {
            return reader.read(top, file);
        } catch (KeyedArgumentException e) {
            throw source.errorAt(e.key(), e.getMessage());
        }
    }

    /**
     * {@code data.path} resolved against the use case's folder {@code base}, or null when the key is absent; every
     * task's reader reads it so, with the same messages for an empty or invalid path.
     */
    static Path dataPath(Section data, Path base) throws UseCaseException {
        String pathText = data.text("path");
        if (pathText == null) {
            return null;
        }
        if (pathText.isBlank()) {
            throw data.error("path", "data.path is empty");
        }
        try {
            return base.resolve(pathText).normalize();
        } catch (InvalidPathException e) {
            throw data.error("path", "data.path is not a valid path: " + Text.quote(pathText) + " ("
                    + e.getReason() + ")");
        }
    }
}
