package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalExplanationTest {

    @Test
    void of_withTruth_importanceOrdersPartialDependence() {
        Fixtures.Data train = Fixtures.classification(800, 1);
        Fixtures.Data fresh = Fixtures.classification(600, 2);
        Model model = LogisticRegression.pipeline().fit(train.features(), train.target());
        GlobalExplanation x = GlobalExplanation.of(model, fresh.features(), fresh.target().values(), null, 7);
        assertEquals(Metric.AUC, x.metric(), "the task's default");
        assertEquals(List.of("x1", "x2", "x3"), x.importance().stream().map(FeatureImportance::feature).toList());
        assertEquals(List.of("x1", "x2", "x3"), x.partialDependence().stream().map(c -> c.feature()).toList());
        assertEquals(500, x.partialDependence().get(0).rows());
        assertEquals(4, x.coefficients().terms().size());
        ObjectNode json = x.toJson();
        assertEquals("the given 600 rows", json.get("permutation_importance").get("on").asText());
        assertTrue(json.get("coefficients").get("terms").get(1).has("odds_ratio"));
        assertEquals(x.toJson(), GlobalExplanation.of(model, fresh.features(), fresh.target().values(), null, 7)
                .toJson(), "same seed, same explanation");
    }

    @Test
    void of_withoutTruth_partialDependenceOnlyInModelOrder() {
        Fixtures.Data d = Fixtures.regression(100, 1);
        Model tree = new DecisionTree().fit(d.features(), d.target());
        GlobalExplanation x = GlobalExplanation.of(tree, d.features(), null, null, 7);
        assertTrue(x.importance().isEmpty());
        assertNull(x.metric());
        assertNull(x.coefficients());
        assertEquals(List.of("x1", "x2", "x3"), x.partialDependence().stream().map(c -> c.feature()).toList());
        ObjectNode json = x.toJson();
        assertFalse(json.has("coefficients"));
        assertEquals(0, json.get("permutation_importance").get("ranking").size());
    }

    @Test
    void of_metricOfOtherTask_namesIt() {
        Fixtures.Data d = Fixtures.regression(50, 1);
        Model tree = new DecisionTree().fit(d.features(), d.target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlobalExplanation.of(tree, d.features(), d.target().values(), Metric.AUC, 1));
        assertTrue(e.getMessage().contains("auc"), e.getMessage());
    }
}
