package dev.occam.spark;

import dev.occam.core.evaluate.Metric;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class DevTuneTest {
    @Test
    void tune() throws Exception {
        Path example = Path.of("../examples/credit").toAbsolutePath().normalize();
        String yaml = Files.readString(example.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + example.resolve("credit_data.csv"))
                .replace("repeats: 2", "repeats: 1");
        Path file = Files.createTempDirectory("tune").resolve("usecase.yaml");
        Files.writeString(file, yaml);
        UseCase useCase = UseCaseReader.read(file);
        var table0 = dev.occam.core.data.DataLoader.load(new dev.occam.core.data.DataSource(useCase.data().path(), null, null, useCase.data().baseDirectory()));
        var data = dev.occam.core.data.LabelledData.of(table0, "Status", useCase.task(), "bad", java.util.List.of());
        var m = new dev.occam.core.learn.tree.DecisionTree(dev.occam.core.learn.tree.DecisionTree.Options.defaults()).fit(data.features(), data.target());
        System.out.println("LOCALTREE " + m.describe());
        if (System.getProperty("tune").isEmpty()) return;
        SparkSession spark = LocalSpark.session();
        SparkTable table = SparkTable.of(spark, useCase, SparkTable.read(spark, useCase.data()).cache());
        String[] runs = System.getProperty("tune").split(";");
        for (String run : runs) {
            String[] f = run.split(",");
            SparkFamily.Settings s = new SparkFamily.Settings(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                    Double.parseDouble(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]), Integer.parseInt(f[10]));
            long t = System.nanoTime();
            var played = new SparkLadder(spark, table, Metric.fromKey("auc"), null, 42L, s).play(f[0], f[0], 3, id -> { });
            System.out.printf("TUNE %s -> %.4f (%.0f s)%n", run, played.evaluation().mean(), (System.nanoTime() - t) / 1e9);
        }
    }
}
