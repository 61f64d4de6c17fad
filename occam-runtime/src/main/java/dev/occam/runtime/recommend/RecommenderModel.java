package dev.occam.runtime.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted recommender with its labels: what {@code occam fit} writes for a {@code recommend} use case and
 * {@code occam predict}, {@code occam serve} and {@link dev.occam.runtime.Occam#loadRecommender} read. The
 * runtime recommender works on integer codes; this maps the user and item values (as text) to them and back,
 * keeps every known user's history (sparse: one row of item codes and weights per user), and words the reasons
 * with item labels ("because you bought Online backup and Tech support"). Immutable and thread-safe.
 */
public final class RecommenderModel {

    /**
     * The use case's columns, kept so that {@code occam predict} knows what to read and write.
     *
     * @param rating null when every interaction counted as 1
     * @param time null when the hold-out was drawn at random
     */
    public record Columns(String user, String item, String rating, String time) {

        public Columns {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * One recommended item.
     *
     * @param rank 1 for the best
     * @param because the labels of the seen items that contributed most, largest first
     * @param reason the whole reason in words
     * @param fromPopularity true when the item came from the popularity list
     */
    public record Recommended(int rank, String item, double score, List<String> because, String reason,
            boolean fromPopularity) {

        public Recommended {
            because = List.copyOf(because);
        }
    }

    /**
     * A user's list.
     *
     * @param user the user asked about, or null for an anonymous history
     * @param knownUser whether the model has a history for this user
     * @param popularityFallback true when the list is the popularity list because there was no history at all
     * @param ignoredItems items of a given history that the model does not know (new items), left out
     */
    public record UserRecommendations(String user, boolean knownUser, boolean popularityFallback,
            List<Recommended> items, List<String> ignoredItems) {

        public UserRecommendations {
            items = List.copyOf(items);
            ignoredItems = List.copyOf(ignoredItems);
        }
    }

    /** An item like another, with the model's weight from the one to the other. */
    public record Similar(String item, double weight) {
    }

    private final String useCase;
    private final Columns columns;
    private final Recommender recommender;
    private final String[] itemLabels;
    private final Map<String, Integer> itemCodes;
    private final String[] userLabels;
    private final Map<String, Integer> userCodes;
    private final int[] historyStarts;
    private final int[] historyItems;
    private final double[] historyWeights;

    /**
     * @param itemLabels one label per item code, distinct
     * @param userLabels one label per known user, distinct
     * @param historyStarts {@code users + 1} offsets into {@code historyItems} / {@code historyWeights}
     * @param historyItems each user's distinct item codes
     * @param historyWeights a positive weight per entry
     */
    public RecommenderModel(String useCase, Columns columns, Recommender recommender, List<String> itemLabels,
            List<String> userLabels, int[] historyStarts, int[] historyItems, double[] historyWeights) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.recommender = Objects.requireNonNull(recommender, "recommender");
        if (itemLabels.size() != recommender.itemCount()) {
            throw new IllegalArgumentException("the model knows " + recommender.itemCount() + " items but "
                    + itemLabels.size() + " item labels were given");
        }
        this.itemLabels = itemLabels.toArray(new String[0]);
        this.itemCodes = index(this.itemLabels, columns.item());
        this.userLabels = userLabels.toArray(new String[0]);
        this.userCodes = index(this.userLabels, columns.user());
        int users = this.userLabels.length;
        if (historyStarts.length != users + 1 || historyStarts[0] != 0 || historyStarts[users] != historyItems.length
                || historyItems.length != historyWeights.length) {
            throw new IllegalArgumentException("the histories are inconsistent: " + historyStarts.length + " row starts for "
                    + users + " users, " + historyItems.length + " items, " + historyWeights.length + " weights");
        }
        this.historyStarts = historyStarts.clone();
        this.historyItems = historyItems.clone();
        this.historyWeights = historyWeights.clone();
        // History's checks, without a History per user: 100,000 users × 50,000 items would allocate 5 GB of flags.
        int[] seenBy = new int[recommender.itemCount()];
        java.util.Arrays.fill(seenBy, -1);
        for (int u = 0; u < users; u++) {
            if (historyStarts[u + 1] < historyStarts[u]) {
                throw new IllegalArgumentException("history row starts must not decrease at user " + Text.quote(this.userLabels[u]));
            }
            for (int k = historyStarts[u]; k < historyStarts[u + 1]; k++) {
                int item = historyItems[k];
                if (item < 0 || item >= seenBy.length) {
                    throw new IllegalArgumentException("the history of " + Text.quote(this.userLabels[u]) + " has item code "
                            + item + ", outside the catalogue of " + seenBy.length + " items");
                }
                if (seenBy[item] == u) {
                    throw new IllegalArgumentException("the history of " + Text.quote(this.userLabels[u]) + " lists "
                            + Text.quote(this.itemLabels[item]) + " twice");
                }
                seenBy[item] = u;
                if (!(historyWeights[k] > 0) || Double.isInfinite(historyWeights[k])) {
                    throw new IllegalArgumentException("the weight of " + Text.quote(this.itemLabels[item]) + " in the history of "
                            + Text.quote(this.userLabels[u]) + " must be finite and > 0, got " + historyWeights[k]);
                }
            }
        }
    }

    private static Map<String, Integer> index(String[] labels, String column) {
        Map<String, Integer> codes = new HashMap<>(labels.length * 2);
        for (int k = 0; k < labels.length; k++) {
            Objects.requireNonNull(labels[k], "label");
            if (codes.put(labels[k], k) != null) {
                throw new IllegalArgumentException(column + " " + Text.quote(labels[k]) + " appears twice among the labels");
            }
        }
        return codes;
    }

    public String useCase() {
        return useCase;
    }

    public Columns columns() {
        return columns;
    }

    /** The fitted method: popularity, recent_popularity, item_knn, p3alpha, rp3beta, ease or als. */
    public String method() {
        return recommender.method();
    }

    public Recommender recommender() {
        return recommender;
    }

    public List<String> itemLabels() {
        return List.of(itemLabels);
    }

    public List<String> userLabels() {
        return List.of(userLabels);
    }

    public int userCount() {
        return userLabels.length;
    }

    public int itemCount() {
        return itemLabels.length;
    }

    /** Row starts, item codes and weights of every user's history (copies), for writing the file. */
    int[] historyStarts() {
        return historyStarts.clone();
    }

    int[] historyItems() {
        return historyItems.clone();
    }

    double[] historyWeights() {
        return historyWeights.clone();
    }

    public boolean knows(String user) {
        return userCodes.containsKey(user);
    }

    /** The item labels the user has (empty for an unknown user). */
    public List<String> historyOf(String user) {
        Integer u = userCodes.get(user);
        if (u == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int k = historyStarts[u]; k < historyStarts[u + 1]; k++) {
            out.add(itemLabels[historyItems[k]]);
        }
        return out;
    }

    /**
     * The user's {@code top} items: from their history when the model knows them, else the popularity list,
     * marked as such.
     *
     * @throws IllegalArgumentException when {@code top < 1}
     */
    public UserRecommendations recommend(String user, int top) {
        return recommend(user, List.of(), top);
    }

    /**
     * The {@code top} items for a user whose history is the stored one (when the model knows the user) plus
     * {@code moreItems} (items seen since; each counts 1 more). Items the model does not know are left out and
     * listed in {@link UserRecommendations#ignoredItems()}. A null user with items is an anonymous history.
     *
     * @throws IllegalArgumentException when {@code top < 1}
     */
    public UserRecommendations recommend(String user, List<String> moreItems, int top) {
        Recommender.checkCount(top);
        Integer u = user == null ? null : userCodes.get(user);
        Map<Integer, Double> merged = new LinkedHashMap<>();
        if (u != null) {
            for (int k = historyStarts[u]; k < historyStarts[u + 1]; k++) {
                merged.put(historyItems[k], historyWeights[k]);
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String item : moreItems) {
            Integer code = item == null ? null : itemCodes.get(item);
            if (code == null) {
                ignored.add(item);
            } else {
                merged.merge(code, 1.0, Double::sum);
            }
        }
        int[] items = new int[merged.size()];
        double[] weights = new double[merged.size()];
        int k = 0;
        for (Map.Entry<Integer, Double> e : merged.entrySet()) {
            items[k] = e.getKey();
            weights[k++] = e.getValue();
        }
        Recommendations list = recommender.recommend(new History(items, weights), top);
        List<Recommended> out = new ArrayList<>(list.items().size());
        int rank = 1;
        for (RecommendedItem r : list.items()) {
            List<String> because = r.because().stream().map(c -> itemLabels[c]).toList();
            out.add(new Recommended(rank++, itemLabels[r.item()], r.score(), because,
                    reason(r, because, list.popularityFallback()), r.fromPopularity()));
        }
        return new UserRecommendations(user, u != null, list.popularityFallback(), out, ignored);
    }

    private String reason(RecommendedItem r, List<String> because, boolean fallback) {
        if (fallback) {
            return "popular overall: no history for this " + columns.user() + ", so the most popular items are shown";
        }
        if (r.fromPopularity()) {
            return recommender instanceof PopularityRecommender
                    ? (recommender.method().equals("recent_popularity") ? "among the most popular items lately"
                            : "among the most popular items")
                    : "popular overall: the model had too little evidence to fill the list";
        }
        if (because.isEmpty()) {
            return "scored from the whole history; no single item stands out";
        }
        return "because you bought " + Text.and(because);
    }

    /**
     * The {@code top} items most like {@code item} by the model's own weights (empty for popularity, which
     * knows no similarity).
     *
     * @throws IllegalArgumentException naming the item when the model does not know it, or when {@code top < 1}
     */
    public List<Similar> similar(String item, int top) {
        Integer code = itemCodes.get(item);
        if (code == null) {
            throw new IllegalArgumentException(columns.item() + " " + Text.quote(item) + " is not in this model's catalogue of "
                    + itemLabels.length + " items" + Text.nearestHint(item, itemCodes.keySet()));
        }
        List<Similar> out = new ArrayList<>();
        for (SimilarItem s : recommender.similar(code, top)) {
            out.add(new Similar(itemLabels[s.item()], s.weight()));
        }
        return out;
    }

    /** One line for people: the method, the catalogue, the users. */
    public String describe() {
        return recommender.method() + " recommender over " + itemLabels.length + " " + columns.item() + " values, with the"
                + " histories of " + userLabels.length + " " + columns.user() + " values (" + historyItems.length
                + " interactions), " + recommender.parameterCount() + " parameters";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Wording helpers. */
    static final class Text {
        private Text() {
        }

        static String quote(String s) {
            return "'" + s + "'";
        }

        /** "A", "A and B", "A, B and C". */
        static String and(List<String> items) {
            if (items.size() == 1) {
                return items.get(0);
            }
            return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
        }

        /** " (did you mean 'X'?)" for a label differing only in case or spacing, else "". */
        static String nearestHint(String wanted, java.util.Collection<String> labels) {
            String key = wanted.strip().toLowerCase(java.util.Locale.ROOT);
            for (String label : labels) {
                if (label.strip().toLowerCase(java.util.Locale.ROOT).equals(key)) {
                    return " (did you mean " + quote(label) + "?)";
                }
            }
            return "";
        }
    }
}
