package dev.occam.core.segment;

import dev.occam.core.data.Target;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What each segment is, in the data's own units: its size and share, and the columns ranked by how much they set it
 * apart, plus a shallow decision tree on the segment labels as a membership rule.
 *
 * <ul>
 *   <li>A numeric column's contrast is the standardised median difference {@code (median in segment - median
 *       overall) / sd overall} (medians resist the skew typical of amounts; the overall standard deviation puts
 *       every column on one scale): "spend high (median 920 vs 310 overall)".
 *   <li>A categorical column's contrast is its most over-represented level's share difference over the level's
 *       binomial standard deviation {@code (p_seg - p) / sqrt(p (1 - p))}: "plan mostly premium (62% vs 20% overall)".
 *   <li>The membership rule is a CART tree ({@link DecisionTree}, rpart's rules) of depth at most 3 fitted to the
 *       labels on the raw columns; each leaf says "segment s when ..." and the accuracy is the share of rows whose
 *       leaf's majority segment is their own (on the rows it was fitted on, so it describes, it does not predict).
 * </ul>
 */
public final class SegmentProfiles {

    /** One column's contrast for a segment: the signed standardised difference and the sentence. */
    public record Contrast(String column, double score, String words) {
    }

    /** A segment: its number (from 1, as people count), size, share and contrasts by decreasing |score|. */
    public record Profile(int segment, int size, double share, List<Contrast> contrasts) {

        /** The first {@code m} contrasts' sentences joined: "spend high (median 920 vs 310 overall); ...". */
        public String summary(int m) {
            return String.join("; ", contrasts.stream().limit(m).map(Contrast::words).toList());
        }
    }

    /** A membership rule: one sentence per leaf and the share of rows it puts in their own segment. */
    public record MembershipRule(List<String> rules, double accuracy, int depth) {
    }

    private SegmentProfiles() {
    }

    /**
     * @param frame the raw columns (before preparation), one row per label
     * @param labels each row's segment, 0..k-1
     * @param k the number of segments
     */
    public static List<Profile> profiles(Frame frame, int[] labels, int k) {
        int n = frame.rows();
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: " + labels.length + " for " + n + " rows");
        }
        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        List<List<Contrast>> contrasts = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            contrasts.add(new ArrayList<>());
        }
        for (Column column : frame.columns()) {
            if (column instanceof NumericColumn x) {
                numericContrasts(x, labels, k, contrasts);
            } else {
                categoricalContrasts((CategoricalColumn) column, labels, k, contrasts);
            }
        }
        List<Profile> out = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            List<Contrast> c = new ArrayList<>(contrasts.get(s));
            c.sort(Comparator.comparingDouble((Contrast v) -> -Math.abs(v.score())));
            out.add(new Profile(s + 1, sizes[s], (double) sizes[s] / n, List.copyOf(c)));
        }
        return out;
    }

    private static void numericContrasts(NumericColumn x, int[] labels, int k, List<List<Contrast>> out) {
        double[] all = Arrays.stream(x.values()).filter(v -> !Double.isNaN(v)).toArray();
        if (all.length < 2) {
            return;
        }
        double overall = median(all);
        double mean = Arrays.stream(all).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / (all.length - 1));
        if (!(sd > 0)) {
            return;
        }
        for (int s = 0; s < k; s++) {
            final int seg = s;
            double[] in = java.util.stream.IntStream.range(0, labels.length)
                    .filter(i -> labels[i] == seg && !Double.isNaN(x.value(i))).mapToDouble(i -> x.value(i)).toArray();
            if (in.length == 0) {
                continue;
            }
            double m = median(in);
            double score = (m - overall) / sd;
            String direction = Math.abs(score) < 0.1 ? "typical" : score > 0 ? "high" : "low";
            out.get(s).add(new Contrast(x.name(), score, x.name() + " " + direction + " (median " + readable(m) + " vs "
                    + readable(overall) + " overall)"));
        }
    }

    private static void categoricalContrasts(CategoricalColumn c, int[] labels, int k, List<List<Contrast>> out) {
        int levels = c.levels().size();
        double[][] counts = new double[k][levels];
        double[] overall = new double[levels];
        double[] present = new double[k];
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            int code = c.code(i);
            if (code >= 0) {
                counts[labels[i]][code]++;
                overall[code]++;
                present[labels[i]]++;
                total++;
            }
        }
        if (total == 0) {
            return;
        }
        for (int s = 0; s < k; s++) {
            if (present[s] == 0) {
                continue;
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < levels; l++) {
                double p = overall[l] / total;
                if (p <= 0 || p >= 1) {
                    continue;
                }
                double score = (counts[s][l] / present[s] - p) / Math.sqrt(p * (1 - p));
                if (score > bestScore) {
                    bestScore = score;
                    best = l;
                }
            }
            if (best < 0) {
                continue;
            }
            double share = counts[s][best] / present[s];
            String lead = share >= 0.5 ? " mostly " : " often ";
            out.get(s).add(new Contrast(c.name(), bestScore, c.name() + lead + c.levels().get(best) + " ("
                    + percent(share) + " vs " + percent(overall[best] / total) + " overall)"));
        }
    }

    /**
     * A CART tree of depth at most {@code maxDepth} on the raw columns predicting the segment, read as rules.
     *
     * @param frame the raw columns
     * @param labels each row's segment, 0..k-1, with k >= 2
     */
    public static MembershipRule membershipRule(Frame frame, int[] labels, int k, int maxDepth) {
        if (k < 2) {
            return new MembershipRule(List.of("segment 1: every row"), 1.0, 0);
        }
        int n = labels.length;
        List<String> names = new ArrayList<>();
        for (int s = 1; s <= k; s++) {
            names.add("segment " + s);
        }
        double[] values = new double[n];
        TargetInfo info;
        if (k == 2) {
            info = TargetInfo.classification("segment", names.get(1), names.get(0));
            for (int i = 0; i < n; i++) {
                values[i] = labels[i] == 1 ? 1 : 0;
            }
        } else {
            info = TargetInfo.multiclass("segment", names);
            for (int i = 0; i < n; i++) {
                values[i] = labels[i];
            }
        }
        int minLeaf = Math.max(5, n / 100);
        DecisionTree tree = new DecisionTree(new DecisionTree.Options(maxDepth, 2 * minLeaf, minLeaf, 0.01));
        Model model = tree.fit(frame, new Target(info, values));
        TreeScorer scorer = model.scorer() instanceof MulticlassScorer m ? (TreeScorer) m.components().get(0)
                : (TreeScorer) model.scorer();
        List<TreeScorer.Node> nodes = scorer.nodes();
        int[][] leafCounts = new int[nodes.size()][k];
        int[] leafOf = new int[n];
        for (int i = 0; i < n; i++) {
            leafOf[i] = scorer.leafOf(frame.row(i));
            leafCounts[leafOf[i]][labels[i]]++;
        }
        int correct = 0;
        int[] majority = new int[nodes.size()];
        for (int leaf = 0; leaf < nodes.size(); leaf++) {
            for (int s = 1; s < k; s++) {
                if (leafCounts[leaf][s] > leafCounts[leaf][majority[leaf]]) {
                    majority[leaf] = s;
                }
            }
            correct += leafCounts[leaf][majority[leaf]];
        }
        List<String> rules = new ArrayList<>();
        collect(scorer, nodes, 0, new ArrayList<>(), leafCounts, majority, rules);
        return new MembershipRule(List.copyOf(rules), (double) correct / n, scorer.depth());
    }

    private static void collect(TreeScorer scorer, List<TreeScorer.Node> nodes, int i, List<String> path,
            int[][] leafCounts, int[] majority, List<String> rules) {
        TreeScorer.Node node = nodes.get(i);
        if (node.isLeaf()) {
            int rows = Arrays.stream(leafCounts[i]).sum();
            if (rows == 0) {
                return;
            }
            String when = path.isEmpty() ? "every row" : String.join(" and ", path);
            rules.add("segment " + (majority[i] + 1) + " when " + when + " (" + rows + " rows, "
                    + percent((double) leafCounts[i][majority[i]] / rows) + " of them in segment " + (majority[i] + 1) + ")");
            return;
        }
        path.add(scorer.condition(node, true));
        collect(scorer, nodes, node.left(), path, leafCounts, majority, rules);
        path.set(path.size() - 1, scorer.condition(node, false));
        collect(scorer, nodes, node.right(), path, leafCounts, majority, rules);
        path.remove(path.size() - 1);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Three significant digits, no exponent for ordinary magnitudes. */
    static String readable(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Json.number(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
    }

    private static String percent(double share) {
        return Math.round(100 * share) + "%";
    }
}
