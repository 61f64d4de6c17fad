package dev.occam.core.learn.linear;

import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.io.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The direct check for separation by one column: whether a threshold on that column alone puts every row of one
 * class on one side and every row of the other class on the other side, completely (no row at the threshold
 * holds both classes) or quasi-completely (only rows exactly at the threshold hold both). Either way the
 * maximum-likelihood estimate of a logistic regression with an intercept and that column does not exist
 * (Albert &amp; Anderson, "On the existence of maximum likelihood estimates in logistic regression models",
 * Biometrika 71, 1984): the direction (intercept −c, slope 1) raises the likelihood without bound. Cost: one
 * pass over each column.
 *
 * <p>Each result says in words which condition separates the classes and how many rows it covers, e.g. "NV
 * separates the classes quasi-completely: every row with NV = 1 (13 rows) has HG = 1, and only the rows with NV
 * = 0 (66) hold both classes".
 *
 * @param column the column's name as the model reads it (an indicator is named {@code feature=level})
 * @param complete whether no value holds both classes
 * @param threshold the value between the classes: for a complete separation the shortest decimal strictly
 *     between them; for a quasi-complete one the value whose rows hold both classes
 * @param positiveAbove whether the positive class lies above the threshold
 * @param positiveRows rows strictly on the positive side of the threshold
 * @param negativeRows rows strictly on the negative side
 * @param tiedRows rows exactly at the threshold (quasi-complete separation: both classes)
 * @param indicator whether the column holds only 0 and 1
 */
record Separation(String column, boolean complete, double threshold, boolean positiveAbove, int positiveRows,
        int negativeRows, int tiedRows, boolean indicator) {

    /**
     * The separation by this column, or null when its values of the two classes overlap (or one class has no
     * row, or the column is constant).
     */
    static Separation of(String name, double[] x, double[] y) {
        double max0 = Double.NEGATIVE_INFINITY;
        double min0 = Double.POSITIVE_INFINITY;
        double max1 = Double.NEGATIVE_INFINITY;
        double min1 = Double.POSITIVE_INFINITY;
        boolean indicator = true;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            indicator &= v == 0.0 || v == 1.0;
            // Branches on "this value could move the extreme" (rarely true once a few rows are in), not on the
            // class, which a shuffled target mispredicts half the time; Math.max/min keep their signed zeros.
            boolean positive = y[i] == 1.0;
            if (positive & v >= max1) {
                max1 = Math.max(max1, v);
            }
            if (positive & v <= min1) {
                min1 = Math.min(min1, v);
            }
            if (!positive & v >= max0) {
                max0 = Math.max(max0, v);
            }
            if (!positive & v <= min0) {
                min0 = Math.min(min0, v);
            }
        }
        if (max0 == Double.NEGATIVE_INFINITY || max1 == Double.NEGATIVE_INFINITY) {
            return null;
        }
        boolean positiveAbove;
        double low;
        double high;
        if (max0 <= min1) {
            positiveAbove = true;
            low = max0;
            high = min1;
        } else if (max1 <= min0) {
            positiveAbove = false;
            low = max1;
            high = min0;
        } else {
            return null;
        }
        boolean complete = low < high;
        double threshold = complete ? (indicator ? 0.5 : between(low, high)) : low;
        int above = 0;
        int below = 0;
        int tied = 0;
        for (double v : x) {
            if (v > threshold) {
                above++;
            } else if (v < threshold) {
                below++;
            } else {
                tied++;
            }
        }
        if (above + below == 0) {
            return null; // constant: nothing is separated
        }
        return new Separation(name, complete, threshold, positiveAbove, positiveAbove ? above : below,
                positiveAbove ? below : above, tied, indicator);
    }

    /** Every column that alone separates the classes, in column order. */
    static List<Separation> find(List<String> names, List<double[]> columns, double[] y) {
        List<Separation> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            Separation s = of(names.get(j), columns.get(j), y);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The shortest decimal strictly between {@code low} and {@code high} ({@code low < high}), near their middle. */
    static double between(double low, double high) {
        double middle = low + (high - low) / 2;
        for (int digits = 1; digits <= 17; digits++) {
            double rounded = new BigDecimal(middle).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                    .doubleValue();
            if (rounded > low && rounded < high) {
                return rounded;
            }
        }
        return middle;
    }

    /**
     * The finding, without a final full stop: "NV separates the classes quasi-completely: every row with NV = 1
     * (13 rows) has HG = 1, and only the rows with NV = 0 (66) hold both classes".
     */
    String describe(TargetInfo target) {
        String positive = target.name() + " = " + target.positive();
        String negative = target.name() + " = " + target.negative();
        String positiveSide = condition(positiveAbove ? ">" : "<");
        String negativeSide = condition(positiveAbove ? "<" : ">");
        StringBuilder sb = new StringBuilder();
        if (complete) {
            sb.append(positiveSide).append(" separates the classes completely: every row with ").append(positiveSide)
                    .append(" (").append(rows(positiveRows)).append(") has ").append(positive)
                    .append(", and every row with ").append(negativeSide).append(" (").append(rows(negativeRows))
                    .append(") has ").append(negative);
            return sb.toString();
        }
        String tiedSide = condition("=");
        sb.append(displayName()).append(" separates the classes quasi-completely: ");
        List<String> sides = new ArrayList<>();
        if (positiveRows > 0) {
            sides.add("every row with " + positiveSide + " (" + rows(positiveRows) + ") has " + positive);
        }
        if (negativeRows > 0) {
            sides.add("every row with " + negativeSide + " (" + rows(negativeRows) + ") has " + negative);
        }
        sb.append(String.join(" and ", sides)).append(", and only the rows with ").append(tiedSide).append(" (")
                .append(tiedRows).append(") hold both classes");
        return sb.toString();
    }

    /** A condition on the column in words: "NV = 1", "Home = rent", "Home is not rent", "Income > 0". */
    private String condition(String relation) {
        if (indicator) {
            boolean one = relation.equals(">") || (relation.equals("=") && threshold == 1.0);
            int eq = column.indexOf('=');
            if (eq > 0) {
                String feature = column.substring(0, eq);
                String level = column.substring(eq + 1);
                return one ? feature + " = " + level : feature + " is not " + level;
            }
            return column + " = " + (one ? "1" : "0");
        }
        return column + " " + relation + " " + Json.number(threshold);
    }

    private String displayName() {
        int eq = column.indexOf('=');
        return indicator && eq > 0 ? column.substring(0, eq) + " = " + column.substring(eq + 1) : column;
    }

    private static String rows(int count) {
        return count == 1 ? "1 row" : count + " rows";
    }
}
