package dev.occam.core.jobs;

/** Counts finished folds across all candidates, for the progress line. */
final class FoldCounter {
    private final int total;
    private final FitJob.Progress progress;
    private final long started = System.nanoTime();
    private int done;

    /** @param progress where each finished fold is reported, or null */
    FoldCounter(int total, FitJob.Progress progress) {
        this.total = total;
        this.progress = progress;
    }

    synchronized void foldDone(String candidate, int rung) {
        done++;
        if (progress != null) {
            progress.foldDone(candidate, rung, done, total, (System.nanoTime() - started) / 1e9);
        }
    }

    synchronized void skip(int folds) {
        done += folds;
    }
}
