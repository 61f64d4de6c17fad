package dev.occam.serve;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how every decision is recorded ({@link DecisionLog}).
 *
 * @param file the log, JSON lines, appended to; rotated to {@code file.1}, {@code file.2}, ... by size
 * @param fullInputs true: each line carries the row as sent ({@code inputs}); false: only its SHA-256
 *     ({@code inputs_sha256}), for inputs that must not be stored
 * @param maxBytes the size past which the file is rotated before the next line
 * @param queueLines lines waiting for the writer thread; when full an answer waits up to
 *     {@link DecisionLog#OFFER_WAIT} for room, then the line is counted as dropped
 */
public record DecisionLogOptions(Path file, boolean fullInputs, long maxBytes, int queueLines) {

    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    public static final int DEFAULT_QUEUE_LINES = 10_000;

    public DecisionLogOptions {
        Objects.requireNonNull(file, "file");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the decision log's maximum size must be positive, got " + maxBytes);
        }
        if (queueLines < 1) {
            throw new IllegalArgumentException("the decision log's queue must hold at least one line, got "
                    + queueLines);
        }
    }

    /** Full inputs, rotated at 100 MiB, 10,000 lines queued. */
    public static DecisionLogOptions of(Path file) {
        return new DecisionLogOptions(file, true, DEFAULT_MAX_BYTES, DEFAULT_QUEUE_LINES);
    }

    /**
     * Reads {@code --log-inputs}: {@code full} or {@code digest}.
     *
     * @throws IllegalArgumentException naming the word otherwise
     */
    public static boolean parseInputs(String word) {
        return switch (word) {
            case "full" -> true;
            case "digest" -> false;
            default -> throw new IllegalArgumentException("--log-inputs is full or digest, got '" + word + "'");
        };
    }

    public DecisionLogOptions withFullInputs(boolean full) {
        return new DecisionLogOptions(file, full, maxBytes, queueLines);
    }

    public DecisionLogOptions withMaxBytes(long bytes) {
        return new DecisionLogOptions(file, fullInputs, bytes, queueLines);
    }

    public DecisionLogOptions withQueueLines(int lines) {
        return new DecisionLogOptions(file, fullInputs, maxBytes, lines);
    }
}
