package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.scorer.LinearScorer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interval record, its place on {@link Model} and {@link Prediction}, and the model file. */
class PredictionIntervalTest {

    @TempDir
    Path dir;

    private static final Schema HOUSES = new Schema(List.of(Feature.numeric("Area"),
            Feature.categorical("Street", List.of("Pave", "Grvl"))));

    private static final PredictionInterval INTERVAL = new PredictionInterval(0.9, 23_456.789012345678,
            PredictionInterval.METHOD_CV_RESIDUAL, 5860, new PredictionInterval.Coverage(0.897, 0.85, 0.931, 10));

    /** Price = 10,000 + 100.3 Area − 1/3 [Street = Grvl], with awkward doubles so a lossy file would show. */
    private static Model linear() {
        IndicatorEncoding encode = new IndicatorEncoding(HOUSES, true);
        LinearScorer scorer = new LinearScorer(encode.output(), LinearScorer.Link.IDENTITY, 10_000,
                new double[] {100.3, -1.0 / 3}, new boolean[2], null, new double[] {1500.5, 0.1});
        Model m = new Model("linear", TargetInfo.regression("Price"), List.of(encode), scorer);
        Frame training = new Frame(List.of(new NumericColumn("Area", new double[] {1000, 1500, 2000}),
                new CategoricalColumn("Street", List.of("Pave", "Grvl"), new int[] {0, 0, 1})));
        return m.withTypicalValues(training);
    }

    private static Row row(Object area, Object street) {
        Map<String, Object> v = new HashMap<>();
        v.put("Area", area);
        v.put("Street", street);
        return Row.of(v);
    }

    @Test
    void predict_withInterval_lowerAndUpperAreScoreMinusAndPlusHalfWidth() {
        Model m = linear().withInterval(INTERVAL);
        Prediction p = m.predict(row(1234.5, "Grvl"));
        assertTrue(p.hasInterval());
        assertEquals(p.score() - INTERVAL.halfWidth(), p.lower(), 0.0);
        assertEquals(p.score() + INTERVAL.halfWidth(), p.upper(), 0.0);
        assertNull(p.label());
        Prediction[] batch = m.predict(new Frame(List.of(new NumericColumn("Area", new double[] {1234.5}),
                new CategoricalColumn("Street", List.of("Grvl"), new int[] {0}))));
        assertEquals(p, batch[0], "batch equals single rows, interval included");
    }

    @Test
    void predict_withoutInterval_lowerAndUpperAreNaN() {
        Prediction p = linear().predict(row(1234.5, "Grvl"));
        assertFalse(p.hasInterval());
        assertTrue(Double.isNaN(p.lower()) && Double.isNaN(p.upper()));
        assertEquals(new Prediction(p.score(), null), p, "the two-argument constructor means no interval");
    }

    @Test
    void withCopies_keepTheInterval() {
        Model m = linear().withInterval(INTERVAL);
        assertEquals(INTERVAL, m.withFamily("renamed").interval());
        assertEquals(INTERVAL, m.withDecision(Decision.VALUE).interval());
        assertEquals(INTERVAL, m.withTypicalValues(new Frame(List.of(new NumericColumn("Area", new double[] {1}),
                new CategoricalColumn("Street", List.of("Pave"), new int[] {0})))).interval());
        assertEquals(INTERVAL, m.withPreparation(List.of()).interval());
        assertNull(linear().interval());
    }

    @Test
    void withInterval_classifier_throwsNamingTheTarget() {
        Model classifier = ModelFileTest.tree();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier.withInterval(INTERVAL));
        assertTrue(e.getMessage().contains("'default'") || e.getMessage().contains("default"), e.getMessage());
    }

    @Test
    void saveThenLoad_withInterval_sameIntervalAndBitIdenticalBounds() throws Exception {
        Model m = linear().withInterval(INTERVAL);
        Path file = dir.resolve("model.json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        assertEquals(INTERVAL, loaded.interval());
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            Row row = row(r.nextInt(20) == 0 ? null : r.nextDouble() * 4000, r.nextBoolean() ? "Pave" : "Grvl");
            Prediction a = m.predict(row);
            Prediction b = loaded.predict(row);
            assertEquals(Double.doubleToRawLongBits(a.score()), Double.doubleToRawLongBits(b.score()));
            assertEquals(Double.doubleToRawLongBits(a.lower()), Double.doubleToRawLongBits(b.lower()));
            assertEquals(Double.doubleToRawLongBits(a.upper()), Double.doubleToRawLongBits(b.upper()));
        }
        assertEquals(m.describe(), loaded.describe());
    }

    @Test
    void load_fileWithoutInterval_loadsWithNone() {
        ObjectNode json = ModelFile.toJson(linear(), null);
        assertFalse(json.has("interval"), "no interval, no field: older readers see the file they know");
        assertNull(ModelFile.fromJson(json).interval());
    }

    @Test
    void load_intervalChangedAfterSaving_checksumMismatch() {
        ObjectNode json = ModelFile.toJson(linear().withInterval(INTERVAL), null);
        ((ObjectNode) json.get("interval")).put("half_width", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromJson(json));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void percent_decimalLevels_writtenAsGiven() {
        assertEquals("90", PredictionInterval.percent(0.9));
        assertEquals("95", PredictionInterval.percent(0.95));
        assertEquals("7", PredictionInterval.percent(0.07), "0.07 * 100 is 7.000000000000001 in binary");
        assertEquals("97_5", new PredictionInterval(0.975, 1, "x", 1, null).columnSuffix());
    }

    @Test
    void constructor_outOfRange_throwsWithValue() {
        assertEquals("interval level must be in (0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> new PredictionInterval(1.0, 1, "x", 1, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PredictionInterval(0.0, 1, "x", 1, null));
        assertEquals("interval half width must be finite and >= 0: Infinity", assertThrows(
                IllegalArgumentException.class, () -> new PredictionInterval(0.9, Double.POSITIVE_INFINITY, "x", 1,
                        null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PredictionInterval(0.9, -1, "x", 1, null));
        assertThrows(IllegalArgumentException.class, () -> new PredictionInterval.Coverage(0.9, 0.95, 1, 3));
    }

    @Test
    void describe_statesLevelWidthMethodAndCoverage() {
        assertEquals("90% prediction interval: prediction ± 23,456.79 (the ⌈(N+1)·0.9⌉-th smallest of N = 5,860"
                + " absolute out-of-fold residuals (CV residual method, no finite-sample guarantee);"
                + " out-of-fold coverage 89.7%, folds 85.0–93.1%)", INTERVAL.describe());
        assertTrue(linear().withInterval(INTERVAL).describe().contains(INTERVAL.describe()));
    }

    @Test
    void predictionReasons_regression_strongestEitherWay() {
        Explanation e = linear().explain(row(1000, "Grvl"));
        // Area: 100.3 * (1000 - 1500.5) ≈ -50,200; Street: -1/3 * (1 - 0.1) = -0.3.
        assertEquals(List.of("Area 1,000: below typical (median 1,500), lowers the predicted Price",
                "Street Grvl: typical is Pave, lowers the predicted Price"), e.predictionReasons(3));
        assertEquals(List.of(), e.reasons(3), "nothing raised it");
        Explanation high = linear().explain(row(3000, "Grvl"));
        assertEquals(List.of("Area 3,000: above typical (median 1,500), raises the predicted Price",
                "Street Grvl: typical is Pave, lowers the predicted Price"), high.predictionReasons(3));
    }
}
