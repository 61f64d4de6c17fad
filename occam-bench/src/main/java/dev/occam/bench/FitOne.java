package dev.occam.bench;

import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.linear.ElasticNet;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Times one learner on one CSV, in process, without the rest of {@code occam fit} (explanations, report): the
 * load through {@link DataLoader}, then {@code REPEATS} fits of the learner's pipeline on all rows, each with its
 * wall time and the process's CPU time (less disturbed by other jobs on a shared machine), and the sum of its scores of the first 1,000 rows so that two builds can be checked to fit the same model. For
 * profiling one fit (run under JFR) and for A/B timings of the linear learners.
 *
 * <pre>java -cp ... dev.occam.bench.FitOne DATA.csv TARGET POSITIVE|- logistic|logistic-bare|linear|lasso|load REPEATS</pre>
 *
 * {@code load} prints a checksum of the loaded frame and what the 5 x 2 folds cost before a learner runs, copied
 * and viewed (see {@link #foldCosts}), then times REPEATS - 1 more loads.
 *
 * <p>{@code logistic-bare} fits the logistic regression without its pipeline (the data must be numbers without
 * gaps) and prints its IRLS iterations: the figure to set against the memory-bandwidth floor.
 */
public final class FitOne {

    private FitOne() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: FitOne DATA.csv TARGET POSITIVE|- logistic|logistic-bare|linear|lasso|load REPEATS");
            System.exit(2);
        }
        String positive = args[2].equals("-") ? null : args[2];
        int repeats = Integer.parseInt(args[4]);
        long start = System.nanoTime();
        Frame table = DataLoader.load(DataSource.file(Path.of(args[0])));
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("load %.3f s (%d rows, %d columns)%n", loadSeconds, table.rows(), table.columnCount());
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (args[3].equals("load")) {
            System.out.println("frame checksum " + checksum(table));
            foldCosts(table, args[1]);
            for (int r = 1; r < repeats; r++) {
                start = System.nanoTime();
                long cpuStart = cpu.getProcessCpuTime();
                table = DataLoader.load(DataSource.file(Path.of(args[0])));
                System.out.printf("load %.3f s wall %.3f s CPU%n", (System.nanoTime() - start) / 1e9,
                        (cpu.getProcessCpuTime() - cpuStart) / 1e9);
            }
            return;
        }
        LabelledData data = LabelledData.of(table, args[1], positive == null ? Task.REGRESSION : Task.CLASSIFICATION,
                positive, List.of());
        Learner learner = switch (args[3]) {
            case "logistic" -> LogisticRegression.pipeline();
            case "linear" -> LinearRegression.pipeline();
            case "lasso" -> ElasticNet.pipeline();
            // The learner alone, without the pipeline's imputation and encoding (numeric data without gaps only).
            case "logistic-bare" -> new LogisticRegression();
            default -> throw new IllegalArgumentException("unknown learner '" + args[3]
                    + "' (logistic, linear, lasso, load)");
        };
        for (int r = 0; r < repeats; r++) {
            start = System.nanoTime();
            long cpuStart = cpu.getProcessCpuTime();
            Model model = learner.fit(data.features(), data.target());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu.getProcessCpuTime() - cpuStart) / 1e9;
            double check = 0;
            for (int i = 0; i < Math.min(1000, table.rows()); i++) {
                check += model.score(data.features().row(i));
            }
            Object iterations = model.scorer() instanceof dev.occam.runtime.scorer.LinearScorer linear
                    && linear.inference() != null ? linear.inference().fit().get("iterations") : null;
            System.out.printf("fit %.3f s wall %.3f s CPU  sum of the first 1000 rows' scores %.15g%s%n", seconds,
                    cpuSeconds, check, iterations == null ? "" : "  IRLS iterations " + iterations);
        }
    }

    /**
     * What cross-validation's folds cost before their learner runs, on this thread (its CPU time and the bytes it
     * allocated, both undisturbed by other jobs), the 5 x 2 folds of seed 42 each way, three times (the first round warms
     * the JIT): the rows alone (copied by {@code Frame.select}, as folds were, or viewed by {@code Frame.view}, as
     * they are), then the rows with the logistic pipeline's preparation fitted and applied to the training rows and
     * every held-out row read once in a model's encoding (what held-out scoring reads). The checksum of the
     * prepared training rows is printed each way: they must be equal.
     */
    private static void foldCosts(Frame table, String target) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Frame features = table.without(List.of(target));
        List<dev.occam.core.evaluate.Fold> folds = dev.occam.core.evaluate.Folds.repeatedKFold(42, table.rows(), 5, 2,
                null);
        for (int round = 0; round < 3; round++) {
            for (boolean views : new boolean[] {false, true}) {
                for (boolean prepare : new boolean[] {false, true}) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long bytes = threads.getThreadAllocatedBytes(thread);
                    long rows = 0;
                    long hash = 17;
                    for (dev.occam.core.evaluate.Fold f : folds) {
                        Frame train = views ? features.view(f.train()) : features.select(f.train());
                        Frame test = views ? features.view(f.test()) : features.select(f.test());
                        rows += train.rows() + test.rows();
                        if (prepare) {
                            hash = 31 * hash + checksum(prepared(train, test)).hashCode();
                        }
                    }
                    System.out.printf("round %d, 5x2 folds %s%s: %.3f s CPU, %.1f MB allocated, %d rows%s%n", round,
                            views ? "viewed" : "copied", prepare ? ", prepared and held-out rows read" : "",
                            (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                            (threads.getThreadAllocatedBytes(thread) - bytes) / 1e6, rows,
                            prepare ? ", prepared checksum " + Long.toHexString(hash) : "");
                }
            }
        }
    }

    /** The logistic pipeline's steps on the training rows, and every held-out row read once as scoring reads it. */
    private static Frame prepared(Frame train, Frame test) {
        Frame current = train;
        for (dev.occam.core.prepare.Preparer step : List.of(new dev.occam.core.prepare.Imputer(),
                new dev.occam.core.prepare.IndicatorEncoder(true))) {
            current = dev.occam.core.prepare.Frames.apply(step.fit(current), current);
        }
        var reader = new dev.occam.runtime.data.FrameEncoder(test.schema(), test);
        double[] x = new double[test.columnCount()];
        double sum = 0;
        for (int i = 0; i < test.rows(); i++) {
            reader.rowInto(i, x);
            sum += x[0];
        }
        if (Double.isInfinite(sum)) {
            System.out.println("(held-out sum " + sum + ")"); // keeps the read from being optimised away
        }
        return current;
    }

    /** Names, kinds and every value of a frame in one hash, to check that two builds load the same frame. */
    private static String checksum(Frame frame) {
        long hash = 17;
        for (dev.occam.runtime.data.Column c : frame.columns()) {
            hash = 31 * hash + c.name().hashCode();
            if (c instanceof dev.occam.runtime.data.NumericColumn numbers) {
                hash = 31 * hash + java.util.Arrays.hashCode(numbers.values());
            } else if (c instanceof dev.occam.runtime.data.CategoricalColumn text) {
                hash = 31 * hash + text.levels().hashCode();
                hash = 31 * hash + java.util.Arrays.hashCode(text.codes());
            }
        }
        return Long.toHexString(hash);
    }
}
