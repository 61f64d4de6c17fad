package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.ladder.Ladder;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered learner's model explains every decision: one contribution per raw feature, adding up to the
 * score on the stated scale, identical after a save and load. Runs over {@link Ladder#all()}.
 */
class ExplanationConformanceTest {

    /** Rows explained per learner and task. */
    private static final int ROWS = 60;

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

    /** The easy fixture with a column that never varies. */
    private static Fixtures.Data data(Task task) {
        Fixtures.Data d = Fixtures.easy(task, 400, 17);
        double[] constant = new double[d.features().rows()];
        Arrays.fill(constant, 7.0);
        return Fixtures.withColumn(d, new NumericColumn("constant", constant));
    }

    private static Model fit(Learner l, Fixtures.Data d) {
        assumeTrue(l.unavailableReason().isEmpty(), () -> l.family() + " unavailable: " + l.unavailableReason());
        return CrossValidation.fitWithThreshold(l, d.features(), d.target(), null).withTypicalValues(d.features());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void explain_manyRows_contributionsAddUpToTheScoreOnTheStatedScale(String family, Learner learner, Task task) {
        Fixtures.Data d = data(task);
        Model m = fit(learner, d);
        Frame f = d.features();
        for (int i = 0; i < ROWS; i++) {
            double[] x = f.row(i);
            Explanation e = m.explainEncoded(x);
            assertEquals(m.schema().size(), e.contributions().size());
            assertEquals(m.schema().names(), e.contributions().stream().map(Explanation.Contribution::feature).toList());
            double tolerance = 1e-9 * Math.max(1, Math.abs(e.value()));
            assertEquals(e.value(), e.total(), tolerance, family + " row " + i + ": " + e);
            double score = m.score(x);
            assertEquals(score, e.score(), 0.0);
            if (e.scale() == Explanation.Scale.LOG_ODDS) {
                assertEquals(score, 1 / (1 + Math.exp(-e.value())), 1e-12, family + " row " + i);
            } else {
                assertEquals(task == Task.CLASSIFICATION ? Explanation.Scale.PROBABILITY : Explanation.Scale.VALUE,
                        e.scale());
                assertEquals(score, e.value(), 1e-12, family + " row " + i);
            }
            for (Explanation.Contribution c : e.contributions()) {
                assertTrue(Double.isFinite(c.contribution()), family + " " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void explain_afterSaveAndLoad_identical(String family, Learner learner, Task task) {
        Fixtures.Data d = data(task);
        Model m = fit(learner, d);
        Model loaded = ModelFile.fromJson(ModelFile.toJson(m, null));
        for (int i = 0; i < 20; i++) {
            Explanation a = m.explainEncoded(d.features().row(i));
            Explanation b = loaded.explainEncoded(d.features().row(i));
            assertEquals(a.contributions(), b.contributions(), family + " row " + i);
            assertEquals(a.baseline(), b.baseline(), 0.0);
            assertEquals(a.reasons(3), b.reasons(3));
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void explain_namedRow_equalsEncodedRowAndReadsReasons(String family, Learner learner, Task task) {
        Fixtures.Data d = data(task);
        Model m = fit(learner, d);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x1", 1.5);
        values.put("x2", 50);
        values.put("group", "c");
        values.put("constant", 7);
        Explanation e = m.explain(Row.of(values));
        Explanation encoded = m.explainEncoded(m.schema().encode(Row.of(values)));
        for (int j = 0; j < e.contributions().size(); j++) {
            assertEquals(encoded.contributions().get(j).contribution(), e.contributions().get(j).contribution(), 0.0);
        }
        assertEquals("c", e.contributions().get(2).value());
        for (String reason : e.reasons(3)) {
            assertFalse(reason.isBlank());
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("learnersAndTasks")
    void explain_linearModel_constantFeatureContributesNothing(String family, Learner learner, Task task) {
        assumeTrue(List.of("logistic", "linear", "lasso").contains(family));
        Fixtures.Data d = data(task);
        Model m = fit(learner, d);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(0.0, m.explainEncoded(d.features().row(i)).contribution("constant"), 1e-9);
        }
    }
}
