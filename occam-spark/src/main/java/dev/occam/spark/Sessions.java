package dev.occam.spark;

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
                    .config("spark.sql.shuffle.partitions", "4");
        }
        return builder.getOrCreate();
    }
}
