package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * k nearest neighbours (Cover &amp; Hart, "Nearest neighbor pattern classification", IEEE Trans. Information
 * Theory 13(1), 1967): the score of a row is the mean target of the {@code k} stored training rows closest
 * to it in Euclidean distance, which for a 0/1 target is the share of positives among them. Neighbours at
 * equal distance are ranked by training row, so the earlier row is taken.
 *
 * <p>With {@link Weighting#DISTANCE} each neighbour counts in proportion to 1 / distance; if any
 * neighbour is at distance 0, the exact matches alone decide, with equal weights (scikit-learn's
 * {@code weights="distance"} does the same).
 *
 * <p>The inputs are numeric; a model puts the preparation (imputation, indicators, scaling) in front, so
 * the stored points are the prepared training rows. A missing value that still reaches the scorer is
 * left out of the distance. When fewer than {@code k} rows are stored, all of them are the neighbours.
 *
 * <p>The search runs on a k-d tree (Friedman, Bentley &amp; Finkel, ACM TOMS 3(3), 1977) built from the
 * points when the scorer is created, also when it is read from a file, so the file holds only the points
 * and the targets. It returns exactly the neighbours a full scan would; on data whose many dimensions all
 * matter, where no tree prunes, it scans (the index decides when it is built, by counting its own work).
 * Building takes about a second per 100,000 rows of a few dozen features.
 *
 * <p>Three or more classes ({@link #classCount()} K, the stored targets being class codes 0..K−1): each
 * class's probability is its share of the neighbours' votes, weighted as above, in the target's level order;
 * {@link #score} is the called class's share. An explanation samples Shapley values of the called class's
 * share.
 *
 * <p>Parameter count: every stored number, rows × features for the points plus one target per row. That
 * is the honest size of a model that keeps its training data; k itself is a setting, not a parameter.
 */
public final class NeighboursScorer implements Scorer {

    /** How the neighbours' targets are averaged. */
    public enum Weighting {
        /** Each of the k neighbours counts the same. */
        UNIFORM,
        /** Each neighbour counts in proportion to 1 / distance. */
        DISTANCE
    }

    /** describe() names at most this many features. */
    private static final int DESCRIBED_NAMES = 50;

    private final Schema input;
    private final int k;
    private final Weighting weighting;
    private final double[] targets;
    private final int classes;
    private final KdTree index;

    /**
     * @param points the stored rows, {@code targets.length × input.size()} finite values, row-major; copied
     * @param targets the value of each stored row (1/0 for classification); copied
     * @param k how many neighbours to average, at least 1
     */
    public NeighboursScorer(Schema input, double[] points, double[] targets, int k, Weighting weighting) {
        this(input, points, targets, k, weighting, 1);
    }

    /**
     * @param classes 1 for a score that is the neighbours' mean target (a number, or two classes as 1/0), or
     *     the number of classes K >= 3, the targets being class codes 0..K−1
     */
    public NeighboursScorer(Schema input, double[] points, double[] targets, int k, Weighting weighting,
            int classes) {
        if (classes != 1 && classes < 3) {
            throw new IllegalArgumentException("classes must be 1 (one score) or 3 or more, got " + classes);
        }
        this.classes = classes;
        this.input = Objects.requireNonNull(input, "input");
        this.weighting = Objects.requireNonNull(weighting, "weighting");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException("a neighbours scorer needs at least one stored row");
        }
        for (int j = 0; j < input.size(); j++) {
            if (!input.feature(j).isNumeric()) {
                throw new IllegalArgumentException("a neighbours scorer needs numeric inputs; '"
                        + input.feature(j).name() + "' is categorical (encode it first)");
            }
        }
        int dims = input.size();
        if ((long) targets.length * dims != points.length) {
            throw new IllegalArgumentException("need " + targets.length + " rows x " + dims + " features = "
                    + (long) targets.length * dims + " point values, got " + points.length);
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException("stored row " + i / Math.max(1, dims) + ", feature '"
                        + input.feature(i % dims).name() + "' is " + points[i] + "; points must be finite");
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("target of stored row " + i + " is " + targets[i]
                        + "; targets must be finite");
            }
            if (classes > 1 && !(targets[i] >= 0 && targets[i] < classes && targets[i] == Math.rint(targets[i]))) {
                throw new IllegalArgumentException("target of stored row " + i + " is " + targets[i]
                        + "; with " + classes + " classes targets must be class codes 0 to " + (classes - 1));
            }
        }
        this.k = k;
        this.targets = targets.clone();
        this.index = new KdTree(points, targets.length, dims, Math.min(k, targets.length));
    }

    @Override
    public Schema input() {
        return input;
    }

    /** The number of neighbours asked for (fewer are used when fewer rows are stored). */
    public int k() {
        return k;
    }

    public Weighting weighting() {
        return weighting;
    }

    /** How many training rows are stored. */
    public int rows() {
        return targets.length;
    }

    /** The stored (prepared) value of a training row's feature. */
    public double point(int row, int feature) {
        return index.value(row, feature);
    }

    /** The stored target of a training row. */
    public double target(int row) {
        return targets[row];
    }

    /**
     * The stored rows (plus k-d tree boxes) an average search compares a query with, each comparison at most one
     * subtraction and square per feature: every row when the index scans, far fewer when its tree prunes (few
     * effective dimensions). Counted on stored rows when the scorer was built, so it is a function of the data;
     * {@code rows() × searchWork() × input().size()} bounds the work of scoring as many rows as are stored.
     */
    public double searchWork() {
        return index.searchWork();
    }

    /** The training rows nearest to {@code x}, nearest first (ties: earlier row first), min(k, rows) of them. */
    public int[] neighbours(double[] x) {
        int[] rows = new int[Math.min(k, targets.length)];
        index.nearest(x, rows, new double[rows.length]);
        return rows;
    }

    /** 1 for one score per row, else the number of classes. */
    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public double score(double[] x) {
        if (classes > 1) {
            double[] p = scoreClasses(x);
            return p[MulticlassScorer.argmax(p)];
        }
        int m = Math.min(k, targets.length);
        int[] rows = new int[m];
        double[] squared = new double[m];
        index.nearest(x, rows, squared);
        if (weighting == Weighting.DISTANCE) {
            if (squared[0] == 0) {
                // Exact matches decide alone; they come first, the nearest being first.
                double sum = 0;
                int count = 0;
                while (count < m && squared[count] == 0) {
                    sum += targets[rows[count]];
                    count++;
                }
                return sum / count;
            }
            double weighted = 0;
            double total = 0;
            for (int i = 0; i < m; i++) {
                double w = 1.0 / Math.sqrt(squared[i]);
                weighted += w * targets[rows[i]];
                total += w;
            }
            // An infinitely far query gives every neighbour weight 0: fall back to equal weights.
            return total > 0 ? weighted / total : mean(rows);
        }
        return mean(rows);
    }

    /** Each class's share of the neighbours' votes, weighted as {@link #score} weights them (K >= 3 classes). */
    @Override
    public double[] scoreClasses(double[] x) {
        if (classes == 1) {
            return Scorer.super.scoreClasses(x);
        }
        int m = Math.min(k, targets.length);
        int[] rows = new int[m];
        double[] squared = new double[m];
        index.nearest(x, rows, squared);
        double[] votes = new double[classes];
        int counted = m;
        double[] weight = new double[m];
        java.util.Arrays.fill(weight, 1.0);
        if (weighting == Weighting.DISTANCE) {
            if (squared[0] == 0) {
                // Exact matches decide alone, with equal weights; they come first.
                counted = 0;
                while (counted < m && squared[counted] == 0) {
                    counted++;
                }
            } else {
                double total = 0;
                for (int i = 0; i < m; i++) {
                    weight[i] = 1.0 / Math.sqrt(squared[i]);
                    total += weight[i];
                }
                if (!(total > 0)) {
                    // An infinitely far query gives every neighbour weight 0: fall back to equal weights.
                    java.util.Arrays.fill(weight, 1.0);
                }
            }
        }
        double total = 0;
        for (int i = 0; i < counted; i++) {
            votes[(int) targets[rows[i]]] += weight[i];
            total += weight[i];
        }
        for (int c = 0; c < classes; c++) {
            votes[c] /= total;
        }
        return votes;
    }

    private double mean(int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += targets[r];
        }
        return sum / rows.length;
    }

    /** How many stored rows, evenly spaced, make the background of an explanation. */
    static final int BACKGROUND_ROWS = 32;

    /**
     * Shapley values sampled against a background of stored training rows (see {@link SampledShapley}), on
     * the score itself (the neighbours' mean target: a probability for classification). The background is
     * {@value #BACKGROUND_ROWS} stored rows evenly spaced through the training rows (all when fewer), so the
     * baseline is their mean score. Costs a few hundred neighbour searches per row.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        int n = targets.length;
        int b = Math.min(BACKGROUND_ROWS, n);
        double[][] background = new double[b][input.size()];
        for (int i = 0; i < b; i++) {
            int row = (int) ((long) i * n / b);
            for (int j = 0; j < input.size(); j++) {
                background[i][j] = point(row, j);
            }
        }
        if (classes > 1) {
            // The called class's share, that class held fixed while the features are swapped.
            int called = MulticlassScorer.argmax(scoreClasses(x));
            return SampledShapley.attribute(row -> scoreClasses(row)[called], false, x, background, groupOf, groups);
        }
        return SampledShapley.attribute(this::score, false, x, background, groupOf, groups);
    }

    @Override
    public long parameterCount() {
        return (long) targets.length * (input.size() + 1);
    }

    @Override
    public String describe() {
        int used = Math.min(k, targets.length);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "k nearest neighbours: k = %d, %d training rows stored, "
                + "Euclidean distance over %d prepared features%n", k, targets.length, input.size()));
        sb.append("score = ").append(weighting == Weighting.UNIFORM ? "mean" : "1/distance-weighted mean")
                .append(" target of the ").append(used).append(used == 1 ? " nearest row" : " nearest rows")
                .append(classes > 1 ? " (each of the " + classes + " classes' probability is its share of the votes)"
                        : " (for classification, the share of positives)")
                .append("; ties in distance go to the earlier row\n");
        List<String> names = input.names();
        sb.append("features: ").append(String.join(", ", names.subList(0, Math.min(names.size(), DESCRIBED_NAMES))));
        if (names.size() > DESCRIBED_NAMES) {
            sb.append(", and ").append(names.size() - DESCRIBED_NAMES).append(" more");
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "neighbours");
        node.set("schema", Json.schemaToJson(input));
        node.put("k", k);
        node.put("distance", "euclidean");
        node.put("weights", weighting.name().toLowerCase(Locale.ROOT));
        node.put("rows", targets.length);
        if (classes > 1) {
            node.put("classes", classes);
        }
        node.set("targets", Json.array(targets));
        ArrayNode points = node.putArray("points");
        int dims = input.size();
        for (int i = 0; i < targets.length; i++) {
            ArrayNode row = points.addArray();
            for (int j = 0; j < dims; j++) {
                row.add(index.value(i, j));
            }
        }
        return node;
    }

    static NeighboursScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        int k = Json.required(node, "k").intValue();
        String distance = Json.required(node, "distance").asText();
        if (!distance.equals("euclidean")) {
            throw new IllegalArgumentException("distance must be euclidean, got '" + distance + "'");
        }
        String weights = Json.required(node, "weights").asText();
        Weighting weighting;
        try {
            weighting = Weighting.valueOf(weights.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weights must be uniform or distance, got '" + weights + "'");
        }
        double[] targets = Json.doubles(Json.required(node, "targets"));
        JsonNode rows = Json.required(node, "points");
        if (rows.size() != targets.length) {
            throw new IllegalArgumentException("expected " + targets.length + " stored points, got " + rows.size());
        }
        int dims = schema.size();
        double[] points = new double[targets.length * dims];
        for (int i = 0; i < targets.length; i++) {
            JsonNode row = rows.get(i);
            if (row.size() != dims) {
                throw new IllegalArgumentException("stored point " + i + " has " + row.size() + " values, expected "
                        + dims);
            }
            for (int j = 0; j < dims; j++) {
                points[i * dims + j] = row.get(j).doubleValue();
            }
        }
        int classes = node.has("classes") ? node.get("classes").asInt() : 1;
        return new NeighboursScorer(schema, points, targets, k, weighting, classes);
    }
}
