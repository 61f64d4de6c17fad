package dev.occam.core.recommend;

import dev.occam.runtime.recommend.ItemToItemRecommender;
import dev.occam.runtime.recommend.PopularityRecommender;
import java.util.Arrays;

/**
 * Builds a sparse item-to-item weight matrix row by row, keeping each row's {@code k} largest weights (by value,
 * or by magnitude for weights of either sign), zeros and the row's own item left out.
 */
final class NeighbourRows {

    private final int items;
    private final int[] starts;
    private int[] neighbours = new int[1024];
    private double[] weights = new double[1024];
    private int size;
    private int rowsDone;

    NeighbourRows(int items) {
        this.items = items;
        this.starts = new int[items + 1];
    }

    /**
     * Adds row {@code i} (rows must come in order 0, 1, ...): among {@code candidates[0..count)} with
     * {@code values[j] != 0} and {@code j != i}, the k largest by value (or by |value| when {@code byMagnitude}).
     */
    void addRow(int i, double[] values, int[] candidates, int count, int k, boolean byMagnitude) {
        if (i != rowsDone) {
            throw new IllegalStateException("rows must be added in order: expected " + rowsDone + ", got " + i);
        }
        int[] heap = new int[Math.min(k, count)];
        int filled = 0;
        for (int c = 0; c < count; c++) {
            int j = candidates[c];
            double v = values[j];
            if (j == i || v == 0 || (!byMagnitude && v < 0)) {
                continue;
            }
            if (filled < heap.length) {
                heap[filled] = j;
                up(heap, filled, values, byMagnitude);
                filled++;
            } else if (heap.length > 0 && better(j, heap[0], values, byMagnitude)) {
                heap[0] = j;
                down(heap, filled, values, byMagnitude);
            }
        }
        ensure(size + filled);
        for (int h = 0; h < filled; h++) {
            neighbours[size] = heap[h];
            weights[size] = values[heap[h]];
            size++;
        }
        rowsDone++;
        starts[rowsDone] = size;
    }

    ItemToItemRecommender build(String method, PopularityRecommender popularity) {
        if (rowsDone != items) {
            throw new IllegalStateException("only " + rowsDone + " of " + items + " rows were added");
        }
        return new ItemToItemRecommender(method, items, starts, Arrays.copyOf(neighbours, size),
                Arrays.copyOf(weights, size), popularity);
    }

    private void ensure(int capacity) {
        if (capacity > neighbours.length) {
            int n = Math.max(capacity, neighbours.length * 2);
            neighbours = Arrays.copyOf(neighbours, n);
            weights = Arrays.copyOf(weights, n);
        }
    }

    private static boolean better(int a, int b, double[] values, boolean byMagnitude) {
        double va = byMagnitude ? Math.abs(values[a]) : values[a];
        double vb = byMagnitude ? Math.abs(values[b]) : values[b];
        return va > vb || (va == vb && a < b);
    }

    private static void up(int[] heap, int k, double[] values, boolean byMagnitude) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!better(heap[parent], heap[k], values, byMagnitude)) {
                break;
            }
            int t = heap[parent];
            heap[parent] = heap[k];
            heap[k] = t;
            k = parent;
        }
    }

    private static void down(int[] heap, int size, double[] values, boolean byMagnitude) {
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            if (left + 1 < size && better(heap[left], heap[left + 1], values, byMagnitude)) {
                worst = left + 1;
            }
            if (!better(heap[k], heap[worst], values, byMagnitude)) {
                return;
            }
            int t = heap[k];
            heap[k] = heap[worst];
            heap[worst] = t;
            k = worst;
        }
    }
}
