package dev.occam.core.recommend;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: times the whole ladder (tuning, refit, evaluation) on about 100,000 synthetic interactions and
 * prints the figures quoted in docs/recommendation.md. Run with
 * {@code ./mvnw -q -B -o -pl occam-core -am test -Dtest=RecommenderLadderBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Docam.bench=true}.
 */
@EnabledIfSystemProperty(named = "occam.bench", matches = "true")
class RecommenderLadderBenchmark {

    @Test
    void ladder_on100kInteractions_printsTimes() {
        run("5,000 users x 2,000 items", new PlantedClusters(5_000, 2_000, 20, 20, 0.2, 1L));
        run("943 users x 1,682 items (MovieLens-100k shape)", new PlantedClusters(943, 1_682, 20, 106, 0.2, 2L));
    }

    private static void run(String name, PlantedClusters generator) {
        long t0 = System.nanoTime();
        InteractionMatrix data = generator.generate().interactions();
        long t1 = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        RecommenderLadder.Outcome outcome = RecommenderLadder.run(data,
                RecommenderLadder.standardRungs(data.hasTimes(), 7L), RecommenderLadder.Options.DEFAULTS);
        long t2 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%n%s: %s; generated in %.2f s; ladder in %.2f s wall, %.2f s CPU (one thread);"
                + " %d test users; load average %.1f%n", name, data, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (cpu1 - cpu0) / 1e9,
                outcome.split().users().length, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%-18s %-46s %8s %8s %8s %8s %8s %8s %8s%n", "method", "chosen", "tune s", "fit s",
                "NDCG@10", "rec@10", "MAP@10", "cover", "ARP");
        for (RecommenderLadder.Result r : outcome.results()) {
            System.out.printf(Locale.ROOT, "%-18s %-46s %8.2f %8.2f %8.4f %8.4f %8.4f %8.3f %8.4f%n", r.method(), r.chosen(),
                    r.tuneSeconds(), r.fitSeconds(), r.test().meanNdcg(), r.test().meanRecall(),
                    r.test().meanAveragePrecision(), r.test().coverage(), r.test().recommendedPopularity());
        }
        System.out.printf(Locale.ROOT, "held-out items' ARP: %.4f%n", outcome.results().get(0).test().heldOutPopularity());
    }
}
