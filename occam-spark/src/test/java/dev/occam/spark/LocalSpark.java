package dev.occam.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the module (a session takes ~15 s to start). */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = Sessions.open("local[2]");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
