package dev.occam.core.recommend;

import dev.occam.runtime.recommend.History;
import java.util.Arrays;

/**
 * A sparse users × items matrix of interaction weights, stored twice: by user (compressed sparse rows, each
 * user's items in ascending order) and by item (compressed sparse columns, each item's users in ascending
 * order). A weight is an explicit rating, a count, or 1 per interaction; when the interactions have times, each
 * entry keeps its latest time. Users and items are integer codes 0..users−1 and 0..items−1. Memory is about
 * 40 bytes per distinct (user, item) pair plus 8 per user and item, so 100,000 users × 50,000 items with a few
 * million interactions fit easily. Immutable.
 */
public final class InteractionMatrix {

    private final int users;
    private final int items;
    private final int[] userStarts;
    private final int[] itemOf;
    private final double[] weightOf;
    private final long[] timeOf;
    private final int[] itemStarts;
    private final int[] userOf;
    private final double[] columnWeightOf;

    private InteractionMatrix(int users, int items, int[] userStarts, int[] itemOf, double[] weightOf, long[] timeOf) {
        this.users = users;
        this.items = items;
        this.userStarts = userStarts;
        this.itemOf = itemOf;
        this.weightOf = weightOf;
        this.timeOf = timeOf;
        // the columns, by counting sort over the rows: users come out ascending within each item
        int nnz = itemOf.length;
        itemStarts = new int[items + 1];
        for (int k = 0; k < nnz; k++) {
            itemStarts[itemOf[k] + 1]++;
        }
        for (int i = 0; i < items; i++) {
            itemStarts[i + 1] += itemStarts[i];
        }
        userOf = new int[nnz];
        columnWeightOf = new double[nnz];
        int[] next = Arrays.copyOf(itemStarts, items);
        for (int u = 0; u < users; u++) {
            for (int k = userStarts[u]; k < userStarts[u + 1]; k++) {
                int at = next[itemOf[k]]++;
                userOf[at] = u;
                columnWeightOf[at] = weightOf[k];
            }
        }
    }

    /**
     * The matrix of interactions {@code (userCodes[k], itemCodes[k])}. Repeated pairs are merged: their weights
     * added, their latest time kept.
     *
     * @param weights a weight per interaction (finite, > 0), or null for 1 each
     * @param times a time per interaction (any increasing scale, e.g. epoch seconds), or null when there are none
     * @throws IllegalArgumentException naming the first position with a bad code or weight
     */
    public static InteractionMatrix of(int users, int items, int[] userCodes, int[] itemCodes, double[] weights,
            long[] times) {
        if (users < 1 || items < 1) {
            throw new IllegalArgumentException("an interaction matrix needs at least 1 user and 1 item, got " + users
                    + " users and " + items + " items");
        }
        int n = userCodes.length;
        if (itemCodes.length != n || (weights != null && weights.length != n) || (times != null && times.length != n)) {
            throw new IllegalArgumentException("every interaction needs a user, an item" + (weights != null ? ", a weight" : "")
                    + (times != null ? ", a time" : "") + ": got " + n + " users, " + itemCodes.length + " items"
                    + (weights != null ? ", " + weights.length + " weights" : "") + (times != null ? ", " + times.length + " times" : ""));
        }
        int[] starts = new int[users + 1];
        for (int k = 0; k < n; k++) {
            if (userCodes[k] < 0 || userCodes[k] >= users) {
                throw new IllegalArgumentException("interaction " + k + ": user code " + userCodes[k] + " is outside 0.." + (users - 1));
            }
            if (itemCodes[k] < 0 || itemCodes[k] >= items) {
                throw new IllegalArgumentException("interaction " + k + ": item code " + itemCodes[k] + " is outside 0.." + (items - 1));
            }
            if (weights != null && (!(weights[k] > 0) || Double.isInfinite(weights[k]))) {
                throw new IllegalArgumentException("interaction " + k + " (user " + userCodes[k] + ", item " + itemCodes[k]
                        + "): the weight must be finite and > 0, got " + weights[k]);
            }
            starts[userCodes[k] + 1]++;
        }
        for (int u = 0; u < users; u++) {
            starts[u + 1] += starts[u];
        }
        int[] order = new int[n]; // interactions grouped by user, in input order within a user
        int[] next = Arrays.copyOf(starts, users);
        for (int k = 0; k < n; k++) {
            order[next[userCodes[k]]++] = k;
        }
        int[] rowStarts = new int[users + 1];
        int[] itemOf = new int[n];
        double[] weightOf = new double[n];
        long[] timeOf = times == null ? null : new long[n];
        int out = 0;
        for (int u = 0; u < users; u++) {
            int from = starts[u];
            int len = starts[u + 1] - from;
            long[] keyed = new long[len]; // item in the high bits, position in the low: sorts by item, stable
            for (int k = 0; k < len; k++) {
                keyed[k] = ((long) itemCodes[order[from + k]] << 32) | k;
            }
            Arrays.sort(keyed);
            for (int k = 0; k < len; k++) {
                int src = order[from + (int) (keyed[k] & 0xffffffffL)];
                int item = itemCodes[src];
                double w = weights == null ? 1.0 : weights[src];
                if (out > rowStarts[u] && itemOf[out - 1] == item) {
                    weightOf[out - 1] += w;
                    if (timeOf != null) {
                        timeOf[out - 1] = Math.max(timeOf[out - 1], times[src]);
                    }
                } else {
                    itemOf[out] = item;
                    weightOf[out] = w;
                    if (timeOf != null) {
                        timeOf[out] = times[src];
                    }
                    out++;
                }
            }
            rowStarts[u + 1] = out;
        }
        return new InteractionMatrix(users, items, rowStarts, Arrays.copyOf(itemOf, out), Arrays.copyOf(weightOf, out),
                timeOf == null ? null : Arrays.copyOf(timeOf, out));
    }

    /** The entries of this matrix for which {@code keep[entry]} holds (entries as numbered by {@link #rowStart}). */
    public InteractionMatrix keep(boolean[] keep) {
        if (keep.length != itemOf.length) {
            throw new IllegalArgumentException("expected a flag per entry (" + itemOf.length + "), got " + keep.length);
        }
        int[] rowStarts = new int[users + 1];
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        int[] items2 = new int[count];
        double[] weights2 = new double[count];
        long[] times2 = timeOf == null ? null : new long[count];
        int out = 0;
        for (int u = 0; u < users; u++) {
            for (int k = userStarts[u]; k < userStarts[u + 1]; k++) {
                if (keep[k]) {
                    items2[out] = itemOf[k];
                    weights2[out] = weightOf[k];
                    if (times2 != null) {
                        times2[out] = timeOf[k];
                    }
                    out++;
                }
            }
            rowStarts[u + 1] = out;
        }
        return new InteractionMatrix(users, items, rowStarts, items2, weights2, times2);
    }

    public int userCount() {
        return users;
    }

    public int itemCount() {
        return items;
    }

    /** The number of distinct (user, item) pairs. */
    public int entryCount() {
        return itemOf.length;
    }

    public boolean hasTimes() {
        return timeOf != null;
    }

    /** User u's entries are {@code rowStart(u)..rowEnd(u)−1}, items ascending. */
    public int rowStart(int u) {
        return userStarts[u];
    }

    public int rowEnd(int u) {
        return userStarts[u + 1];
    }

    public int item(int entry) {
        return itemOf[entry];
    }

    public double weight(int entry) {
        return weightOf[entry];
    }

    /** @throws IllegalStateException when the interactions have no times */
    public long time(int entry) {
        if (timeOf == null) {
            throw new IllegalStateException("these interactions have no times");
        }
        return timeOf[entry];
    }

    /** Item i's users are {@code columnStart(i)..columnEnd(i)−1}, users ascending. */
    public int columnStart(int i) {
        return itemStarts[i];
    }

    public int columnEnd(int i) {
        return itemStarts[i + 1];
    }

    public int columnUser(int k) {
        return userOf[k];
    }

    public double columnWeight(int k) {
        return columnWeightOf[k];
    }

    /** The number of items user u interacted with. */
    public int rowLength(int u) {
        return userStarts[u + 1] - userStarts[u];
    }

    /** The number of users who interacted with each item. */
    public double[] itemUserCounts() {
        double[] counts = new double[items];
        for (int i = 0; i < items; i++) {
            counts[i] = itemStarts[i + 1] - itemStarts[i];
        }
        return counts;
    }

    /** User u's row as a runtime history (items ascending, with their weights). */
    public History history(int u) {
        return new History(Arrays.copyOfRange(itemOf, userStarts[u], userStarts[u + 1]),
                Arrays.copyOfRange(weightOf, userStarts[u], userStarts[u + 1]));
    }

    // package-private views for the fitting code in this package (no copies)
    int[] rowStarts() {
        return userStarts;
    }

    int[] rowItems() {
        return itemOf;
    }

    double[] rowWeights() {
        return weightOf;
    }

    int[] columnStarts() {
        return itemStarts;
    }

    int[] columnUsers() {
        return userOf;
    }

    double[] columnWeights() {
        return columnWeightOf;
    }

    @Override
    public String toString() {
        return users + " users × " + items + " items, " + itemOf.length + " interactions" + (timeOf != null ? " with times" : "");
    }
}
