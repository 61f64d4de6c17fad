package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.core.data.Target;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A number's giveaway region found by walking the sorted classes from each end equals the one found the former way:
 * every distinct value (equal by {@code ==}) in an array of values, rows and positives, offered in order, then the
 * pure runs from the low end and from the high end, the first of the largest shares kept.
 */
class GiveawayValueWalkTest {

    private record Offer(String description, int rows, int positives) {
    }

    /** The former implementation's region, rebuilt from one sort of (value, class) pairs. */
    private static Optional<GiveawayValue> former(String name, double[] x, double[] y) {
        int n = x.length;
        int classPositives = 0;
        int missing = 0;
        int missingPositives = 0;
        List<double[]> present = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classPositives += y[i] == 1.0 ? 1 : 0;
            if (Double.isNaN(x[i])) {
                missing++;
                missingPositives += y[i] == 1.0 ? 1 : 0;
            } else {
                present.add(new double[] {x[i], y[i]});
            }
        }
        List<Offer> offers = new ArrayList<>(List.of(new Offer(name + " missing", missing, missingPositives)));
        // By value (Double.compare: -0.0 first), positives first among equals, as the former merge took them.
        present.sort(Comparator.<double[]>comparingDouble(r -> r[0]).thenComparingDouble(r -> -r[1]));
        List<Double> value = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (int i = 0; i < present.size(); ) {
            // The group's name: its positives' lowest member if it has one, else its lowest member.
            int j = i;
            double named = Double.NaN;
            int rows = 0;
            int positives = 0;
            while (j < present.size() && present.get(j)[0] == present.get(i)[0]) {
                if (present.get(j)[1] == 1.0 && positives++ == 0) {
                    named = present.get(j)[0];
                }
                rows++;
                j++;
            }
            value.add(positives > 0 ? named : present.get(i)[0]);
            counts.add(new int[] {rows, positives});
            i = j;
        }
        int groups = value.size();
        if (groups >= 2) {
            for (int g = 0; g < groups; g++) {
                offers.add(new Offer(name + " = " + Json.number(value.get(g)), counts.get(g)[0], counts.get(g)[1]));
            }
            for (boolean fromLow : new boolean[] {true, false}) {
                int run = 0;
                int runPositives = 0;
                for (int step = 0; step < groups - 1; step++) {
                    int g = fromLow ? step : groups - 1 - step;
                    int rows = counts.get(g)[0];
                    int positives = counts.get(g)[1];
                    boolean pure = positives == 0 || positives == rows;
                    if (!pure || (run > 0 && (positives == 0) != (runPositives == 0))) {
                        break;
                    }
                    run += rows;
                    runPositives += positives;
                    offers.add(new Offer(name + (fromLow ? " < " : " > ")
                            + Json.number(value.get(fromLow ? g + 1 : g - 1)), run, runPositives));
                }
            }
        }
        GiveawayValue kept = null;
        for (Offer o : offers) {
            if (o.rows() < GiveawayValue.MIN_ROWS || (o.positives() != 0 && o.positives() != o.rows())) {
                continue;
            }
            boolean positive = o.positives() == o.rows();
            double share = (double) o.rows() / (positive ? classPositives : n - classPositives);
            if (share >= GiveawayValue.MIN_CLASS_SHARE && (kept == null || share > kept.classShare())) {
                kept = new GiveawayValue(o.description(), o.rows(), positive, share);
            }
        }
        return Optional.ofNullable(kept);
    }

    @Test
    void find_numbersWithTiesZerosRunsAndMissing_sameAsFormerArrays() {
        SplittableRandom random = new SplittableRandom(51);
        int found = 0;
        for (int trial = 0; trial < 1500; trial++) {
            int n = 40 + random.nextInt(trial % 20 == 0 ? 20_000 : 400);
            int kind = random.nextInt(5);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextInt(kind == 4 ? 8 : 3) == 0 ? 1.0 : 0.0;
                double v = switch (kind) {
                    case 0 -> random.nextInt(6); // few values
                    case 1 -> random.nextBoolean() ? 0.0 : random.nextBoolean() ? -0.0 : random.nextInt(3) - 1;
                    case 2 -> random.nextGaussian();
                    // A giveaway at either end: the positives' low values, or the negatives' high ones.
                    case 3 -> y[i] == 1.0 && random.nextInt(4) > 0 ? -5 - random.nextInt(3) : random.nextInt(10);
                    default -> y[i] == 0.0 && random.nextInt(4) > 0 ? 50 + random.nextInt(2) : random.nextInt(40);
                };
                x[i] = random.nextInt(15) == 0 ? Double.NaN : v;
            }
            Target target = new Target(TargetInfo.classification("y", "yes", "no"), y);
            Optional<GiveawayValue> expected = former("x", x, y);
            found += expected.isPresent() ? 1 : 0;
            assertEquals(expected, GiveawayValue.find(new NumericColumn("x", x), target),
                    "trial " + trial + " (kind " + kind + ", " + n + " rows): " + Arrays.toString(
                            Arrays.copyOf(x, Math.min(n, 20))));
        }
        assertEquals(true, found > 100, "the trials find regions: " + found);
    }
}
