package dev.occam.core.usecase;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Small text helpers for the use case's messages: quoting values and suggesting the name meant (also for learner
 * options, which the ladder checks).
 */
public final class Text {

    private static final int MAX_SHOWN = 60;

    private Text() {
    }

    /** {@code value} in single quotes, on one line and cut short, so a message stays one readable line. */
    static String quote(String value) {
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (oneLine.length() > MAX_SHOWN) {
            oneLine = oneLine.substring(0, MAX_SHOWN - 3) + "...";
        }
        return "'" + oneLine + "'";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The first value that occurs twice, or null. */
    static String firstDuplicate(List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The name in {@code names} the user most likely meant by {@code typed}, or null when none is close.
     * Case, hyphens and underscores are ignored ({@code maxLatencyUs} finds {@code max_latency_us}); a
     * name that starts with what was typed wins ({@code acc} finds {@code accuracy}); otherwise the nearest
     * by edit distance (a swap of neighbours counts one), within one edit for names of up to three
     * letters and otherwise two, or a third of the typed length if more.
     */
    public static String nearest(String typed, Collection<String> names) {
        String t = normalize(typed);
        if (t.isEmpty()) {
            return null;
        }
        for (String name : names) {
            if (normalize(name).equals(t)) {
                return name;
            }
        }
        for (String name : names) {
            if (t.length() >= 3 && normalize(name).startsWith(t)) {
                return name;
            }
        }
        String best = null;
        int bestDistance = (t.length() <= 3 ? 1 : Math.max(2, t.length() / 3)) + 1;
        for (String name : names) {
            int d = editDistance(t, normalize(name));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbouring
     * letters each cost one, so the common typo {@code fodls} is one edit from {@code folds}.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
