package dev.occam.core.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Holds out each user's latest interactions: the training matrix keeps the rest, the evaluation asks the
 * recommender, given a user's training history, for the held-out items. With times the latest are the most
 * recent (ties broken at random); without times they are drawn at random. Each user with at least
 * {@code minInteractions} distinct items holds out {@code max(1, round(fraction · n))} of them, leaving at
 * least one in training; users with fewer are not evaluated and keep all theirs. A pure function of the matrix
 * and the seed.
 *
 * <p>Times are per user ("leave the latest out"), not one global cut: a user's test items may be older than
 * another user's training items. That is the usual protocol for top-N evaluation and what the validation
 * split inside the training data repeats.
 */
public final class HoldOut {

    /**
     * @param fraction the share of each user's items held out, in (0, 1)
     * @param minInteractions users with fewer distinct items are not held out (at least 2)
     * @param seed the random tie-breaks and draws
     */
    public record Options(double fraction, int minInteractions, long seed) {

        public static final Options DEFAULTS = new Options(0.2, 3, 20250101L);

        public Options {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
            }
            if (minInteractions < 2) {
                throw new IllegalArgumentException("min_interactions must be >= 2 (one to learn from, one to test), got " + minInteractions);
            }
        }

        public Options withSeed(long newSeed) {
            return new Options(fraction, minInteractions, newSeed);
        }
    }

    /**
     * A training matrix and, for each evaluated user (ascending), the held-out items (ascending).
     *
     * @param byTime true when the latest were chosen by time
     */
    public record Split(InteractionMatrix train, int[] users, int[][] heldOut, boolean byTime) {

        public int heldOutCount() {
            int n = 0;
            for (int[] h : heldOut) {
                n += h.length;
            }
            return n;
        }
    }

    private HoldOut() {
    }

    /**
     * Sorts entries latest first, stably (equal times keep the shuffled order), by a merge sort on primitives: no
     * boxing for 100,000 users.
     */
    private static void latestFirst(int[] a, int[] tmp, int lo, int hi, InteractionMatrix data) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        latestFirst(a, tmp, lo, mid, data);
        latestFirst(a, tmp, mid, hi, data);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            tmp[k++] = data.time(a[j]) > data.time(a[i]) ? a[j++] : a[i++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }

    public static Split split(InteractionMatrix data, Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        boolean[] keep = new boolean[data.entryCount()];
        Arrays.fill(keep, true);
        int[] users = new int[data.userCount()];
        int[][] heldOut = new int[data.userCount()][];
        int evaluated = 0;
        for (int u = 0; u < data.userCount(); u++) {
            int from = data.rowStart(u);
            int n = data.rowLength(u);
            if (n < options.minInteractions()) {
                continue;
            }
            int h = Math.min(n - 1, Math.max(1, (int) Math.round(options.fraction() * n)));
            // a random order of the user's entries; with times, sorted latest first (the shuffle breaks ties)
            int[] order = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = from + k;
            }
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            if (data.hasTimes()) {
                latestFirst(order, new int[n], 0, n, data);
            }
            int[] items = new int[h];
            for (int k = 0; k < h; k++) {
                keep[order[k]] = false;
                items[k] = data.item(order[k]);
            }
            Arrays.sort(items);
            users[evaluated] = u;
            heldOut[evaluated] = items;
            evaluated++;
        }
        return new Split(data.keep(keep), Arrays.copyOf(users, evaluated), Arrays.copyOf(heldOut, evaluated),
                data.hasTimes());
    }
}
