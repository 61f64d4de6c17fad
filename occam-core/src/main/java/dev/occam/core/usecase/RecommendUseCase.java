package dev.occam.core.usecase;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code task: recommend} use case: which items each user should see next, from a table with one row per
 * interaction. Read by {@link RecommendUseCaseReader}.
 *
 * @param file the use-case file (relative paths were resolved against its folder)
 * @param user the column naming the user of each interaction
 * @param item the column naming the item
 * @param time the column giving when it happened, or null: with it each user's latest interactions are held out,
 *     without it a random share, seeded
 * @param rating the column with an explicit rating (a positive number), or null: every interaction counts 1
 * @param metric the success metric, {@code bar} the value it must reach (at least)
 */
public record RecommendUseCase(Path file, String name, String question, DataSpec data, String user, String item,
        String time, String rating, Metric metric, double bar) {

    /** The success metrics of a recommender, each at a list of 10. */
    public enum Metric {
        NDCG("ndcg@10"), RECALL("recall@10"), MAP("map@10"), COVERAGE("coverage");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** Whether the metric is kept per user (so two rungs can be compared user by user); coverage is not. */
        public boolean perUser() {
            return this != COVERAGE;
        }

        public static Metric fromKey(String key) {
            for (Metric m : values()) {
                if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown recommendation metric '" + key + "'");
        }
    }

    public RecommendUseCase {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metric, "metric");
        if (user.equals(item)) {
            throw new KeyedArgumentException("item", "user and item are both '" + user + "'; they must be two columns");
        }
        for (String[] pair : new String[][] {{"time", time}, {"rating", rating}}) {
            if (pair[1] != null && (pair[1].equals(user) || pair[1].equals(item))) {
                throw new KeyedArgumentException(pair[0], pair[0] + " is '" + pair[1] + "', which is already the "
                        + (pair[1].equals(user) ? "user" : "item") + " column");
            }
        }
        if (time != null && time.equals(rating)) {
            throw new KeyedArgumentException("rating", "time and rating are both '" + time + "'; they must be two columns");
        }
        if (!(bar >= 0 && bar <= 1)) {
            throw new KeyedArgumentException("success.at_least", "success.at_least must be in [0, 1] for " + metric.key()
                    + (bar > 1 && bar <= 100 ? " (a share, not a percentage)" : "") + ": " + bar);
        }
    }

    /** The criterion as a person reads it, such as {@code ndcg@10 at least 0.05}. */
    public String describeSuccess() {
        return metric.key() + " at least " + dev.occam.runtime.io.Json.number(bar);
    }
}
