package dev.occam.runtime.recommend;

/**
 * The best {@code n} candidates by score (larger first, ties to the smaller item code), by a bounded heap:
 * O(candidates · log n).
 */
final class TopItems {

    private TopItems() {
    }

    /**
     * @param scores a score per item code
     * @param candidates the item codes to choose from, {@code count} of them
     * @return the chosen item codes, best first
     */
    static int[] select(double[] scores, int[] candidates, int count, int n) {
        int size = Math.min(n, count);
        int[] heap = new int[size]; // worst of the kept at heap[0]
        int filled = 0;
        for (int c = 0; c < count; c++) {
            int item = candidates[c];
            if (filled < size) {
                heap[filled] = item;
                siftUp(heap, filled, scores);
                filled++;
            } else if (size > 0 && better(item, heap[0], scores)) {
                heap[0] = item;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[filled];
        for (int k = filled - 1; k >= 0; k--) {
            out[k] = heap[0];
            heap[0] = heap[k];
            siftDown(heap, k, scores);
        }
        return out;
    }

    /**
     * The seen items whose contributions are largest and positive, at most {@link Recommender#MAX_REASONS},
     * largest first (ties to the smaller item code).
     */
    static java.util.List<Integer> reasons(int[] seenItems, double[] contributions) {
        java.util.List<Integer> out = new java.util.ArrayList<>(Recommender.MAX_REASONS);
        boolean[] taken = new boolean[seenItems.length];
        for (int r = 0; r < Recommender.MAX_REASONS; r++) {
            int best = -1;
            for (int k = 0; k < seenItems.length; k++) {
                if (taken[k] || !(contributions[k] > 0)) {
                    continue;
                }
                if (best < 0 || contributions[k] > contributions[best]
                        || (contributions[k] == contributions[best] && seenItems[k] < seenItems[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            out.add(seenItems[best]);
        }
        return out;
    }

    static boolean better(int a, int b, double[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int k, double[] scores) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!better(heap[parent], heap[k], scores)) {
                break;
            }
            swap(heap, parent, k);
            k = parent;
        }
    }

    private static void siftDown(int[] heap, int size, double[] scores) {
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            if (left + 1 < size && better(heap[left], heap[left + 1], scores)) {
                worst = left + 1;
            }
            if (!better(heap[k], heap[worst], scores)) {
                return;
            }
            swap(heap, k, worst);
            k = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
