package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.calibration.IsotonicCalibration;
import dev.occam.runtime.calibration.PlattScaling;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.scorer.ConstantScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a calibrator: what it reports, what its copies keep, and its file. */
class CalibratedModelTest {

    @TempDir
    Path dir;

    private static final Calibrator PLATT = new PlattScaling(0.6180339887498949, -0.1 / 3);
    private static final Calibrator ISOTONIC = new IsotonicCalibration(
            new double[] {0.05, 0.2, 0.2500000000000001, 0.6, 0.97}, new double[] {0.01, 0.1, 0.3, 0.3, 0.8});

    private static Row randomRow(SplittableRandom r) {
        Map<String, Object> v = new HashMap<>();
        v.put("income", r.nextInt(10) == 0 ? null : r.nextDouble() * 5000);
        String[] homes = {"own", "rent", "other", "boat", null};
        v.put("home", homes[r.nextInt(homes.length)]);
        return Row.of(v);
    }

    @Test
    void predictScoreExplain_calibrated_reportTheCalibratedProbabilityAgainstTheThreshold() {
        Model raw = ModelFileTest.logisticPipeline();
        Model calibrated = raw.withCalibration(PLATT).withThreshold(0.4);
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            Row row = randomRow(r);
            double uncalibrated = raw.predict(row).score();
            Prediction p = calibrated.predict(row);
            assertEquals(PLATT.apply(uncalibrated), p.score(), 0.0);
            assertEquals(p.score() >= 0.4 ? "yes" : "no", p.label());
            Explanation e = calibrated.explain(row);
            assertEquals(p.score(), e.score(), 0.0);
            // The contributions explain the uncalibrated log-odds, as the model without a calibrator does.
            assertEquals(raw.explain(row).value(), e.value(), 0.0);
        }
    }

    @Test
    void withCopies_everyCopyKeepsTheCalibrator() {
        Model m = ModelFileTest.logisticPipeline().withCalibration(ISOTONIC);
        assertSame(ISOTONIC, m.withThreshold(0.3).calibration());
        assertSame(ISOTONIC, m.withFamily("other").calibration());
        Frame training = new Frame(List.of(new NumericColumn("income", new double[] {1, 2, 3}),
                new CategoricalColumn("home", List.of("own", "rent", "other"), new int[] {0, 1, 2})));
        assertSame(ISOTONIC, m.withTypicalValues(training).calibration());
        Imputation before = new Imputation(m.schema(), new double[] {0, 0});
        assertSame(ISOTONIC, m.withPreparation(List.of(before)).calibration());
        assertNull(m.withCalibration(null).calibration());
        assertTrue(m.describe().contains("after isotonic calibration"), m.describe());
        assertTrue(m.describe().contains("calibration: isotonic regression, 5 breakpoints"), m.describe());
    }

    @Test
    void withCalibration_regressionModel_rejected() {
        Model regression = Model.of("baseline", TargetInfo.regression("price"),
                new ConstantScorer(ModelFileTest.logisticPipeline().schema(), 3.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> regression.withCalibration(PLATT));
        assertTrue(e.getMessage().contains("price"), e.getMessage());
    }

    @Test
    void saveThenLoad_plattAndIsotonic_bitIdenticalAndReadable() throws Exception {
        for (Calibrator c : List.of(PLATT, ISOTONIC)) {
            Model model = ModelFileTest.logisticPipeline().withCalibration(c).withThreshold(0.2500000000000001);
            Path file = dir.resolve(c.method() + ".json");
            ModelFile.save(model, file);
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            assertEquals(c.method(), json.path("calibration").path("method").asText());
            Model loaded = ModelFile.load(file);
            assertEquals(c, loaded.calibration());
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < 2000; i++) {
                Row row = randomRow(r);
                assertEquals(Double.doubleToRawLongBits(model.predict(row).score()),
                        Double.doubleToRawLongBits(loaded.predict(row).score()), "row " + row);
                assertEquals(model.predict(row).label(), loaded.predict(row).label());
            }
            assertEquals(model.describe(), loaded.describe());
        }
        String platt = Files.readString(dir.resolve("platt.json"));
        assertTrue(platt.contains("\"a\" : 0.6180339887498949") && platt.contains("\"b\" : -0.03333333333333333"),
                platt);
    }

    @Test
    void load_fileWithoutCalibration_loadsUncalibrated() throws Exception {
        Path file = dir.resolve("old.json");
        ModelFile.save(ModelFileTest.logisticPipeline(), file);
        assertFalse(Files.readString(file).contains("\"calibration\""));
        assertNull(ModelFile.load(file).calibration());
    }
}
