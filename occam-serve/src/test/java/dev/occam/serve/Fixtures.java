package dev.occam.serve;

import dev.occam.runtime.Decision;

import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Standardization;
import dev.occam.runtime.scorer.LinearScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** A small logistic model built in code (no fitting), with typical values and training ranges. */
final class Fixtures {

    static final Schema RAW = new Schema(List.of(Feature.numeric("income"),
            Feature.categorical("home", List.of("own", "rent", "other")), Feature.numeric("age")));
    static final String[] HOMES = {"own", "rent", "other"};

    private Fixtures() {
    }

    /** A logistic model whose intercept moves with {@code shift}, so two versions give different answers. */
    static Model logistic(double shift) {
        Imputation impute = new Imputation(RAW, new double[] {1234.5678901234567, 1, 41});
        IndicatorEncoding encode = new IndicatorEncoding(RAW, true);
        Schema encoded = encode.output();
        Standardization scale = new Standardization(encoded, new double[] {1000.1, 0.3, 0.1, 40},
                new double[] {333.33333333333331, 0.45, 0.3, 12.5});
        LinearScorer scorer = new LinearScorer(encoded, LinearScorer.Link.LOGIT, -0.1 / 3 + shift,
                new double[] {-Math.PI / 7, Math.E / 11, 0.3, 0.05}, new boolean[] {false, false, false, false},
                LinearScorer.Inference.fitOnly(5, java.util.Map.of()));
        Model model = new Model("logistic", TargetInfo.classification("default", "yes", "no"),
                List.of(impute, encode, scale), scorer, new Decision.AtThreshold(0.4), null);
        return model.withTypicalValues(training());
    }

    /**
     * A linear regression of a price with a 90% interval of ± 12,345.678901234567 (a CV residual interval as
     * {@code occam fit} attaches, with made-up coverage), so the answer carries lower and upper.
     */
    static Model linearWithInterval() {
        Imputation impute = new Imputation(RAW, new double[] {1234.5678901234567, 1, 41});
        IndicatorEncoding encode = new IndicatorEncoding(RAW, true);
        LinearScorer scorer = new LinearScorer(encode.output(), LinearScorer.Link.IDENTITY, 50_000.5,
                new double[] {12.3, -4000.25, 1500, 101.1}, new boolean[4], null, new double[] {2500, 0.3, 0.3, 50});
        Model model = new Model("linear", TargetInfo.regression("price"), List.of(impute, encode), scorer);
        return model.withTypicalValues(training()).withInterval(new PredictionInterval(0.9, 12_345.678901234567,
                PredictionInterval.METHOD_CV_RESIDUAL, 4000, new PredictionInterval.Coverage(0.9, 0.87, 0.93, 10)));
    }

    /** The rows the typical values and ranges come from: income in [100, 5000], age in [18, 90]. */
    static Frame training() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 200;
        double[] income = new double[n];
        double[] age = new double[n];
        int[] home = new int[n];
        for (int i = 0; i < n; i++) {
            income[i] = 100 + r.nextDouble() * 4900;
            age[i] = 18 + r.nextInt(73);
            home[i] = r.nextInt(3);
        }
        income[0] = 100;
        income[1] = 5000;
        age[0] = 18;
        age[1] = 90;
        return new Frame(List.of(new NumericColumn("income", income), new CategoricalColumn("home",
                List.of(HOMES), home), new NumericColumn("age", age)));
    }

    static Path write(Model model, Path dir, String name, int version) throws IOException {
        Path file = version == 0 ? dir.resolve(name).resolve("model.json")
                : dir.resolve(name).resolve("versions").resolve(Integer.toString(version)).resolve("model.json");
        Files.createDirectories(file.getParent());
        ModelFile.save(model, file);
        return file;
    }
}
