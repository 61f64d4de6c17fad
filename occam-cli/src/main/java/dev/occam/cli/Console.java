package dev.occam.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The console's plumbing: a log file beside standard error, a writer that drops everything, where drivers are. */
final class Console {

    /** Where {@code --quiet} sends the console summary. */
    static final PrintWriter NOWHERE = new PrintWriter(OutputStream.nullOutputStream());

    /** The environment variable naming JDBC driver jars or folders, separated as the class path is. */
    static final String DRIVERS_VARIABLE = "OCCAM_DRIVERS";

    /** Set by the launcher ({@code ./occam}) to the {@code drivers/} folder beside it. */
    static final String DRIVERS_PROPERTY = "occam.drivers";

    private Console() {
    }

    /**
     * A writer printing to {@code err} and appending the same text to {@code file} (created when missing), so that
     * {@code occam fit --log FILE} keeps what the console said, errors included.
     *
     * @throws Errors.UserError when the file cannot be opened for appending (naming it and why)
     */
    static PrintWriter teeTo(PrintWriter err, Path file) {
        Writer log;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new Errors.UserError("--log " + file + ": cannot append to the file: " + e.getMessage());
        }
        Writer both = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                err.write(buf, off, len);
                log.write(buf, off, len);
            }

            @Override
            public void flush() throws IOException {
                err.flush();
                log.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
                log.close();
            }
        };
        return new PrintWriter(both, true);
    }

    /**
     * Where JDBC drivers are looked for: the {@code --driver} paths, then {@value #DRIVERS_VARIABLE}, then the
     * launcher's {@code drivers/} folder ({@value #DRIVERS_PROPERTY}), each kept only when it exists, except the
     * paths given on the command line (a mistake there is told).
     */
    static List<Path> driverPaths(List<Path> given) {
        List<Path> paths = new ArrayList<>(given);
        String variable = System.getenv(DRIVERS_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            for (String p : variable.split(java.io.File.pathSeparator)) {
                if (!p.isBlank() && Files.exists(Path.of(p))) {
                    paths.add(Path.of(p));
                }
            }
        }
        String folder = System.getProperty(DRIVERS_PROPERTY);
        if (folder != null && Files.isDirectory(Path.of(folder))) {
            paths.add(Path.of(folder));
        }
        return paths;
    }
}
