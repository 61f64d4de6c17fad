package dev.occam.core.usecase;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A segmentation use case ({@code task: segment}), read by {@link SegmentUseCaseReader}:
 *
 * <pre>{@code
 * name: customer-segments
 * question: Which groups of customers behave alike?
 * task: segment
 * data:
 *   path: customers.csv        # or sql: ...
 *   exclude: [customer_id]
 * success:
 *   metric: stability          # stability | silhouette | bic
 *   at_least: 0.6
 * selection:                   # optional
 *   seed: 42
 *   max_segments: 9
 *   resamples: 20
 *   max_rows: 2000
 * }</pre>
 *
 * @param file the use-case file, relative paths in it are meant against its folder
 * @param data where the rows come from; {@code exclude} lists columns that are not segmented on (identifiers)
 * @param success the metric and its lower bound
 * @param settings the seed and the ladder's sizes
 */
public record SegmentUseCase(Path file, String name, String question, DataSpec data, Success success,
        Settings settings) {

    /** The metrics a segmentation is judged by. */
    public static final List<String> METRICS = List.of("stability", "silhouette", "bic");

    public SegmentUseCase {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(settings, "settings");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new KeyedArgumentException("name", "name must be lowercase letters, digits and single hyphens, such "
                    + "as customer-segments: " + Text.quote(name));
        }
        if (data.dropLeaks()) {
            throw new KeyedArgumentException("data.drop_leaks", "data.drop_leaks is for prediction tasks; a "
                    + "segmentation has no target to leak");
        }
    }

    /**
     * The success bar: the chosen segmentation's {@code metric} at least {@code atLeast}.
     *
     * @param metric stability (mean adjusted Rand index over bootstrap resamples, at most 1), silhouette (mean, in
     *     [-1, 1]) or bic (mclust's sign: larger is better)
     */
    public record Success(String metric, double atLeast) {

        public Success {
            if (!METRICS.contains(metric)) {
                throw new KeyedArgumentException("success.metric", "success.metric must be one of "
                        + String.join(", ", METRICS) + ": " + Text.quote(metric));
            }
            if (!Double.isFinite(atLeast)) {
                throw new KeyedArgumentException("success.at_least", "success.at_least must be a finite number: "
                        + atLeast);
            }
            if (!metric.equals("bic") && (atLeast > 1 || atLeast < -1)) {
                throw new KeyedArgumentException("success.at_least", "success.at_least must be in [-1, 1] for " + metric
                        + (atLeast > 1 && atLeast <= 100 ? " (a share, not a percentage)" : "") + ": " + atLeast);
            }
        }

        /** Whether {@code value} meets the bar; NaN never does. */
        public boolean isMet(double value) {
            return value >= atLeast;
        }

        /** "stability at least 0.6". */
        public String describe() {
            return metric + " at least " + dev.occam.runtime.io.Json.number(atLeast);
        }
    }

    /**
     * @param seed the one seed every random choice derives from (starts, resamples, samples)
     * @param maxSegments the most segments tried, 2..20
     * @param resamples bootstrap resamples for stability, 2..500
     * @param maxRows the most rows the ladder is fitted on (a seeded sample above it; every row is assigned)
     */
    public record Settings(long seed, int maxSegments, int resamples, int maxRows) {

        public static final Settings DEFAULTS = new Settings(SelectionSpec.DEFAULT_SEED, 9, 20, 2000);

        public Settings {
            if (maxSegments < 2 || maxSegments > 20) {
                throw new KeyedArgumentException("selection.max_segments", "selection.max_segments must be between 2 "
                        + "and 20: " + maxSegments);
            }
            if (resamples < 2 || resamples > 500) {
                throw new KeyedArgumentException("selection.resamples", "selection.resamples must be between 2 and "
                        + "500: " + resamples);
            }
            if (maxRows < 50) {
                throw new KeyedArgumentException("selection.max_rows", "selection.max_rows must be at least 50: "
                        + maxRows);
            }
        }
    }
}
