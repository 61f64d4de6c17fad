package dev.occam.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a fit runs in. A local master binds the driver to the loopback address and switches the web UI
 * off, so a fit on one machine opens no port beyond 127.0.0.1; a cluster master ({@code spark://}, {@code yarn},
 * {@code k8s://}) is given as it is, with whatever spark-submit configured.
 */
final class Sessions {

    /** The master when the user names none: every core of this machine. */
    static final String DEFAULT_MASTER = "local[*]";

    private Sessions() {
    }

    static SparkSession open(String master) {
        String m = master == null ? DEFAULT_MASTER : master;
        SparkSession.Builder builder = SparkSession.builder().appName("occam").master(m);
        if (m.startsWith("local")) {
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    // Small data on few cores: Spark's default of 200 shuffle partitions is pure overhead here.
                    .config("spark.sql.shuffle.partitions", "4")
                    // Boosting's hundreds of rounds make a lineage too deep to deserialise (a stack overflow)
                    // unless MLlib checkpoints it every 10 rounds; MLlib checkpoints only with a directory.
                    .config("spark.checkpoint.dir", checkpoints())
                    .config("spark.cleaner.referenceTracking.cleanCheckpoints", "true");
        }
        return builder.getOrCreate();
    }

    /** A fresh temporary directory for this process's checkpoints, removed when the process ends. */
    private static String checkpoints() {
        try {
            Path dir = Files.createTempDirectory("occam-spark-checkpoints");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // Left behind in the temporary directory: nothing depends on it after the fit.
                }
            }));
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for Spark's checkpoints", e);
        }
    }
}
