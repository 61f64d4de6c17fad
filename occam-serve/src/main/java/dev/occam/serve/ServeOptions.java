package dev.occam.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server runs.
 *
 * @param dir the folder of models, one sub-folder per model name (see {@link ModelStore})
 * @param host the address to bind, {@code 127.0.0.1} unless the service must be reachable from elsewhere
 * @param port the port; 0 picks a free one ({@link OccamServer#port()} tells which)
 * @param strict refuse (400) a row that trips a guardrail instead of flagging it in the answer
 * @param maxBodyBytes a larger request body is refused with 413
 * @param maxBatchRows a larger batch is refused with 413
 * @param threads the threads that answer requests (Jetty adds one acceptor and one selector thread)
 * @param poll how often the folder is scanned for new model versions
 * @param requestTimeout how long a connection may stay silent, mid-request or between keep-alive requests, before
 *     it is closed (Jetty's idle timeout)
 */
public record ServeOptions(Path dir, String host, int port, boolean strict, int maxBodyBytes, int maxBatchRows,
        int threads, Duration poll, Duration requestTimeout) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_BATCH_ROWS = 1000;

    public ServeOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1: " + maxBodyBytes);
        }
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be >= 1: " + maxBatchRows);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive: " + poll);
        }
        if (requestTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 s: " + requestTimeout);
        }
    }

    /** The defaults: 1 MiB bodies, batches of 1,000 rows, two threads per core, a scan every second, 10 s timeout. */
    public static ServeOptions defaults(Path dir, String host, int port) {
        return new ServeOptions(dir, host, port, false, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_ROWS,
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
    }

    public ServeOptions withStrict(boolean newStrict) {
        return new ServeOptions(dir, host, port, newStrict, maxBodyBytes, maxBatchRows, threads, poll, requestTimeout);
    }

    public ServeOptions withThreads(int newThreads) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, newThreads, poll, requestTimeout);
    }

    public ServeOptions withPoll(Duration newPoll) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, newPoll, requestTimeout);
    }
}
