package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.FeatureDistribution;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.TypicalValues;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one served model version has seen since it was loaded: the live rows counted into the training bins of
 * each feature (drift as the population stability index, {@link FeatureDistribution#stabilityIndex}), the
 * distribution of its predictions, and, when requests carry a protected attribute named in the card, the share of
 * favourable decisions by group against the four-fifths rule. Lock-free counters, so watching costs a row a few
 * increments.
 */
final class LiveMonitor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Below this many live rows a stability index is reported but marked as not yet meaningful. */
    static final int MIN_ROWS_FOR_DRIFT = 100;
    /** A group needs this many live rows to enter the selection-rate ratio (as the fit's audit: 30). */
    static final int MIN_GROUP_ROWS = 30;
    /** More distinct groups than this per attribute are pooled as "other", so clients cannot grow the map. */
    static final int MAX_GROUPS = 100;
    private static final int PROBABILITY_BINS = 10;

    private final ServedModel served;
    private final Instant since = Instant.now();
    private final LongAdder rows = new LongAdder();
    /** Per feature, live rows per training bin; null when the model file has no training distributions. */
    private final LongAdder[][] bins;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder[] probabilities = adders(PROBABILITY_BINS);
    private final DoubleAdder sum = new DoubleAdder();
    private final DoubleAccumulator min = new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
    private final DoubleAccumulator max = new DoubleAccumulator(Math::max, Double.NEGATIVE_INFINITY);
    /** Per protected attribute, per group: rows and favourable decisions. */
    private final Map<String, Map<String, LongAdder[]>> groups = new ConcurrentHashMap<>();

    LiveMonitor(ServedModel served) {
        this.served = served;
        TypicalValues typical = served.model().typicalValues();
        if (typical != null && typical.hasDistributions()) {
            Schema schema = served.model().schema();
            bins = new LongAdder[schema.size()][];
            for (int i = 0; i < schema.size(); i++) {
                bins[i] = adders(typical.distribution(i).bins());
            }
        } else {
            bins = null;
        }
    }

    ServedModel served() {
        return served;
    }

    /** Counts one scored row: its features, its prediction and, when the request carries them, its groups. */
    void observe(Row row, JsonNode sent, Prediction p) {
        Model model = served.model();
        rows.increment();
        if (bins != null) {
            Schema schema = model.schema();
            TypicalValues typical = model.typicalValues();
            for (int i = 0; i < schema.size(); i++) {
                FeatureDistribution d = typical.distribution(i);
                Object value = row.get(schema.feature(i).name());
                int b;
                if (value == null) {
                    b = d.missingBin();
                } else {
                    double v = schema.encodeValue(i, value);
                    b = Double.isNaN(v) && schema.feature(i).isCategorical() ? d.unseenBin() : d.bin(v);
                }
                bins[i][b].increment();
            }
        }
        if (model.target().isRegression()) {
            double v = p.score();
            sum.add(v);
            min.accumulate(v);
            max.accumulate(v);
        } else {
            calls.computeIfAbsent(p.label(), k -> new LongAdder()).increment();
            if (model.target().isClassification()) {
                double pr = p.probability();
                probabilities[Math.min(PROBABILITY_BINS - 1, Math.max(0, (int) (pr * PROBABILITY_BINS)))].increment();
            }
        }
        FairnessWatch watch = served.fairness();
        if (watch != null && sent != null) {
            for (String attribute : watch.attributes()) {
                JsonNode value = sent.get(attribute);
                if (value == null) {
                    continue;
                }
                String group = watch.group(attribute, value);
                if (group == null) {
                    continue;
                }
                Map<String, LongAdder[]> byGroup = groups.computeIfAbsent(attribute, a -> new ConcurrentHashMap<>());
                LongAdder[] counts = byGroup.get(group);
                if (counts == null) {
                    counts = byGroup.computeIfAbsent(byGroup.size() >= MAX_GROUPS ? "other" : group, g -> adders(2));
                }
                counts[0].increment();
                if (p.label().equals(watch.favourable())) {
                    counts[1].increment();
                }
            }
        }
    }

    /** The document of {@code GET /v1/models/{name}/monitor}. */
    ObjectNode toJson() {
        ObjectNode root = JSON.objectNode();
        root.put("model", served.name());
        root.put("version", served.version());
        root.put("since", since.toString());
        long n = rows.sum();
        root.put("rows", n);
        root.set("drift", drift(n));
        root.set("predictions", predictions(n));
        root.set("fairness", fairness());
        return root;
    }

    private ObjectNode drift(long n) {
        ObjectNode drift = JSON.objectNode();
        if (bins == null) {
            drift.put("available", false);
            drift.put("reason", "the model file has no training distributions (written before Occam recorded them);"
                    + " fit the model again to watch drift");
            return drift;
        }
        drift.put("available", true);
        drift.put("method", "population stability index over the training deciles (numbers) or levels"
                + " (categories), with missing and unseen as bins of their own; below 0.1 stable, 0.1-0.25 a"
                + " moderate shift, above 0.25 a major one (Siddiqi 2006)");
        if (n < MIN_ROWS_FOR_DRIFT) {
            drift.put("note", "only " + n + " live row(s) so far; the index means little below "
                    + MIN_ROWS_FOR_DRIFT);
        }
        ArrayNode features = drift.putArray("features");
        Schema schema = served.model().schema();
        for (int i = 0; i < schema.size(); i++) {
            FeatureDistribution d = served.model().typicalValues().distribution(i);
            long[] live = sums(bins[i]);
            double psi = d.stabilityIndex(live);
            ObjectNode f = features.addObject();
            f.put("feature", schema.feature(i).name());
            if (Double.isNaN(psi)) {
                f.putNull("psi");
            } else {
                f.put("psi", psi);
            }
            f.put("status", Double.isNaN(psi) ? "no rows yet" : psi < 0.1 ? "stable" : psi <= 0.25 ? "moderate shift"
                    : "major shift");
            ArrayNode b = f.putArray("bins");
            long[] training = d.counts();
            long m = java.util.Arrays.stream(training).sum();
            List<String> names = d.binNames();
            for (int k = 0; k < training.length; k++) {
                b.addObject().put("bin", names.get(k)).put("training_share", m == 0 ? 0 : (double) training[k] / m)
                        .put("live_share", n == 0 ? 0 : (double) live[k] / n);
            }
        }
        return drift;
    }

    private ObjectNode predictions(long n) {
        ObjectNode out = JSON.objectNode();
        Model model = served.model();
        if (model.target().isRegression()) {
            out.put("count", n);
            if (n > 0) {
                out.put("mean", sum.sum() / n);
                out.put("min", min.get());
                out.put("max", max.get());
            }
            return out;
        }
        ObjectNode counts = out.putObject("calls");
        List<String> labels = model.target().isClassification()
                ? List.of(model.target().positive(), model.target().negative()) : model.target().levels();
        for (String label : labels) {
            LongAdder c = calls.get(label);
            counts.put(label, c == null ? 0 : c.sum());
        }
        if (model.target().isClassification()) {
            ArrayNode h = out.putArray("probability_histogram");
            for (int k = 0; k < PROBABILITY_BINS; k++) {
                h.addObject().put("from", k / (double) PROBABILITY_BINS).put("to", (k + 1) / (double) PROBABILITY_BINS)
                        .put("rows", probabilities[k].sum());
            }
        }
        return out;
    }

    private ObjectNode fairness() {
        ObjectNode out = JSON.objectNode();
        FairnessWatch watch = served.fairness();
        if (watch == null) {
            out.put("available", false);
            out.put("reason", served.model().target().isClassification()
                    ? "the card.json beside the model names no protected attribute"
                    : "selection rates are watched for two-class models only");
            return out;
        }
        out.put("available", true);
        out.put("favourable_decision", watch.favourable());
        out.put("min_selection_rate_ratio", watch.minRatio());
        ArrayNode attributes = out.putArray("attributes");
        for (String attribute : watch.attributes()) {
            ObjectNode a = attributes.addObject();
            a.put("attribute", attribute);
            Map<String, LongAdder[]> byGroup = groups.getOrDefault(attribute, Map.of());
            ArrayNode list = a.putArray("groups");
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            int compared = 0;
            for (Map.Entry<String, LongAdder[]> e : new TreeMap<>(byGroup).entrySet()) {
                long r = e.getValue()[0].sum();
                long f = e.getValue()[1].sum();
                double rate = r == 0 ? Double.NaN : (double) f / r;
                ObjectNode g = list.addObject().put("group", e.getKey()).put("rows", r).put("favourable", f);
                g.put("selection_rate", rate);
                g.put("compared", r >= MIN_GROUP_ROWS);
                if (r >= MIN_GROUP_ROWS) {
                    compared++;
                    low = Math.min(low, rate);
                    high = Math.max(high, rate);
                }
            }
            if (compared < 2) {
                a.putNull("selection_rate_ratio");
                a.put("verdict", "not measurable yet: fewer than two groups with " + MIN_GROUP_ROWS + " live rows"
                        + (byGroup.isEmpty() ? " (no request has carried '" + attribute + "')" : ""));
            } else {
                double ratio = high == 0 ? 1 : low / high; // no group selected at all: equal rates
                a.put("selection_rate_ratio", ratio);
                a.put("verdict", ratio >= watch.minRatio() ? "meets the " + ratioWords(watch.minRatio())
                        : "below the " + ratioWords(watch.minRatio()));
            }
        }
        return out;
    }

    private static String ratioWords(double minRatio) {
        return minRatio == FairnessWatch.FOUR_FIFTHS ? "four-fifths rule (0.8)"
                : "use case's minimum ratio (" + minRatio + ")";
    }

    /** Prometheus lines: stability index per feature, calls per label, selection rates and ratios. */
    void writeMetrics(StringBuilder psi, StringBuilder predictions, StringBuilder selection, StringBuilder ratios) {
        String model = Metrics.escape(served.name());
        long n = rows.sum();
        if (bins != null && n > 0) {
            Schema schema = served.model().schema();
            for (int i = 0; i < schema.size(); i++) {
                double v = served.model().typicalValues().distribution(i).stabilityIndex(sums(bins[i]));
                psi.append("occam_feature_psi{model=\"").append(model).append("\",feature=\"")
                        .append(Metrics.escape(schema.feature(i).name())).append("\"} ").append(number(v)).append('\n');
            }
        }
        new TreeMap<>(calls).forEach((label, c) -> predictions.append("occam_predictions_total{model=\"").append(model)
                .append("\",prediction=\"").append(Metrics.escape(label)).append("\"} ").append(c.sum()).append('\n'));
        ObjectNode fairness = fairness();
        for (JsonNode a : fairness.path("attributes")) {
            String attribute = Metrics.escape(a.path("attribute").asText());
            for (JsonNode g : a.path("groups")) {
                selection.append("occam_selection_rate{model=\"").append(model).append("\",attribute=\"")
                        .append(attribute).append("\",group=\"").append(Metrics.escape(g.path("group").asText()))
                        .append("\"} ").append(number(g.path("selection_rate").asDouble(Double.NaN))).append('\n');
            }
            if (a.path("selection_rate_ratio").isNumber()) {
                ratios.append("occam_selection_rate_ratio{model=\"").append(model).append("\",attribute=\"")
                        .append(attribute).append("\"} ").append(number(a.get("selection_rate_ratio").doubleValue()))
                        .append('\n');
            }
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static long[] sums(LongAdder[] adders) {
        long[] out = new long[adders.length];
        for (int i = 0; i < adders.length; i++) {
            out[i] = adders[i].sum();
        }
        return out;
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** The monitors of the models served now, one per loaded version: a new version starts from zero. */
    static final class Registry {
        private final Map<String, LiveMonitor> byName = new ConcurrentHashMap<>();

        LiveMonitor of(ServedModel served) {
            LiveMonitor m = byName.get(served.name());
            if (m != null && m.served() == served) {
                return m;
            }
            return byName.compute(served.name(), (k, old) -> old != null && old.served() == served ? old
                    : new LiveMonitor(served));
        }

        /** The monitors of the given models (those served now), by name. */
        List<LiveMonitor> current(Map<String, ServedModel> models) {
            List<LiveMonitor> out = new ArrayList<>();
            models.values().forEach(s -> out.add(of(s)));
            return out;
        }
    }
}
