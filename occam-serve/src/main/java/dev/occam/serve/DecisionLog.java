package dev.occam.serve;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Every decision on record: one JSON line per scored row, appended to a file by one writer thread.
 *
 * <p>Answering threads only put the line in a bounded queue ({@link DecisionLogOptions#queueLines()}). When the
 * queue is full (the disk is slower than the traffic) an answer waits up to {@link #OFFER_WAIT} for room; if there
 * is still none, the line is <b>dropped and counted</b> ({@code occam_decision_log_lines_total{outcome="dropped"}}
 * in /metrics) and the log gets a line at most every 10 s with the count, so an answer is never held longer than
 * that and a gap in the record is never silent. A line that cannot be written (disk full) is counted as
 * {@code failed} the same way.
 *
 * <p>The file is opened for appending and never truncated. Before a line that would take it past
 * {@link DecisionLogOptions#maxBytes()}, it is closed and renamed to the first free {@code FILE.1}, {@code FILE.2},
 * ... (higher is newer) and a new {@code FILE} is started; rotated files are never deleted (retention is the
 * operator's decision). Lines are flushed to the operating system after each batch the writer takes from the
 * queue, not forced to the disk one by one.
 */
final class DecisionLog implements AutoCloseable {

    /** How long an answer waits for room in a full queue before its line is dropped and counted. */
    static final Duration OFFER_WAIT = Duration.ofMillis(50);
    private static final long TELL_EVERY_NANOS = 10_000_000_000L;

    private final DecisionLogOptions options;
    private final Consumer<String> log;
    private final ObjectWriter writer;
    private final BlockingQueue<ObjectNode> queue;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rotations = new LongAdder();
    private volatile boolean closing;
    private volatile long lastTold;
    private OutputStream out;
    private long size;

    /** @throws IOException when the file cannot be opened for appending */
    DecisionLog(DecisionLogOptions options, ObjectWriter writer, Consumer<String> log) throws IOException {
        this.options = options;
        this.writer = writer;
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(options.queueLines());
        open();
        this.thread = new Thread(this::run, "occam-serve-decision-log");
        thread.setDaemon(true);
        thread.start();
    }

    DecisionLogOptions options() {
        return options;
    }

    /**
     * Queues a line; waits up to {@link #OFFER_WAIT} when the queue is full.
     *
     * @return false when the line was dropped (counted and told)
     */
    boolean record(ObjectNode line) {
        boolean queued;
        try {
            queued = !closing && (queue.offer(line) || queue.offer(line, OFFER_WAIT.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            dropped.increment();
            tell("decision log: " + dropped.sum() + " line(s) dropped so far, the queue of " + options.queueLines()
                    + " lines was full for " + OFFER_WAIT.toMillis() + " ms (the disk is slower than the traffic)");
        }
        return queued;
    }

    long written() {
        return written.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long failed() {
        return failed.sum();
    }

    int queued() {
        return queue.size();
    }

    long rotations() {
        return rotations.sum();
    }

    private void run() {
        List<ObjectNode> batch = new ArrayList<>(256);
        while (true) {
            try {
                ObjectNode first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4095);
                writeAll(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (closing) {
                    queue.drainTo(batch);
                    writeAll(batch);
                    return;
                }
            }
        }
    }

    private void writeAll(List<ObjectNode> lines) {
        for (ObjectNode line : lines) {
            try {
                byte[] bytes = writer.writeValueAsBytes(line);
                if (size > 0 && size + bytes.length + 1 > options.maxBytes()) {
                    rotate();
                }
                out.write(bytes);
                out.write('\n');
                size += bytes.length + 1;
                written.increment();
            } catch (IOException | RuntimeException e) {
                failed.increment();
                tell("decision log: cannot write " + options.file() + " (" + e.getMessage() + "); " + failed.sum()
                        + " line(s) lost so far");
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            tell("decision log: cannot flush " + options.file() + " (" + e.getMessage() + ")");
        }
    }

    private void open() throws IOException {
        Path file = options.file();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        Path file = options.file();
        int n = 1;
        while (Files.exists(file.resolveSibling(file.getFileName() + "." + n))) {
            n++;
        }
        Files.move(file, file.resolveSibling(file.getFileName() + "." + n));
        rotations.increment();
        open();
    }

    private void tell(String line) {
        long now = System.nanoTime();
        if (lastTold == 0 || now - lastTold > TELL_EVERY_NANOS) {
            lastTold = now;
            log.accept(line);
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            log.accept("decision log: cannot close " + options.file() + ": " + e.getMessage());
        }
    }
}
