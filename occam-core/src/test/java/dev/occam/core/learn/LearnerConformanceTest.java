package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.ladder.Ladder;
import dev.occam.runtime.FitDiagnostics;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered learner keeps, run over every learner of {@link Ladder#all()} and every
 * task it declares: a learner added to the ladder is tested here without being named.
 */
class LearnerConformanceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> learnersAndTasks() {
        List<Arguments> out = new ArrayList<>();
        for (Learner l : Ladder.all()) {
            if (l.capabilities().contains(Capability.CLASSIFICATION)) {
                out.add(Arguments.of(l.family(), l, Task.CLASSIFICATION));
            }
            if (l.capabilities().contains(Capability.REGRESSION)) {
                out.add(Arguments.of(l.family(), l, Task.REGRESSION));
            }
        }
        return out.stream();
    }

    private static Model fit(Learner l, Fixtures.Data d) {
        return CrossValidation.fitWithThreshold(l, d.features(), d.target(), null);
    }

    private static void assertScoresValid(Model m, Frame f, Task task) {
        for (double s : m.score(f)) {
            assertTrue(Double.isFinite(s), "score " + s);
            if (task == Task.CLASSIFICATION) {
                assertTrue(s >= 0 && s <= 1, "probability outside [0, 1]: " + s);
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void predict_batch_equalsRowByRow(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 300, 1);
        Model m = fit(l, d);
        double[] batch = m.score(d.features());
        for (int i = 0; i < d.features().rows(); i++) {
            Row row = Row.of(d.features().schema().decode(d.features().row(i)));
            assertEquals(Double.doubleToRawLongBits(batch[i]), Double.doubleToRawLongBits(m.predict(row).score()),
                    "row " + i);
        }
    }

    /**
     * Cross-validation fits each fold on a view of its rows ({@link Frame#view}) and scores the held-out rows
     * through another: the model and its held-out scores must be those of the copied rows, bit for bit. The rows are
     * a real fold's, then a shuffled view of a view (rows out of order, some repeated), so no learner can be reading
     * the parent's arrays by position.
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_onAViewOfTheRows_bitIdenticalToTheCopiedRows(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 400, 12);
        dev.occam.core.evaluate.Fold fold = Folds.repeatedKFold(3, 400, 4, 1,
                task == Task.CLASSIFICATION ? d.target().values() : null).get(1);
        assertFitOnViewEqualsFitOnCopy(family, l, d, fold.train(), fold.test(), i -> i);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int[] outer = new int[400];
        for (int i = 0; i < outer.length; i++) {
            outer[i] = random.nextInt(400);
        }
        int[] train = java.util.stream.IntStream.range(0, 300).toArray();
        int[] test = java.util.stream.IntStream.range(300, 400).toArray();
        assertFitOnViewEqualsFitOnCopy(family, l, new Fixtures.Data(d.features().view(outer),
                d.target().select(outer)), train, test, i -> outer[i]);
    }

    private static void assertFitOnViewEqualsFitOnCopy(String family, Learner l, Fixtures.Data d, int[] train,
            int[] test, java.util.function.IntUnaryOperator parentRow) {
        Model onView = CrossValidation.fitWithThreshold(l, d.features().view(train), d.target().select(train), null);
        Frame copied = d.features().isView() ? copyOf(d.features()) : d.features();
        Model onCopy = CrossValidation.fitWithThreshold(l, copied.select(train), d.target().select(train), null);
        assertEquals(ModelFile.toJson(onCopy, null), ModelFile.toJson(onView, null), family);
        double[] viewScores = onView.score(d.features().view(test));
        double[] copyScores = onCopy.score(copied.select(test));
        for (int i = 0; i < test.length; i++) {
            assertEquals(Double.doubleToRawLongBits(copyScores[i]), Double.doubleToRawLongBits(viewScores[i]),
                    family + " held-out row " + parentRow.applyAsInt(test[i]));
        }
    }

    /** A dense copy of every row, so the copied side of the comparison holds no view. */
    private static Frame copyOf(Frame frame) {
        return frame.select(java.util.stream.IntStream.range(0, frame.rows()).toArray());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_sameDataTwice_sameModel(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 300, 2);
        assertEquals(ModelFile.toJson(fit(l, d), null), ModelFile.toJson(fit(l, d), null));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void saveAndLoad_identicalPredictions(String family, Learner l, Task task) throws Exception {
        Fixtures.Data d = Fixtures.easy(task, 300, 3);
        Model m = fit(l, d);
        Path file = dir.resolve(family + ".json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        double[] a = m.score(d.features());
        double[] b = loaded.score(d.features());
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
        assertEquals(m.threshold(), loaded.threshold());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_easyFixture_convergedDiagnosticsThatSurviveSaveAndLoad(String family, Learner l, Task task)
            throws Exception {
        Fixtures.Data d = Fixtures.easy(task, 400, 7);
        Model m = fit(l, d);
        FitDiagnostics diagnostics = m.diagnostics();
        assertTrue(diagnostics.converged(), family + ": " + diagnostics);
        assertFalse(diagnostics.method().isBlank());
        for (String finding : diagnostics.findings()) {
            assertTrue(finding.endsWith("."), family + ": a finding is a complete sentence: " + finding);
        }
        Path file = dir.resolve(family + "-diagnostics.json");
        ModelFile.save(m, file);
        assertEquals(diagnostics, ModelFile.load(file).diagnostics());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_easyFixture_validScoresAndBeatsBaseline(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 600, 4);
        Model m = fit(l, d);
        assertScoresValid(m, d.features(), task);
        assertTrue(m.parameterCount() >= 1);
        if (l instanceof BaselineLearner) {
            return;
        }
        Metric metric = task == Task.CLASSIFICATION ? Metric.AUC : Metric.RMSE;
        var folds = Folds.repeatedKFold(9, d.target().size(), 5, 1,
                task == Task.CLASSIFICATION ? d.target().values() : null);
        Evaluation mine = CrossValidation.evaluate(l, d.features(), d.target(), folds, metric, null, null);
        Evaluation base = CrossValidation.evaluate(new BaselineLearner(), d.features(), d.target(), folds, metric, null,
                null);
        assertTrue(mine.succeeded(), mine.failure());
        double gain = metric.higherIsBetter() ? mine.mean() - base.mean() : base.mean() - mine.mean();
        assertTrue(gain > 0.1, family + " " + metric.key() + " " + mine.mean() + " vs baseline " + base.mean());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_constantAndAllMissingColumns_stillScores(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 200, 5);
        double[] constant = new double[200];
        Arrays.fill(constant, 7.0);
        double[] allMissing = new double[200];
        Arrays.fill(allMissing, Double.NaN);
        int[] noLevels = new int[200];
        Arrays.fill(noLevels, CategoricalColumn.MISSING);
        Fixtures.Data wider = Fixtures.withColumn(Fixtures.withColumn(Fixtures.withColumn(d,
                new NumericColumn("constant", constant)), new NumericColumn("all_missing", allMissing)),
                new CategoricalColumn("no_levels", List.of(), noLevels));
        assertScoresValid(fit(l, wider), wider.features(), task);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void predict_unseenCategoryOrMissingField_finiteScore(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 200, 6);
        Model m = fit(l, d);
        Map<String, Object> values = new HashMap<>();
        values.put("x1", 0.3);
        values.put("x2", 50.0);
        values.put("group", "never-seen");
        double s = m.predict(Row.of(values)).score();
        assertTrue(Double.isFinite(s), "unseen level gives " + s);
        values.remove("x1");
        assertTrue(Double.isFinite(m.predict(Row.of(values)).score()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_oneRowPerClass_doesNotFail(String family, Learner l, Task task) {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {1, 2}),
                new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1})));
        Fixtures.Data d = new Fixtures.Data(f, Fixtures.target(task, new double[] {0, 1}));
        assertScoresValid(fit(l, d), f, task);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_extremeMagnitudes_finiteScores(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.easy(task, 300, 7);
        double[] huge = new double[300];
        double[] tiny = new double[300];
        for (int i = 0; i < 300; i++) {
            huge[i] = (i % 17) * 1e12;
            tiny[i] = (i % 13) * 1e-12;
        }
        Fixtures.Data wider = Fixtures.withColumn(Fixtures.withColumn(d, new NumericColumn("huge", huge)),
                new NumericColumn("tiny", tiny));
        assertScoresValid(fit(l, wider), wider.features(), task);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_oneFeature_scores(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.wide(task, 300, 1, 8);
        assertScoresValid(fit(l, d), d.features(), task);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void fit_thousandFeatures_scores(String family, Learner l, Task task) {
        Fixtures.Data d = Fixtures.wide(task, 300, 1000, 9);
        Model m = fit(l, d);
        assertScoresValid(m, d.features(), task);
        assertFalse(m.describe().isBlank());
    }
}
