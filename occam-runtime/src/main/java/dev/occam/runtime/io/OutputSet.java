package dev.occam.runtime.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A folder of outputs replaced as a whole: a reader of {@code out/} sees the old set of files or the new one, never
 * a mix and never half a file, even when the writer is killed with {@code kill -9}.
 *
 * <p>How: {@code out} is a symbolic link to one set in a hidden sibling folder {@code .<out>.occam/<run>/}. A run
 * writes its files into a new set there ({@link #staging()}), and {@link #commit()} points {@code out} at it by
 * renaming a new link over the old one ({@code rename(2)} replaces a link atomically on Linux and macOS). A
 * finished set is marked (an empty file {@code <set>}{@value #FINISHED} beside it in the store, written before the
 * switch, so the output folder holds the outputs only) and kept as a run of the history that
 * {@link #runs} lists ({@code occam runs}, {@code occam compare}); only the newest {@code keepRuns} finished sets are
 * kept, the current one always. A run that stops before its commit leaves an unmarked set nobody links to; the next
 * run deletes it ({@link #begin}). A run whose set must not replace the current one ({@link #keep()}) is marked
 * finished without the switch, so it stays in the history for inspection. A lock file in the hidden folder keeps two runs from writing the same output at
 * once. An {@code out} that is a real folder (written by an Occam before 0.x, or made by the user) is switched
 * over once: its Occam files are moved into the hidden folder and the link takes its place (two renames: for that
 * one run a reader may find no folder for a moment, but never a mixed one). Where links cannot be made (some
 * Windows accounts), the files are copied into {@code out} one by one, each atomically, and the set is not
 * atomic as a whole: {@link #atomic()} says which.
 */
public final class OutputSet implements Closeable {

    /** Files a fit writes; a real folder holding only these (and hidden temporary files) may be switched over. */
    public static final Set<String> OUTPUT_NAMES = Set.of("leaderboard.json", "model.json", "card.json",
            "report-data.json", "report.html");
    private static final String LOCK = "lock";
    /**
     * The suffix of the marker beside a set whose run finished writing it ({@code <set>.finished} in the store); sets
     * without one are leftovers of a stopped run.
     */
    public static final String FINISHED = ".finished";
    /** Finished sets kept beside the output folder when a run does not say otherwise. */
    public static final int DEFAULT_KEEP_RUNS = 20;
    // Milliseconds, so the names of two runs in one second still sort in time order.
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path target;
    private final Path store;
    private final Path staging;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final int keepRuns;
    private boolean committed;
    private boolean atomic = true;

    private OutputSet(Path target, Path store, Path staging, FileChannel lockChannel, FileLock lock, int keepRuns) {
        this.keepRuns = keepRuns;
        this.target = target;
        this.store = store;
        this.staging = staging;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The hidden folder beside {@code target} that holds its sets. */
    public static Path storeOf(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".occam");
    }

    /**
     * Starts a new set for {@code target}: takes the lock, deletes what interrupted runs left, and creates the
     * empty folder to write into.
     *
     * @throws IllegalStateException when another run is writing the same output now
     * @throws IllegalArgumentException when {@code target} is a real folder holding files Occam does not write
     *     (they would be lost in the switch; the message names one)
     */
    public static OutputSet begin(Path target) throws IOException {
        return begin(target, DEFAULT_KEEP_RUNS);
    }

    /**
     * As {@link #begin(Path)}, keeping at most {@code keepRuns} finished sets (the current one included) after a
     * commit.
     *
     * @throws IllegalArgumentException when {@code keepRuns} is below 1
     */
    public static OutputSet begin(Path target, int keepRuns) throws IOException {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("the number of runs to keep must be at least 1: " + keepRuns);
        }
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException("cannot write outputs to the root folder " + abs);
        }
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            String foreign = foreignEntry(abs);
            if (foreign != null) {
                throw new IllegalArgumentException(abs + " holds " + foreign + ", which Occam does not write;"
                        + " choose an empty or new output folder, or move it away");
            }
        } else if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(abs)) {
            throw new IllegalArgumentException(abs + " is a file, not a folder; choose another output folder");
        }
        Path store = storeOf(abs);
        Files.createDirectories(store);
        FileChannel channel = FileChannel.open(store.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another run is writing " + abs + " now; wait for it to finish");
        }
        try {
            cleanLeftovers(abs, store);
            Path staging = store.resolve(LocalDateTime.now().format(RUN) + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
            Files.createDirectory(staging);
            return new OutputSet(abs, store, staging, channel, lock, keepRuns);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** The folder to write this run's files into. */
    public Path staging() {
        return staging;
    }

    /** The output folder readers use. */
    public Path target() {
        return target;
    }

    /** False after a commit that had to copy files one by one (no links on this file system). */
    public boolean atomic() {
        return atomic;
    }

    /** Whether {@link #commit()} has switched readers to this run's set. */
    public synchronized boolean committed() {
        return committed;
    }

    /**
     * Points {@code target} at this run's set, atomically, and deletes the set it pointed at before.
     */
    public synchronized void commit() throws IOException {
        if (committed) {
            return;
        }
        markFinished();
        Path link = store.resolve(".link-" + staging.getFileName() + ".tmp");
        Files.deleteIfExists(link);
        try {
            // Relative, so the parent folder can be moved or mounted elsewhere.
            Files.createSymbolicLink(link, target.getParent().relativize(staging));
        } catch (UnsupportedOperationException | FileSystemException e) {
            copyInto();
            return;
        }
        Path aside = null;
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // A real folder of an older run: move it aside into the store, then drop it.
            aside = store.resolve("replaced-" + staging.getFileName());
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(link);
            throw e;
        }
        committed = true;
        if (aside != null) {
            deleteTree(aside);
        }
        pruneRuns();
    }

    /**
     * Keeps this run's set in the history without pointing {@code target} at it: a finished run that must not
     * replace the current set (it missed its bar where the current one met it). {@link #runs} lists it.
     */
    public synchronized void keep() throws IOException {
        if (!committed) {
            markFinished();
            pruneRuns();
        }
    }

    /**
     * The finished runs of {@code target}, oldest first (their names start with the time they began): the sets
     * {@link #commit()} switched to or {@link #keep()} kept, and the set {@code target} points at. Empty when
     * {@code target} has no store.
     */
    public static List<Path> runs(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path store = storeOf(abs);
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        Path current = Files.isSymbolicLink(abs) ? resolveLink(abs) : null;
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(store)) {
            for (Path p : s) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && (p.equals(current) || isFinished(p))) {
                    runs.add(p);
                }
            }
        }
        runs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return runs;
    }

    /** The set {@code target} points at, or null when it is not a link into its store. */
    public static Path current(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(abs)) {
            return null;
        }
        Path set = resolveLink(abs);
        return set.startsWith(storeOf(abs)) ? set : null;
    }

    /** Whether a set of a store was finished by its run (its marker is there). */
    public static boolean isFinished(Path set) {
        return Files.exists(marker(set), LinkOption.NOFOLLOW_LINKS);
    }

    private static Path marker(Path set) {
        return set.resolveSibling(set.getFileName() + FINISHED);
    }

    private void markFinished() throws IOException {
        Files.write(marker(staging), new byte[0]);
    }

    /** Deletes the oldest finished sets beyond {@code keepRuns}; never the one {@code target} points at. */
    private void pruneRuns() throws IOException {
        Path current = current(target);
        List<Path> runs = new ArrayList<>(runs(target));
        int excess = runs.size() - keepRuns;
        for (Path run : runs) {
            if (excess <= 0) {
                break;
            }
            if (!run.equals(current) && !run.equals(staging)) {
                deleteTree(run);
                Files.deleteIfExists(marker(run));
                excess--;
            }
        }
    }

    /** Deletes this run's set when it was not committed (an error, or a run that must not replace the old one). */
    public synchronized void abandon() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    /** Releases the lock; an uncommitted set stays until the next run (or {@link #abandon()}). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** No links: copy each file over (each atomically) and drop the store's set. */
    private void copyInto() throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.toList()) {
                AtomicFiles.write(target.resolve(f.getFileName().toString()), Files.readAllBytes(f));
            }
        }
        for (String name : OUTPUT_NAMES) {
            if (!Files.exists(staging.resolve(name))) {
                Files.deleteIfExists(target.resolve(name));
            }
        }
        atomic = false;
        committed = true;
        deleteTree(staging);
        Files.deleteIfExists(marker(staging));
    }

    /** Every unfinished set and temporary file in the store (the one {@code target} points at is kept). */
    private static void cleanLeftovers(Path target, Path store) throws IOException {
        Path current = Files.isSymbolicLink(target) ? resolveLink(target) : null;
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(store)) {
            s.forEach(entries::add);
        }
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (name.equals(LOCK) || e.equals(current) || Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) && isFinished(e)
                    || name.endsWith(FINISHED) && Files.isDirectory(store.resolve(
                            name.substring(0, name.length() - FINISHED.length())), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            deleteTree(e);
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // Temporary files of an Occam before output sets, killed while writing.
            try (DirectoryStream<Path> s = Files.newDirectoryStream(target, p -> isTemporary(p))) {
                for (Path p : s) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean isTemporary(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp");
    }

    /** The first entry of a real folder that is neither an output of a fit nor a temporary file of one; null if none. */
    private static String foreignEntry(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!OUTPUT_NAMES.contains(n) && !isTemporary(p)) {
                    return "'" + n + "'";
                }
            }
        }
        return null;
    }

    private static Path resolveLink(Path link) throws IOException {
        return link.getParent().resolve(Files.readSymbolicLink(link)).toAbsolutePath().normalize();
    }

    /** Best effort: a file that cannot be deleted now is retried by the next run. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // Left for the next run's cleanup.
        }
    }
}
