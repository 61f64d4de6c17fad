package dev.occam.core.usecase;

import java.util.HashMap;
import java.util.Map;

/**
 * The file being read, for messages: its name, the line of every key seen so far (by dotted name), and
 * where each known key belongs, to tell a user who indented a key under the wrong section.
 */
final class Source {

    private final String fileName;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, String> homes;

    /** @param homes each known key's section ("" for the top level) */
    Source(String fileName, Map<String, String> homes) {
        this.fileName = fileName;
        this.homes = homes;
    }

    String fileName() {
        return fileName;
    }

    Map<String, Integer> lines() {
        return lines;
    }

    String homeOf(String key) {
        return homes.get(key);
    }

    /** {@code <file> line N: problem}, or {@code <file>: problem} when {@code line} is 0. */
    UseCaseException error(int line, String problem) {
        return new UseCaseException(fileName + (line > 0 ? " line " + line : "") + ": " + problem, line, null);
    }

    /** An error about a dotted key: at its line, or its nearest enclosing section's. */
    UseCaseException errorAt(String dottedKey, String problem) {
        String key = dottedKey;
        while (true) {
            Integer line = lines.get(key);
            if (line != null) {
                return error(line, problem);
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return error(0, problem);
            }
            key = key.substring(0, dot);
        }
    }
}
