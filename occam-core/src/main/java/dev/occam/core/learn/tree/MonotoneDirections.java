package dev.occam.core.learn.tree;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.Map;

/** Monotone directions by column name, checked and laid out by feature for the tree's grower. */
final class MonotoneDirections {

    private MonotoneDirections() {
    }

    /**
     * @return the directions as given
     * @throws IllegalArgumentException for a direction other than +1 or -1
     */
    static Map<String, Integer> check(Map<String, Integer> directions) {
        directions.forEach((column, d) -> {
            if (d == null || (d != 1 && d != -1)) {
                throw new IllegalArgumentException("monotone direction of " + column + " must be +1 or -1: " + d);
            }
        });
        return directions;
    }

    /**
     * Each feature's direction in frame order (0 for none), or null without directions.
     *
     * @param learner names the learner in messages ("tree", "random-forest")
     * @throws IllegalArgumentException when a direction names a column that is not a numeric feature, or the
     *     target has three or more classes
     */
    static int[] of(Map<String, Integer> directions, Frame features, Target target, String learner) {
        if (directions.isEmpty()) {
            return null;
        }
        if (target.isMulticlass()) {
            throw new IllegalArgumentException(learner + " holds monotone directions for two classes or a number, not"
                    + " for the " + target.info().classCount() + " classes of '" + target.info().name() + "'");
        }
        int[] out = new int[features.columnCount()];
        for (Map.Entry<String, Integer> e : directions.entrySet()) {
            int j = features.schema().names().indexOf(e.getKey());
            if (j < 0 || !(features.column(j) instanceof NumericColumn)) {
                throw new IllegalArgumentException(learner + " cannot hold a monotone direction on '" + e.getKey()
                        + "': it is not a numeric column of the data (a categorical column has no order)");
            }
            out[j] = e.getValue();
        }
        return out;
    }
}
