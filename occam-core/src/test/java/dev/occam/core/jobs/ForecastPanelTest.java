package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.usecase.ForecastUseCase;
import dev.occam.core.usecase.ForecastUseCaseReader;
import dev.occam.results.ForecastResults;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.ForecastRow;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand monthly series with a known season (amplitude 20% of the level, its phase and shape differing by
 * series), a slowly wandering level and noise, 180 values each: the panel path (no ETS or ARIMA, by the cost rule)
 * must beat the seasonal naive method's MASE over the rolling origins, and fit in well under a minute.
 */
class ForecastPanelTest {

    static final int SERIES = 1000;
    static final int LENGTH = 180;

    @Test
    void run_thousandSeasonalSeries_beatsSeasonalNaiveQuickly(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("panel.csv");
        Random random = new Random(13);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("store_id,date,sales\n");
            for (int s = 0; s < SERIES; s++) {
                double level = 50 + 150 * random.nextDouble();
                double phase = 2 * Math.PI * random.nextDouble();
                double second = 0.3 * random.nextDouble();
                for (int t = 0; t < LENGTH; t++) {
                    level += 0.01 * level * random.nextGaussian();
                    double season = Math.sin(2 * Math.PI * t / 12 + phase) + second * Math.sin(4 * Math.PI * t / 12);
                    double y = level * (1 + 0.2 * season) + 0.05 * level * random.nextGaussian();
                    w.write("s" + s + "," + LocalDate.of(2005, 1, 1).plusMonths(t) + ","
                            + String.format(Locale.ROOT, "%.3f", y) + "\n");
                }
            }
        }
        Path yaml = dir.resolve("usecase.yaml");
        Files.writeString(yaml, """
                name: panel
                question: How much will each store sell each month next year?
                task: forecast
                data:
                  path: panel.csv
                target: sales
                time: date
                series: store_id
                horizon: 12
                success:
                  metric: mase
                  at_most: 1.0
                """);
        ForecastUseCase useCase = ForecastUseCaseReader.read(yaml);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ForecastJob.Outcome outcome = new ForecastJob(useCase, dir.resolve("out"), 2).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time of the whole process (Java and XGBoost's native threads): the machine running the suite is often
        // shared, so wall time says little; half the CPU time is the wall time on two free cores.
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "1000 x %d monthly: %.1f s wall, %.1f s CPU; chosen %s%n", LENGTH, seconds,
                cpuSeconds, outcome.card().chosen());
        outcome.leaderboard().entries().forEach(e -> System.out.printf(Locale.ROOT,
                "  %-16s MASE %.3f cov80 %.3f cov95 %.3f fit %.2f ms%n", e.model(), e.mase(), e.coverage80(),
                e.coverage95(), e.fitMillis()));

        double seasonalNaive = entry(outcome, "seasonal-naive").mase();
        ForecastResults.Entry chosen = entry(outcome, outcome.card().chosen());
        assertTrue(chosen.mase() < seasonalNaive, "chosen " + chosen.model() + " MASE " + chosen.mase()
                + " should beat seasonal naive's " + seasonalNaive);
        assertTrue(cpuSeconds / 2 < 45, "a thousand series should fit in well under a minute on two cores: "
                + cpuSeconds + " s of CPU");
        // Intervals near nominal on the held-out values (rolling origins): within 10 points.
        assertEquals(0.80, chosen.coverage80(), 0.10);
        assertEquals(0.95, chosen.coverage95(), 0.10);

        ForecastModel model = ForecastModelFile.load(dir.resolve("out/model.json"));
        List<ForecastRow> rows = model.forecast(null, 12);
        assertEquals(SERIES * 12, rows.size());
        assertEquals("s0", rows.get(0).series());
        assertEquals("2020-01-01", rows.get(0).time());
    }

    private static ForecastResults.Entry entry(ForecastJob.Outcome outcome, String model) {
        return outcome.leaderboard().entries().stream().filter(e -> e.model().equals(model)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + model + " on the leaderboard"));
    }
}
