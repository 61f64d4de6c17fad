package dev.occam.bench;

import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What each rung of the default ladder costs on one fold of a two-class table, without the rest of a fit: for each
 * family, the first fold of seed 42's 5-fold split (as a use case with {@code folds: 5}) fitted as cross-validation
 * fits it (fit, decision threshold from the training rows' scores, held-out scores), with the process's CPU seconds
 * (every thread, the collector's too; less disturbed by other jobs than wall time), the held-out AUC and the heap
 * the fold's model keeps (live heap after a full collection with the model held, less the heap without it).
 *
 * <pre>java -cp ... dev.occam.bench.LadderProfile DATA.csv TARGET POSITIVE ROWS [DROP,COLUMNS|-] [family ...]</pre>
 *
 * {@code ROWS} takes a seeded sample of that many rows (0 for all); {@code DROP,COLUMNS} are left out of the
 * features (a use case's protected columns with {@code use_protected: false}); no family means every family of
 * the default ladder for two classes. A family may carry use-case options, {@code random-forest:sample_size=20000},
 * whole numbers only.
 */
public final class LadderProfile {

    private LadderProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LadderProfile DATA.csv TARGET POSITIVE ROWS [DROP,COLUMNS|-] [family ...]");
            System.exit(2);
        }
        Frame table = DataLoader.load(DataSource.file(Path.of(args[0])));
        int rows = Integer.parseInt(args[3]);
        if (rows > 0 && rows < table.rows()) {
            int[] sample = new SplittableRandom(7).ints(0, table.rows()).distinct().limit(rows).sorted().toArray();
            table = table.select(sample);
        }
        if (args.length > 4 && !args[4].equals("-")) {
            table = table.without(Arrays.asList(args[4].split(",")));
        }
        List<dev.occam.core.usecase.CandidateSpec> specs = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] parts = args[i].split(":");
            Map<String, Object> options = new java.util.LinkedHashMap<>();
            for (int k = 1; k < parts.length; k++) {
                String[] kv = parts[k].split("=", 2);
                options.put(kv[0], Long.parseLong(kv[1]));
            }
            specs.add(new dev.occam.core.usecase.CandidateSpec(
                    args[i].replaceAll("[^a-z0-9]+", "-").replaceAll("-$", ""), parts[0], options, null, null, Map.of()));
        }
        LabelledData data = LabelledData.of(table, args[1], Task.CLASSIFICATION, args[2], List.of());
        List<Fold> folds = Folds.repeatedKFold(42, data.target().size(), 5, 1, data.target().values());
        List<Fold> first = List.of(folds.get(0));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%d rows x %d features; fold 1 of 5: %d train, %d held out; load %s%n",
                data.target().size(), data.features().columnCount(), first.get(0).train().length,
                first.get(0).test().length, Arrays.toString(os.getSystemLoadAverage() < 0 ? new double[0]
                        : new double[] {os.getSystemLoadAverage()}));
        System.out.printf("%-40s %10s %10s %10s %12s%n", "family", "CPU s", "wall s", "AUC", "model MB");
        for (Candidate c : Ladder.candidates(Task.CLASSIFICATION, specs, null, Map.of())) {
            if (!(c instanceof Candidate.OfLearner l)) {
                continue;
            }
            long base = liveHeap();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            var evaluated = CrossValidation.evaluateKeepingModels(l.learner(), data.features(), data.target(), first,
                    Metric.AUC, null, null, Runnable::run);
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            if (!evaluated.evaluation().succeeded()) {
                System.out.printf(Locale.ROOT, "%-40s %10.1f %10.1f refused: %s%n", l.id(), cpuSeconds, wallSeconds,
                        evaluated.evaluation().failure());
                continue;
            }
            long kept = liveHeap() - base;
            System.out.printf(Locale.ROOT, "%-40s %10.1f %10.1f %10.4f %12.1f%n", l.id(), cpuSeconds, wallSeconds,
                    evaluated.evaluation().mean(), kept / 1e6);
            keep(evaluated);
        }
    }

    private static final List<Object> held = new ArrayList<>();

    /** Holds the last model only, so that the next one's measure starts from a heap without it. */
    private static void keep(Object o) {
        held.clear();
        held.add(o);
        held.clear();
    }

    private static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
