package dev.occam.core.segment;

import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses between the ladder's rungs, and says why in words.
 *
 * <ol>
 *   <li>Whether there are segments at all is the information criteria's call: the gap statistic (k-means) and BIC
 *       (mixtures) each chose their number of segments, a rung being listed only when that number is two or more.
 *       When none is, the rows form one segment (the baseline).
 *   <li>Between segmentations, stability decides (Hennig 2007): the best is the one whose segments come back most
 *       often across bootstrap resamples (mean adjusted Rand index); the <b>simplest</b> rung (lowest, fewest
 *       parameters) whose stability is within noise of the best wins. Noise is one standard deviation of the best
 *       one's resample values, the one-standard-error rule of Breiman et al. (1984) read on the bootstrap spread:
 *       a difference smaller than how much the best itself varies from resample to resample is not a reason to
 *       climb.
 * </ol>
 * The success bar is then checked on the chosen rung's metric; the verdict says whether it is met.
 */
public final class SegmentSelection {

    /**
     * @param chosen the chosen rung's index
     * @param best the most stable segmentation's index (the chosen one when only the baseline is listed)
     * @param reasons the choice in sentences
     * @param whyNot per rung, why it was not chosen (null for the chosen one)
     */
    public record Choice(int chosen, int best, List<String> reasons, List<String> whyNot) {
    }

    private SegmentSelection() {
    }

    public static Choice choose(List<SegmentationLadder.Candidate> candidates) {
        if (candidates.isEmpty() || candidates.get(0).segments() != 1) {
            throw new IllegalArgumentException("the ladder starts with the one-segment baseline");
        }
        List<String> reasons = new ArrayList<>();
        List<String> whyNot = new ArrayList<>();
        int best = -1;
        for (int i = 1; i < candidates.size(); i++) {
            SegmentationLadder.Candidate c = candidates.get(i);
            if (best < 0 || c.stability() > candidates.get(best).stability()) {
                best = i;
            }
        }
        if (best < 0) {
            reasons.add("Neither the gap statistic nor BIC finds two or more groups: the rows form one segment.");
            whyNot.add(null);
            return new Choice(0, 0, List.copyOf(reasons), java.util.Collections.unmodifiableList(whyNot));
        }
        SegmentationLadder.Candidate top = candidates.get(best);
        double noise = Double.isNaN(top.stabilitySd()) ? 0 : top.stabilitySd();
        int chosen = best;
        for (int i = 1; i < best; i++) {
            if (candidates.get(i).stability() >= top.stability() - noise) {
                chosen = i;
                break;
            }
        }
        SegmentationLadder.Candidate c = candidates.get(chosen);
        String name = c.method() + " (" + c.segments() + " segments)";
        if (chosen == best) {
            boolean simpler = best > 1;
            reasons.add(name + " has the most stable segments: mean adjusted Rand index " + n(c.stability())
                    + " over bootstrap resamples" + (simpler ? ", and every simpler segmentation is less stable by more "
                            + "than one standard deviation of its resamples (" + n(noise) + ")" : "") + ".");
        } else {
            reasons.add(name + " is the simplest segmentation whose stability (" + n(c.stability())
                    + ") is within one standard deviation (" + n(noise) + ") of the most stable, " + top.method() + " ("
                    + n(top.stability()) + ").");
        }
        reasons.add("Its number of segments: " + c.choice() + ".");
        for (int i = 0; i < candidates.size(); i++) {
            SegmentationLadder.Candidate other = candidates.get(i);
            if (i == chosen) {
                whyNot.add(null);
            } else if (i == 0) {
                whyNot.add("the baseline: the information criteria find " + c.segments() + " segments");
            } else if (i < chosen) {
                whyNot.add("less stable (" + n(other.stability()) + ") than " + top.method() + " (" + n(top.stability())
                        + ") by more than one standard deviation (" + n(noise) + ")");
            } else if (other.stability() >= top.stability() - noise) {
                whyNot.add("about as stable (" + n(other.stability()) + ") but more complex than " + c.method());
            } else {
                whyNot.add("less stable (" + n(other.stability()) + ") than " + c.method() + " (" + n(c.stability()) + ")");
            }
            if (i > chosen && i > 0) {
                reasons.add("Climbing to " + other.method() + " (" + other.segments() + " segments) would change "
                        + "stability by " + signed(other.stability() - c.stability()) + " for "
                        + ratio(other.model().segmenter().parameterCount(), c.model().segmenter().parameterCount())
                        + " the parameters.");
            }
        }
        return new Choice(chosen, best, List.copyOf(reasons), java.util.Collections.unmodifiableList(whyNot));
    }

    static String n(double v) {
        return Double.isNaN(v) ? "undefined" : Json.number(Math.round(v * 1000) / 1000.0);
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + n(v);
    }

    private static String ratio(long a, long b) {
        return b == 0 ? a + " against none of" : n((double) a / b) + "x";
    }
}
