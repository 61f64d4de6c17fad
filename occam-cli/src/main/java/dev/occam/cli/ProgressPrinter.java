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
        // The costliest candidates are played first, so the pace so far tends to overstate what is left: an
        // estimate, said as one.
        String left = done == 0 ? "" : String.format(Locale.ROOT, ", about %.0f s left",
                elapsedSeconds / done * (total - done));
        String line = String.format(Locale.ROOT, "rung %d %-14s fold %d/%d  %.0f s elapsed%s", rung,
                family, done, total, elapsedSeconds, left);
        if (terminal) {
            err.print("\r" + line + "   ");
            lineOpen = true;
        } else if (announced.add(family)) {
            err.println(String.format(Locale.ROOT, "fitting %s (rung %d), %.1f s elapsed%s", family, rung, elapsedSeconds,
                    left));
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
