package dev.occam.spark;

import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The shaded jar's entry point for {@code spark-submit}: {@code USECASE [--out DIR]}. The master and every other
 * setting come from spark-submit; the fit writes leaderboard.json, model.json, card.json and report-data.json into
 * DIR on the driver (default {@code out/<use case name>}), and {@code occam report DIR} renders the page.
 * Exit codes as {@code occam fit}: 0 the success bar is met, 3 it is not, 2 a mistake in the use case or the data.
 */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--out"))) {
            System.err.println("usage: spark-submit --class dev.occam.spark.SparkMain occam-spark-shaded.jar "
                    + "USECASE [--out DIR]");
            System.exit(2);
        }
        int code;
        SparkSession spark = SparkSession.builder().appName("occam").getOrCreate();
        try {
            UseCase useCase = UseCaseReader.read(Path.of(args[0]));
            Path out = args.length == 3 ? Path.of(args[2]) : Path.of("out", useCase.name());
            FitResult result = new SparkFitEngine().fit(spark, useCase, out, (id, rung, done, total, s) ->
                    System.err.printf("occam: %s, fold %d of %d (%.0f s)%n", id, done, total, s));
            result.verdict().reasons().forEach(System.out::println);
            System.out.println(result.successSentence());
            System.out.println("written to " + out);
            code = result.successMet() ? 0 : 3;
        } catch (IllegalArgumentException | dev.occam.core.data.DataException
                | dev.occam.core.usecase.UseCaseException e) {
            System.err.println("occam: " + e.getMessage());
            code = 2;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}
