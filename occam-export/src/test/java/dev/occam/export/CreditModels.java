package dev.occam.export;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Model;
import dev.occam.runtime.Occam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models fitted on the shipped credit example (examples/credit, credit_data.csv: 4,454 loans from R's modeldata
 * package, MIT) as {@code occam fit} fits them, one family at a time, and the example's rows as a user's file
 * holds them. The fits use 2 folds (the folds only choose; the exported model is the refit on every row).
 */
final class CreditModels {

    static final Path EXAMPLE = Path.of("..", "examples", "credit").toAbsolutePath().normalize();
    private static final Map<String, Model> FITTED = new HashMap<>();

    private CreditModels() {
    }

    /** The credit example's classification model of {@code Status = bad} by one family. */
    static synchronized Model classifier(String family, Path dir) {
        return fit("classification-" + family, family, dir, useCase -> useCase);
    }

    /** A regression of the loan {@code Amount} on the other columns by one family. */
    static synchronized Model regression(String family, Path dir) {
        return fit("regression-" + family, family, dir, useCase -> useCase
                .replace("target: Status", "target: Amount")
                .replace("task: classification", "task: regression")
                .replace("positive: bad", "")
                .replace("metric: auc", "metric: rmse")
                .replace("at_least: 0.80", "at_most: 100000")
                .replaceAll("current_rule: .*", "")
                .replaceAll("(?s)fairness:.*?favourable: negative[^\\n]*\\n", ""));
    }

    private static Model fit(String key, String family, Path dir, java.util.function.UnaryOperator<String> edit) {
        Model cached = FITTED.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Path useCase = Files.createDirectories(dir.resolve(key)).resolve("usecase.yaml");
            Files.writeString(useCase, edit.apply(Files.readString(EXAMPLE.resolve("usecase.yaml"))
                    .replace("path: credit_data.csv", "path: " + EXAMPLE.resolve("credit_data.csv"))
                    .replace("folds: 5", "folds: 2").replace("repeats: 2", "repeats: 1")
                    .replace("seed: 42", "seed: 42\n  candidates: [" + candidate(family) + "]")
                    .replace("max_latency_us: 1000", "max_latency_us: 1000000000")
                    .replace("max_parameters: 10000", "max_parameters: 100000000")));
            Path out = dir.resolve(key).resolve("out");
            new FitJob(UseCaseReader.read(useCase), out, null).run();
            Path modelFile = out.resolve("model.json");
            if (!Files.exists(modelFile)) {
                throw new AssertionError("the " + family + " fit wrote no model: " + Files.readString(out.resolve("card.json")));
            }
            Model model = Occam.load(modelFile);
            FITTED.put(key, model);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("fitting " + key + ": " + e, e);
        }
    }

    /** The family as a candidate; a forest of 60 trees, to keep the test short (the export is the same). */
    private static String candidate(String family) {
        return family.equals("random-forest") ? "{learner: random-forest, options: {trees: 60}}" : family;
    }

    /** Every row of credit_data.csv as named values: numbers as doubles, "NA" as null, the rest as text. */
    static List<Map<String, Object>> rows() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE.resolve("credit_data.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] values = lines.get(i).split(",", -1);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int j = 0; j < header.length; j++) {
                String v = values[j];
                row.put(header[j], v.equals("NA") ? null : v.matches("-?\\d+(\\.\\d+)?") ? (Object) Double.valueOf(v) : v);
            }
            out.add(row);
        }
        return out;
    }
}
