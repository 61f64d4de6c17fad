package dev.occam.core.learn.tree;

/**
 * Stable sort of indices by a key looked up through them, on primitive arrays (no boxing). Stability
 * keeps ties in index order, which makes every fit deterministic.
 */
final class IndexSort {

    private static final int RUN = 32;

    private IndexSort() {
    }

    /**
     * Sorts {@code a[from, to)} so that {@code key[a[i]]} ascends; equal keys keep their order.
     *
     * @param tmp scratch of at least {@code to} elements
     */
    static void sort(int[] a, int from, int to, double[] key, int[] tmp) {
        int n = to - from;
        for (int lo = from; lo < to; lo += RUN) {
            insertion(a, lo, Math.min(lo + RUN, to), key);
        }
        int[] src = a;
        int[] dst = tmp;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = from; lo < to; lo += 2 * width) {
                merge(src, dst, lo, Math.min(lo + width, to), Math.min(lo + 2 * width, to), key);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, from, a, from, n);
        }
    }

    private static void insertion(int[] a, int lo, int hi, double[] key) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            double k = key[v];
            int j = i;
            while (j > lo && key[a[j - 1]] > k) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, double[] key) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            // "<=" takes the left run first on ties: that is what keeps the sort stable.
            if (j >= hi || (i < mid && key[src[i]] <= key[src[j]])) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }
}
