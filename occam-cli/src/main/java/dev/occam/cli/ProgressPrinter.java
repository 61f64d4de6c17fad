package dev.occam.cli;

import dev.occam.core.jobs.FitJob;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Shows fitting progress on standard error: a line rewritten in place on a terminal, or one plain line
 * per candidate, when its first fold is done, when the output is a log (no carriage returns in files).
 * Candidates are fitted side by side on several threads, so folds of two candidates may finish in turn: each
 * candidate is still announced once.
 */
final class ProgressPrinter implements FitJob.Progress {

    private final PrintWriter err;
    private final boolean terminal;
    private final Set<String> announced = new HashSet<>();
    private boolean lineOpen;

    ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void foldDone(String family, int rung, int done, int total, double elapsedSeconds) {
        // Later rungs fit slower, so the estimate from the folds so far is a floor, not a promise.
        double left = done == 0 ? Double.NaN : elapsedSeconds / done * (total - done);
        String line = String.format(Locale.ROOT, "rung %d %-14s fold %d/%d  %.0f s elapsed, at least %.0f s left", rung,
                family, done, total, elapsedSeconds, left);
        if (terminal) {
            err.print("\r" + line + "   ");
            lineOpen = true;
        } else if (announced.add(family)) {
            err.println(String.format(Locale.ROOT, "fitting %s (rung %d), %.1f s elapsed", family, rung, elapsedSeconds));
        }
        err.flush();
    }

    synchronized void finish() {
        if (lineOpen) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
