package dev.occam.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The documents of a fit's folder, read together: {@code card.json} (required), {@code leaderboard.json} and
 * {@code report-data.json} (null when absent). Writing is {@link #bytes}: core writes them atomically.
 *
 * @param card the model card
 * @param leaderboard the leaderboard, or null when the folder has none
 * @param reportData the report's data, or null when the folder has none
 */
public record Results(Card card, Leaderboard leaderboard, ReportData reportData) {

    public static final String CARD = "card.json";
    public static final String LEADERBOARD = "leaderboard.json";
    public static final String REPORT_DATA = "report-data.json";

    /**
     * Pretty-printed, doubles in their shortest exact form (as the model file). Reading ignores fields it does not
     * know, so a report still renders a card written by a later version.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @throws IllegalArgumentException when the folder has no {@code card.json} (the message says what to run)
     * @throws IOException when a file cannot be read or is not the document it should be (the message names it)
     */
    public static Results read(Path dir) throws IOException {
        Path card = dir.resolve(CARD);
        if (!Files.isRegularFile(card)) {
            throw new IllegalArgumentException(dir + " has no " + CARD + "; run 'occam fit USECASE --out " + dir
                    + "' first");
        }
        return new Results(read(card, Card.class), optional(dir.resolve(LEADERBOARD), Leaderboard.class),
                optional(dir.resolve(REPORT_DATA), ReportData.class));
    }

    /** One document. @throws IOException naming the file when it cannot be read as {@code type} */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a valid " + type.getSimpleName() + " document: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The document as its file's bytes. */
    public static byte[] bytes(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    private static <T> T optional(Path file, Class<T> type) throws IOException {
        return Files.isRegularFile(file) ? read(file, type) : null;
    }
}
