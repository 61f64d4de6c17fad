package dev.occam.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latencies, written in the Prometheus text exposition format (version 0.0.4):
 * {@code occam_requests_total{endpoint, model, status}}, {@code occam_rows_scored_total{model}} and a latency
 * histogram {@code occam_request_duration_seconds{endpoint}} measured inside the server, from the handler's start
 * to the last byte of the answer written. Lock-free counters ({@link LongAdder}), so counting costs a request
 * nanoseconds.
 */
final class Metrics {

    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rows = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    void record(String endpoint, String model, int status, long nanos) {
        requests.computeIfAbsent(new RequestKey(endpoint, model == null ? "" : model, status), k -> new LongAdder())
                .increment();
        latency.computeIfAbsent(endpoint, k -> new Histogram()).observe(nanos);
    }

    void rowsScored(String model, int n) {
        rows.computeIfAbsent(model, k -> new LongAdder()).add(n);
    }

    /**
     * The metrics in the Prometheus text format, with the models served now as {@code occam_model_info}, what
     * their monitors have seen (drift, calls, selection rates) and the decision log's counts (when there is one).
     */
    String text(Map<String, ServedModel> models, java.util.List<LiveMonitor> monitors, DecisionLog decisionLog) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP occam_requests_total HTTP requests answered, by endpoint, model and status.\n");
        sb.append("# TYPE occam_requests_total counter\n");
        Map<RequestKey, LongAdder> sortedRequests = new TreeMap<>(requests);
        sortedRequests.forEach((k, v) -> sb.append("occam_requests_total{endpoint=\"").append(k.endpoint())
                .append("\",model=\"").append(escape(k.model())).append("\",status=\"").append(k.status())
                .append("\"} ").append(v.sum()).append('\n'));
        sb.append("# HELP occam_rows_scored_total Rows scored, by model.\n");
        sb.append("# TYPE occam_rows_scored_total counter\n");
        new TreeMap<>(rows).forEach((k, v) -> sb.append("occam_rows_scored_total{model=\"").append(escape(k))
                .append("\"} ").append(v.sum()).append('\n'));
        sb.append("# HELP occam_request_duration_seconds Time to answer a request, inside the server.\n");
        sb.append("# TYPE occam_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((endpoint, h) -> h.write(sb, endpoint));
        sb.append("# HELP occam_model_info The model version served, by name (value 1).\n");
        sb.append("# TYPE occam_model_info gauge\n");
        models.forEach((name, m) -> sb.append("occam_model_info{model=\"").append(escape(name))
                .append("\",version=\"").append(m.version()).append("\",family=\"")
                .append(escape(m.model().family())).append("\"} 1\n"));
        StringBuilder psi = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        StringBuilder selection = new StringBuilder();
        StringBuilder ratios = new StringBuilder();
        monitors.forEach(m -> m.writeMetrics(psi, calls, selection, ratios));
        sb.append("# HELP occam_feature_psi Population stability index of live rows against the training bins, by"
                + " model and feature (models whose file records training distributions, once they have scored).\n");
        sb.append("# TYPE occam_feature_psi gauge\n").append(psi);
        sb.append("# HELP occam_predictions_total Rows called each class since the model version was loaded.\n");
        sb.append("# TYPE occam_predictions_total counter\n").append(calls);
        sb.append("# HELP occam_selection_rate Live share of favourable decisions by protected group, from requests"
                + " that carry the attribute named in the card.\n");
        sb.append("# TYPE occam_selection_rate gauge\n").append(selection);
        sb.append("# HELP occam_selection_rate_ratio Lowest group's selection rate over the highest's (groups of at"
                + " least 30 live rows); the four-fifths rule asks for 0.8 or more.\n");
        sb.append("# TYPE occam_selection_rate_ratio gauge\n").append(ratios);
        if (decisionLog != null) {
            sb.append("# HELP occam_decision_log_lines_total Decision log lines written, dropped (the queue was full)"
                    + " or failed (the write failed).\n");
            sb.append("# TYPE occam_decision_log_lines_total counter\n");
            sb.append("occam_decision_log_lines_total{outcome=\"written\"} ").append(decisionLog.written()).append('\n');
            sb.append("occam_decision_log_lines_total{outcome=\"dropped\"} ").append(decisionLog.dropped()).append('\n');
            sb.append("occam_decision_log_lines_total{outcome=\"failed\"} ").append(decisionLog.failed()).append('\n');
            sb.append("# HELP occam_decision_log_queue Decision log lines waiting for the writer.\n");
            sb.append("# TYPE occam_decision_log_queue gauge\n");
            sb.append("occam_decision_log_queue ").append(decisionLog.queued()).append('\n');
            sb.append("# HELP occam_decision_log_rotations_total Times the decision log was rotated by size.\n");
            sb.append("# TYPE occam_decision_log_rotations_total counter\n");
            sb.append("occam_decision_log_rotations_total ").append(decisionLog.rotations()).append('\n');
        }
        return sb.toString();
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private record RequestKey(String endpoint, String model, int status) implements Comparable<RequestKey> {
        @Override
        public int compareTo(RequestKey o) {
            int c = endpoint.compareTo(o.endpoint);
            if (c == 0) {
                c = model.compareTo(o.model);
            }
            return c != 0 ? c : Integer.compare(status, o.status);
        }
    }

    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
        private final LongAdder count = new LongAdder();
        private final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double seconds = nanos / 1e9;
            int i = 0;
            while (i < BOUNDS.length && seconds > BOUNDS[i]) {
                i++;
            }
            buckets[i].increment();
            count.increment();
            sumNanos.add(nanos);
        }

        void write(StringBuilder sb, String endpoint) {
            long cumulative = 0;
            for (int i = 0; i <= BOUNDS.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < BOUNDS.length ? java.math.BigDecimal.valueOf(BOUNDS[i]).toPlainString() : "+Inf";
                sb.append("occam_request_duration_seconds_bucket{endpoint=\"").append(endpoint).append("\",le=\"")
                        .append(le).append("\"} ").append(cumulative).append('\n');
            }
            sb.append("occam_request_duration_seconds_sum{endpoint=\"").append(endpoint).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.9f", sumNanos.sum() / 1e9)).append('\n');
            sb.append("occam_request_duration_seconds_count{endpoint=\"").append(endpoint).append("\"} ")
                    .append(count.sum()).append('\n');
        }
    }
}
