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
 * @param strict refuse (400) a row that trips a guardrail or carries a field the model does not read, instead
 *     of flagging the guardrail and listing the field as ignored
 * @param maxBodyBytes a larger request body is refused with 413
 * @param maxBatchRows a larger batch is refused with 413
 * @param threads the threads that answer requests (Jetty adds one acceptor and one selector thread)
 * @param poll how often the folder is scanned for new model versions
 * @param requestTimeout how long a connection may stay silent, mid-request or between keep-alive requests, before
 *     it is closed (Jetty's idle timeout), and how long a request body may take to arrive in full (408 after)
 * @param batchThreads the threads that score batches of more than {@link #INLINE_BATCH_ROWS} rows, apart from the
 *     answering threads, so batches cannot occupy all of them
 * @param batchQueue batches waiting for a batch thread; one more is refused with 503 and {@code Retry-After}
 * @param access who may call: bearer tokens, TLS, a rate limit ({@link AccessOptions#OPEN}: none of them)
 * @param decisionLog where every answer is recorded; null for no decision log
 */
public record ServeOptions(Path dir, String host, int port, boolean strict, int maxBodyBytes, int maxBatchRows,
        int threads, Duration poll, Duration requestTimeout, int batchThreads, int batchQueue, AccessOptions access,
        DecisionLogOptions decisionLog) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_BATCH_ROWS = 1000;
    /** A batch of at most this many rows is scored on the answering thread; a larger one on a batch thread. */
    public static final int INLINE_BATCH_ROWS = 10;

    /**
     * The most answering threads: Jetty starts every one of them with the server (its minimum is its maximum, so
     * that a burst is not met by starting threads), and a thousand already answers far more requests at once than
     * a machine's cores can score.
     */
    public static final int MAX_THREADS = 1024;

    public ServeOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(access, "access");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1: " + maxBodyBytes);
        }
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be >= 1: " + maxBatchRows);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS
                    + " (each is started with the server): " + threads);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive: " + poll);
        }
        if (requestTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 s: " + requestTimeout);
        }
        if (batchThreads < 1) {
            throw new IllegalArgumentException("batchThreads must be >= 1: " + batchThreads);
        }
        if (batchQueue < 0) {
            throw new IllegalArgumentException("batchQueue must be >= 0: " + batchQueue);
        }
    }

    /**
     * The defaults: 1 MiB bodies, batches of 1,000 rows, two answering threads per core (at least 4), a quarter as
     * many batch threads (at least 1) with four batches waiting per batch thread, a scan every second, 10 s
     * timeout, open access, no decision log.
     */
    public static ServeOptions defaults(Path dir, String host, int port) {
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        return new ServeOptions(dir, host, port, false, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_ROWS, threads,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Math.max(1, threads / 4), 4 * Math.max(1, threads / 4),
                AccessOptions.OPEN, null);
    }

    public ServeOptions withStrict(boolean newStrict) {
        return new ServeOptions(dir, host, port, newStrict, maxBodyBytes, maxBatchRows, threads, poll, requestTimeout,
                batchThreads, batchQueue, access, decisionLog);
    }

    /** With {@code newThreads} answering threads, and the batch threads and queue scaled as in the defaults. */
    public ServeOptions withThreads(int newThreads) {
        int batch = Math.max(1, newThreads / 4);
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, newThreads, poll, requestTimeout,
                batch, 4 * batch, access, decisionLog);
    }

    public ServeOptions withBatchLane(int newBatchThreads, int newBatchQueue) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, poll, requestTimeout,
                newBatchThreads, newBatchQueue, access, decisionLog);
    }

    public ServeOptions withRequestTimeout(Duration newTimeout) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, poll, newTimeout,
                batchThreads, batchQueue, access, decisionLog);
    }

    public ServeOptions withPoll(Duration newPoll) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, newPoll, requestTimeout,
                batchThreads, batchQueue, access, decisionLog);
    }

    public ServeOptions withAccess(AccessOptions newAccess) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, poll, requestTimeout,
                batchThreads, batchQueue, newAccess, decisionLog);
    }

    public ServeOptions withDecisionLog(DecisionLogOptions newDecisionLog) {
        return new ServeOptions(dir, host, port, strict, maxBodyBytes, maxBatchRows, threads, poll, requestTimeout,
                batchThreads, batchQueue, access, newDecisionLog);
    }
}
