package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.ladder.Ladder;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every learner that declares {@link Capability#MULTICLASS}, on a seeded three-class fixture: probabilities in
 * [0, 1] summing to 1 (1e-9), the call is the most probable class, batch equals row by row, save and load give
 * bit-identical probabilities, unseen categories and missing values still score, and it learns (training
 * accuracy well above the one third of a constant).
 */
class MulticlassConformanceTest {

    private static final List<String> LEVELS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    static Stream<Learner> multiclassLearners() {
        return Ladder.all().stream().filter(l -> l.capabilities().contains(Capability.MULTICLASS));
    }

    /** Class by the quadrant of (x1, x2), with noise; a categorical column that leans to class c. */
    static Frame features;
    static Target target;

    static {
        int n = 240;
        SplittableRandom random = new SplittableRandom(11);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] codes = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = random.nextDouble() * 4 - 2;
            x2[i] = random.nextDouble() * 4 - 2;
            int k = x1[i] < -0.5 ? 0 : x2[i] < 0 ? 1 : 2;
            if (random.nextDouble() < 0.1) {
                k = random.nextInt(3);
            }
            y[i] = k;
            codes[i] = k == 2 && random.nextDouble() < 0.6 ? 1 : random.nextInt(2);
            if (i % 37 == 5) {
                x2[i] = Double.NaN;
            }
        }
        features = new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                new CategoricalColumn("colour", List.of("red", "blue"), codes)));
        target = new Target(TargetInfo.multiclass("class", LEVELS), y);
    }

    @Test
    void ladder_multiclassLearners_includeEveryProbabilisticFamily() {
        List<String> families = multiclassLearners().map(Learner::family).toList();
        assertTrue(families.containsAll(List.of("baseline", "logistic", "tree", "random-forest", "naive-bayes", "knn",
                "mlp", "boosting")), families.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassLearners")
    void predict_everyRow_probabilitiesSumToOneAndCallTheMostProbable(Learner l) {
        Model m = l.fit(features, target);
        for (Prediction p : m.predict(features)) {
            double sum = 0;
            double max = -1;
            String called = null;
            for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
                assertTrue(e.getValue() >= 0 && e.getValue() <= 1, e.toString());
                sum += e.getValue();
                if (e.getValue() > max) {
                    max = e.getValue();
                    called = e.getKey();
                }
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(LEVELS, new ArrayList<>(p.probabilities().keySet()));
            assertEquals(called, p.label());
            assertEquals(max, p.probability(), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassLearners")
    void predict_batch_equalsRowByRow(Learner l) {
        Model m = l.fit(features, target);
        Prediction[] batch = m.predict(features);
        for (int i = 0; i < features.rows(); i += 7) {
            Map<String, Object> values = new HashMap<>();
            for (String name : features.schema().names()) {
                var c = features.column(name);
                values.put(name, c.isMissing(i) ? null
                        : c instanceof CategoricalColumn cc ? cc.level(i) : ((NumericColumn) c).values()[i]);
            }
            assertEquals(batch[i], m.predict(values), "row " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassLearners")
    void saveAndLoad_identicalProbabilities(Learner l) throws Exception {
        Model m = l.fit(features, target);
        Path file = dir.resolve(l.family() + ".json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        assertEquals(m.target(), loaded.target());
        double[][] before = m.scoreClasses(features);
        double[][] after = loaded.scoreClasses(features);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0, "row " + i);
        }
        assertEquals(m.parameterCount(), loaded.parameterCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassLearners")
    void predict_unseenCategoryAndMissing_probabilitiesSumToOne(Learner l) {
        Model m = l.fit(features, target);
        Map<String, Object> values = new HashMap<>();
        values.put("x1", 0.3);
        values.put("x2", null);
        values.put("colour", "green");
        Prediction p = m.predict(Row.of(values));
        assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertFalse(m.explain(Row.of(values)).predictionReasons(3).stream().anyMatch(String::isBlank));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassLearners")
    void fit_quadrantFixture_learnsUnlessBaseline(Learner l) {
        Model m = l.fit(features, target);
        double accuracy = Metric.ACCURACY.of(m, features, target.values());
        if (l.family().equals("baseline")) {
            assertEquals(1.0 / 3, Metric.MACRO_AUC.of(m, features, target.values()) / 1.5, 1e-9,
                    "a constant ranks nothing: macro AUC 0.5");
        } else {
            assertTrue(accuracy > 0.75, l.family() + " training accuracy " + accuracy);
        }
    }
}
