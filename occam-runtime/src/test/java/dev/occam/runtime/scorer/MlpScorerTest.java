package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpScorerTest {

    @TempDir
    Path dir;

    private static final Schema TWO = new Schema(List.of(Feature.numeric("a"), Feature.numeric("b")));

    /** a, b -> 2 relu -> 1: hidden = (max(0, a - b), max(0, 0.5 + b)), output = -1 + 2 h1 - 3 h2. */
    private static MlpScorer small(MlpScorer.Output output) {
        MlpScorer.Layer hidden = new MlpScorer.Layer(new double[][] {{1, -1}, {0, 1}}, new double[] {0, 0.5});
        MlpScorer.Layer out = new MlpScorer.Layer(new double[][] {{2, -3}}, new double[] {-1});
        return new MlpScorer(TWO, List.of(hidden, out), output, Map.of("epochs", 12.0));
    }

    /** A network with awkward doubles, so that a lossy file format would show. */
    private static MlpScorer random(long seed, int inputs, List<Integer> hidden, MlpScorer.Output output) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            features.add(Feature.numeric("x" + i));
        }
        List<MlpScorer.Layer> layers = new ArrayList<>();
        int width = inputs;
        List<Integer> sizes = new ArrayList<>(hidden);
        sizes.add(output == MlpScorer.Output.SOFTMAX ? 3 : 1);
        for (int units : sizes) {
            double[][] w = new double[units][width];
            double[] b = new double[units];
            for (int u = 0; u < units; u++) {
                for (int i = 0; i < width; i++) {
                    w[u][i] = r.nextGaussian() / 3;
                }
                b[u] = r.nextGaussian() / 7;
            }
            layers.add(new MlpScorer.Layer(w, b));
            width = units;
        }
        return new MlpScorer(new Schema(features), layers, output, Map.of("best_validation_loss", 0.1 / 3));
    }

    @Test
    void score_handBuiltNetwork_matchesHandComputation() {
        MlpScorer identity = small(MlpScorer.Output.IDENTITY);
        // a=2, b=1: h = (1, 1.5), out = -1 + 2 - 4.5 = -3.5
        assertEquals(-3.5, identity.score(new double[] {2, 1}), 1e-15);
        // a=0, b=-1: h = (1, 0), out = -1 + 2 = 1
        assertEquals(1.0, identity.score(new double[] {0, -1}), 1e-15);
        MlpScorer logistic = small(MlpScorer.Output.LOGISTIC);
        assertEquals(1 / (1 + Math.exp(3.5)), logistic.score(new double[] {2, 1}), 1e-15);
        assertEquals(-3.5, logistic.outputValue(new double[] {2, 1}), 1e-15);
    }

    @Test
    void score_hugeOutputValue_probabilityStaysInUnitInterval() {
        MlpScorer logistic = small(MlpScorer.Output.LOGISTIC);
        assertEquals(0.0, logistic.score(new double[] {0, 1e300}));
        assertEquals(1.0, logistic.score(new double[] {1e300, -1}));
    }

    @Test
    void parameterCount_everyWeightAndBias() {
        assertEquals(2 * 2 + 2 + 2 * 1 + 1, small(MlpScorer.Output.LOGISTIC).parameterCount());
        assertEquals(26 * 20 + 20 + 20 * 10 + 10 + 10 + 1,
                random(1, 26, List.of(20, 10), MlpScorer.Output.LOGISTIC).parameterCount());
    }

    @Test
    void describe_architectureParametersAndTraining() {
        String text = small(MlpScorer.Output.LOGISTIC).describe();
        assertEquals("multilayer perceptron: 2 inputs -> 2 relu -> 1 logistic\n"
                + "weights: 6, biases: 3\n"
                + "epochs: 12", text);
    }

    @Test
    void toJson_layersNamedWithTheirInputs() {
        ObjectNode json = random(2, 3, List.of(4, 2), MlpScorer.Output.LOGISTIC).toJson();
        assertEquals("mlp", json.get("type").asText());
        assertEquals("3 inputs -> 4 relu -> 2 relu -> 1 logistic", json.get("architecture").asText());
        assertEquals("hidden1", json.get("layers").get(0).get("name").asText());
        assertEquals("[\"x0\",\"x1\",\"x2\"]", json.get("layers").get(0).get("inputs").toString());
        assertEquals("[\"hidden1.1\",\"hidden1.2\",\"hidden1.3\",\"hidden1.4\"]",
                json.get("layers").get(1).get("inputs").toString());
        assertEquals("output", json.get("layers").get(2).get("name").asText());
        assertEquals("logistic", json.get("layers").get(2).get("activation").asText());
        assertEquals(2, json.get("layers").get(2).get("units").get(0).get("weights").size());
    }

    @Test
    void saveThenLoad_bitIdenticalScoresAndDescription() throws Exception {
        for (MlpScorer.Output output : MlpScorer.Output.values()) {
            for (List<Integer> hidden : List.of(List.of(5), List.of(6, 3))) {
                MlpScorer scorer = random(3, 4, hidden, output);
                TargetInfo target = switch (output) {
                    case LOGISTIC -> TargetInfo.classification("y", "yes", "no");
                    case IDENTITY -> TargetInfo.regression("y");
                    case SOFTMAX -> TargetInfo.multiclass("y", List.of("a", "b", "c"));
                };
                Model model = Model.of("mlp", target, scorer);
                Path file = dir.resolve("mlp-" + output + hidden.size() + ".json");
                ModelFile.save(model, file);
                Model loaded = ModelFile.load(file);
                SplittableRandom r = new SplittableRandom(9);
                for (int i = 0; i < 500; i++) {
                    double[] x = {r.nextGaussian(), r.nextGaussian() * 1e3, r.nextGaussian() * 1e-3, r.nextDouble()};
                    assertEquals(Double.doubleToRawLongBits(model.score(x)), Double.doubleToRawLongBits(loaded.score(x)));
                    if (output == MlpScorer.Output.SOFTMAX) {
                        assertArrayEquals(model.scoreClasses(x), loaded.scoreClasses(x), 0.0);
                    }
                }
                assertEquals(model.describe(), loaded.describe());
                assertEquals(ModelFile.toJson(model, null), ModelFile.toJson(loaded, null));
            }
        }
    }

    @Test
    void score_manyThreads_sameScoresAsOneThread() throws Exception {
        MlpScorer scorer = random(4, 6, List.of(8, 4), MlpScorer.Output.LOGISTIC);
        double[][] rows = new double[2000][6];
        double[] expected = new double[rows.length];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 6; j++) {
                rows[i][j] = r.nextGaussian();
            }
            expected[i] = scorer.score(rows[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < rows.length; i++) {
                            if (scorer.score(rows[i]) != expected[i]) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void constructor_outputLayerOfTwoUnits_throws() {
        MlpScorer.Layer hidden = new MlpScorer.Layer(new double[][] {{1, 1}, {1, 1}}, new double[] {0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpScorer(TWO, List.of(hidden), MlpScorer.Output.LOGISTIC, Map.of()));
        assertEquals("the output layer must have 1 unit, got 2", e.getMessage());
    }

    @Test
    void constructor_layerReadsWrongWidth_throws() {
        MlpScorer.Layer wide = new MlpScorer.Layer(new double[][] {{1, 1, 1}}, new double[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpScorer(TWO, List.of(wide), MlpScorer.Output.LOGISTIC, Map.of()));
        assertEquals("layer 1 reads 3 inputs, but 2 come in", e.getMessage());
    }

    @Test
    void layer_nonFiniteWeight_throwsWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpScorer.Layer(new double[][] {{1, Double.NaN}}, new double[] {0}));
        assertEquals("weight of unit 1 must be finite: NaN", e.getMessage());
    }

    @Test
    void constructor_categoricalInput_throws() {
        Schema schema = new Schema(List.of(Feature.categorical("home", List.of("own", "rent"))));
        MlpScorer.Layer out = new MlpScorer.Layer(new double[][] {{1}}, new double[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpScorer(schema, List.of(out), MlpScorer.Output.LOGISTIC, Map.of()));
        assertTrue(e.getMessage().contains("'home' is categorical"), e.getMessage());
    }

    @Test
    void fromJson_unknownOutputActivation_throwsNamingIt() {
        ObjectNode json = small(MlpScorer.Output.LOGISTIC).toJson();
        ((ObjectNode) json.get("layers").get(1)).put("activation", "tanh");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(json));
        assertEquals("layer 'output': output activation must be logistic, identity or softmax, got 'tanh'",
                e.getMessage());
        ((ObjectNode) json.get("layers").get(1)).put("activation", "softmax");
        assertEquals("a softmax output layer needs 3 or more units, one per class, got 1",
                assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(json)).getMessage());
    }

    @Test
    void fromJson_wrongNumberOfWeights_throws() {
        ObjectNode json = small(MlpScorer.Output.LOGISTIC).toJson();
        ((ObjectNode) json.get("layers").get(0).get("units").get(0)).set("weights", Json.array(new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(json));
        assertEquals("layer 'hidden1' unit 1 has 1 weights for 2 inputs", e.getMessage());
    }
}
