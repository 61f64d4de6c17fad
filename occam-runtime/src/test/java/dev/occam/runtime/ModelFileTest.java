package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Standardization;
import dev.occam.runtime.prep.Transform;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    private static final Schema RAW = new Schema(List.of(Feature.numeric("income"),
            Feature.categorical("home", List.of("own", "rent", "other"))));

    /** impute -> indicators -> standardize -> logistic, with awkward doubles so a lossy format would show. */
    static Model logisticPipeline() {
        Imputation impute = new Imputation(RAW, new double[] {1234.5678901234567, 1});
        IndicatorEncoding encode = new IndicatorEncoding(RAW, true);
        Schema encoded = encode.output();
        Standardization scale = new Standardization(encoded, new double[] {1000.1, 0.3, 0.1},
                new double[] {333.33333333333331, 0.45, 0.3});
        LinearScorer scorer = new LinearScorer(encoded, LinearScorer.Link.LOGIT, -0.1 / 3,
                new double[] {Math.PI / 7, -Math.E / 11, 1e-17}, new boolean[] {false, false, false},
                new LinearScorer.Inference("z", new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {1, 2, 3, 4},
                        new double[] {0.5, 0.05, 0.005, 5e-300}, Map.of("iterations", 5.0)));
        List<Transform> prep = List.of(impute, encode, scale);
        return new Model("logistic", TargetInfo.classification("default", "yes", "no"), prep, scorer, new Decision.AtThreshold(0.2817), null);
    }

    static Model tree() {
        List<TreeScorer.Node> nodes = List.of(
                new TreeScorer.Node(1, Double.NaN, new boolean[] {true, false, false}, false, 1, 2, 0.3, 100),
                TreeScorer.Node.leaf(0.1, 40),
                new TreeScorer.Node(0, 2500.5, null, true, 3, 4, 0.4333333333333333, 60),
                TreeScorer.Node.leaf(0.7, 30),
                TreeScorer.Node.leaf(1.0 / 6, 30));
        return new Model("tree", TargetInfo.classification("default", "yes", "no"), List.of(),
                new TreeScorer(RAW, nodes), new Decision.AtThreshold(0.5), null);
    }

    private static Row randomRow(SplittableRandom r) {
        Map<String, Object> v = new HashMap<>();
        v.put("income", r.nextInt(10) == 0 ? null : r.nextDouble() * 5000);
        String[] homes = {"own", "rent", "other", "boat", null};
        v.put("home", homes[r.nextInt(homes.length)]);
        return Row.of(v);
    }

    @Test
    void saveThenLoad_pipelineAndTree_bitIdenticalPredictions() throws Exception {
        for (Model model : List.of(logisticPipeline(), tree())) {
            Path file = dir.resolve(model.family() + ".json");
            ModelFile.save(model, file);
            Model loaded = ModelFile.load(file);
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < 2000; i++) {
                Row row = randomRow(r);
                assertEquals(Double.doubleToRawLongBits(model.predict(row).score()),
                        Double.doubleToRawLongBits(loaded.predict(row).score()), "row " + row);
                assertEquals(model.predict(row).label(), loaded.predict(row).label());
            }
            assertEquals(model.describe(), loaded.describe());
            assertEquals(model.parameterCount(), loaded.parameterCount());
        }
    }

    @Test
    void save_writesReadableVersionedJson() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(logisticPipeline(), file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"format\" : \"occam-model/1\""), text);
        assertTrue(text.contains("\"name\" : \"home=rent\""), text);
        assertTrue(text.contains("\"checksum\" : \"sha256:"), text);
    }

    @Test
    void load_editedFile_checksumMismatchNamed() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(logisticPipeline(), file);
        Files.writeString(file, Files.readString(file).replace("0.2817", "0.9"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("m.json"), e.getMessage());
    }

    @Test
    void load_unknownFormat_saysWhichFormatsAreRead() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(tree(), file);
        Files.writeString(file, Files.readString(file).replace("occam-model/1", "occam-model/9"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("'occam-model/9'") && e.getMessage().contains("occam-model/1"), e.getMessage());
    }

    @Test
    void load_truncatedOrMissingFile_clearMessage() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(tree(), file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage()
                .contains("not a JSON model file"));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("none.json"))).getMessage()
                .contains("no such model file"));
    }

    @Test
    void predict_unseenCategory_treatedAsMissing() {
        Model model = tree();
        Map<String, Object> boat = new HashMap<>(Map.of("income", 100.0, "home", "boat"));
        Map<String, Object> missing = new HashMap<>(Map.of("income", 100.0));
        assertEquals(model.predict(Row.of(missing)).score(), model.predict(Row.of(boat)).score());
    }

    @Test
    void predict_textInNumericField_messageNamesField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tree().predict(Row.of(Map.of("income", "lots", "home", "own"))));
        assertTrue(e.getMessage().contains("'income'") && e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void predict_treePath_followsSplits() {
        Model model = tree();
        assertEquals(0.1, model.predict(Row.of(Map.of("income", 9999.0, "home", "own"))).score());
        assertEquals(0.7, model.predict(Row.of(Map.of("income", 100.0, "home", "rent"))).score());
        assertEquals(1.0 / 6, model.predict(Row.of(Map.of("income", 3000.0, "home", "rent"))).score());
        // Missing income goes left at node 2 (missingLeft).
        assertEquals(0.7, model.predict(Row.of(Map.of("home", "rent"))).score());
        assertEquals("yes", model.predict(Row.of(Map.of("income", 100.0, "home", "rent"))).label());
    }

    private static final FitDiagnostics FIRTH = new FitDiagnostics(true, "Firth's penalised likelihood",
            List.of("NV > 0 separates the classes quasi-completely: every row with NV > 0 (13 rows) has HG = 1.",
                    "The maximum-likelihood estimates do not exist, so the model was fitted with Firth's correction "
                            + "(finite estimates, usable standard errors) \u2264 \"quoted\"."));

    @Test
    void saveThenLoad_diagnostics_keptExactly() throws Exception {
        Model model = logisticPipeline().withDiagnostics(FIRTH);
        Path file = dir.resolve("firth.json");
        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);
        assertEquals(FIRTH, loaded.diagnostics());
        assertEquals(Double.doubleToRawLongBits(model.predict(Row.of(Map.of("income", 3.0, "home", "own"))).score()),
                Double.doubleToRawLongBits(loaded.predict(Row.of(Map.of("income", 3.0, "home", "own"))).score()));
        assertTrue(Files.readString(file).contains("\"method\" : \"Firth's penalised likelihood\""));
        assertEquals(FitDiagnostics.CLEAN, ModelFile.fromJson(ModelFile.toJson(tree(), null)).diagnostics());
    }

    @Test
    void load_editedFinding_checksumMismatch() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(logisticPipeline().withDiagnostics(FIRTH), file);
        Files.writeString(file, Files.readString(file).replace("quasi-completely", "completely"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void load_fileWrittenBeforeDiagnostics_cleanDiagnosticsAndSamePredictions() throws Exception {
        Model model = logisticPipeline().withDiagnostics(FIRTH);
        com.fasterxml.jackson.databind.node.ObjectNode old = ModelFile.toJson(model, null);
        old.remove("checksum");
        old.remove("diagnostics");
        // The checksum as an older Occam wrote it: SHA-256 of the compact JSON of everything else.
        byte[] canonical = dev.occam.runtime.io.Json.MAPPER.writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(old).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        old.put("checksum", "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(canonical)));
        Model loaded = ModelFile.fromJson(old);
        assertEquals(FitDiagnostics.CLEAN, loaded.diagnostics());
        Row row = Row.of(Map.of("income", 2500.0, "home", "rent"));
        assertEquals(Double.doubleToRawLongBits(model.predict(row).score()),
                Double.doubleToRawLongBits(loaded.predict(row).score()));
    }

    @Test
    void load_malformedDiagnostics_namesTheField() {
        com.fasterxml.jackson.databind.node.ObjectNode json = ModelFile.toJson(tree(), null);
        json.remove("checksum");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("diagnostics")).put("converged", "yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitDiagnostics.fromJson(json.get("diagnostics")));
        assertEquals("diagnostics.converged must be true or false, got \"yes\"", e.getMessage());
    }

    @Test
    void withMethods_everyCopy_keepsTheDiagnostics() {
        Model model = logisticPipeline().withDiagnostics(FIRTH);
        assertEquals(FIRTH, model.withThreshold(0.4).diagnostics());
        assertEquals(FIRTH, model.withFamily("other").diagnostics());
        assertEquals(FIRTH, model.withPreparation(List.of()).diagnostics());
        assertEquals(FitDiagnostics.CLEAN, logisticPipeline().diagnostics());
        assertEquals(FIRTH, new Model("tree", tree().target(), List.of(), tree().scorer(), new Decision.AtThreshold(0.5), null, FIRTH)
                .withTypicalValues(new dev.occam.runtime.data.Frame(List.of(
                        new dev.occam.runtime.data.NumericColumn("income", new double[] {1, 2}),
                        new dev.occam.runtime.data.CategoricalColumn("home", List.of("own", "rent", "other"),
                                new int[] {0, 1})))).diagnostics());
    }

    @Test
    void fitDiagnostics_blankMethodOrFinding_throwsNamingIt() {
        assertEquals("method must not be blank: ' '", assertThrows(IllegalArgumentException.class,
                () -> new FitDiagnostics(true, " ", List.of())).getMessage());
        assertEquals("finding 1 is empty: ''", assertThrows(IllegalArgumentException.class,
                () -> new FitDiagnostics(true, "m", List.of("fine.", ""))).getMessage());
        assertTrue(FitDiagnostics.CLEAN.isClean());
        assertTrue(!FIRTH.isClean() && !new FitDiagnostics(false, "m", List.of()).isClean());
        assertEquals(List.of("a."), FitDiagnostics.clean("m").withFinding("a.").findings());
    }
}
