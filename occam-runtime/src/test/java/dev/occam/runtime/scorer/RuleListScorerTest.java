package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.RuleListScorer.Condition;
import dev.occam.runtime.scorer.RuleListScorer.Rule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleListScorerTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("seniority"),
            Feature.categorical("records", List.of("no", "yes")),
            Feature.categorical("home", List.of("other", "owner", "parents", "rent"))));

    private static final double NA = Double.NaN;

    /** IF records = yes AND seniority < 6.5: 0.7; ELSE IF seniority >= 2: 0.1; ELSE IF home: 0.4; ELSE 0.25. */
    private static RuleListScorer scorer() {
        return new RuleListScorer(SCHEMA, "P(bad = yes)", List.of(
                new Rule(List.of(Condition.in(1, List.of(1)), Condition.lessThan(0, 6.5)), 0.7, 446),
                new Rule(List.of(Condition.atLeast(0, 2)), 0.1, 2000),
                new Rule(List.of(Condition.in(2, List.of(0, 1, 3))), 0.4, 300)),
                0.25, 100);
    }

    @Test
    void score_rowMatchingSeveralRules_firstRuleWins() {
        RuleListScorer s = scorer();
        // seniority 3 with records = yes matches rules 1 and 2: rule 1 comes first.
        assertEquals(0.7, s.score(new double[] {3, 1, 1}));
        assertEquals(0, s.ruleOf(new double[] {3, 1, 1}));
        // records = no: rule 1 fails, rule 2 holds.
        assertEquals(0.1, s.score(new double[] {3, 0, 1}));
        assertEquals(1, s.ruleOf(new double[] {3, 0, 1}));
        assertEquals(0.4, s.score(new double[] {1, 0, 3}));
        assertEquals(0.25, s.score(new double[] {1, 0, 2}));
        assertEquals(-1, s.ruleOf(new double[] {1, 0, 2}));
    }

    @Test
    void score_thresholdBoundary_lessThanFalseAtLeastTrue() {
        RuleListScorer s = scorer();
        assertEquals(0.1, s.score(new double[] {6.5, 1, 2}), "6.5 < 6.5 is false, 6.5 >= 2 is true");
        assertEquals(0.7, s.score(new double[] {Math.nextDown(6.5), 1, 2}));
        assertEquals(0.1, s.score(new double[] {2, 0, 2}), "2 >= 2");
        assertEquals(0.25, s.score(new double[] {Math.nextDown(2.0), 0, 2}));
    }

    @Test
    void score_missingValue_conditionFalseAndRowFallsThrough() {
        RuleListScorer s = scorer();
        // Missing seniority: rules 1 and 2 are false, rule 3 decides by home.
        assertEquals(0.4, s.score(new double[] {NA, 1, 0}));
        assertEquals(0.25, s.score(new double[] {NA, 1, 2}));
        // Missing records: rule 1 false, rule 2 holds.
        assertEquals(0.1, s.score(new double[] {3, NA, 2}));
        // Missing everything: the default.
        assertEquals(0.25, s.score(new double[] {NA, NA, NA}));
    }

    @Test
    void predict_unseenCategory_conditionFalse() {
        Model m = Model.of("rules", TargetInfo.classification("bad", "yes", "no"), scorer());
        Map<String, Object> row = new HashMap<>();
        row.put("seniority", 1.0);
        row.put("records", "no");
        row.put("home", "boat"); // unseen in training: "home not in {parents}" is false too
        assertEquals(0.25, m.predict(Row.of(row)).score());
        row.put("home", "rent");
        assertEquals(0.4, m.predict(Row.of(row)).score());
    }

    @Test
    void parameterCount_conditionsPlusOutputs() {
        // 4 conditions; 3 rule outputs and the default.
        assertEquals(4 + 3 + 1, scorer().parameterCount());
        assertEquals(1, new RuleListScorer(SCHEMA, "y", List.of(), 2.5, 10).parameterCount());
    }

    @Test
    void describe_listAsAPersonReadsIt() {
        assertEquals("""
                3 rules and a default; the first rule that holds gives the score
                IF records = yes AND seniority < 6.5 THEN P(bad = yes) = 0.7 (446 rows)
                ELSE IF seniority >= 2 THEN P(bad = yes) = 0.1 (2000 rows)
                ELSE IF home != parents THEN P(bad = yes) = 0.4 (300 rows)
                ELSE P(bad = yes) = 0.25 (100 rows)
                (a condition on a missing value or on a category unseen in training is false)""",
                scorer().describe());
    }

    @Test
    void describe_noRules_alwaysTheDefault() {
        RuleListScorer s = new RuleListScorer(SCHEMA, "price", List.of(), 123456.789, 1);
        assertEquals("""
                0 rules and a default; the first rule that holds gives the score
                ALWAYS price = 123457 (1 row)
                (a condition on a missing value or on a category unseen in training is false)""", s.describe());
    }

    @Test
    void text_levelSets_shorterSideNamed() {
        Schema five = new Schema(List.of(Feature.categorical("job", List.of("fixed", "freelance", "others", "partime",
                "retired"))));
        RuleListScorer s = new RuleListScorer(five, "p", List.of(), 0.5, 1);
        assertEquals("job = others", s.text(Condition.in(0, List.of(2))));
        assertEquals("job in {fixed, others}", s.text(Condition.in(0, List.of(2, 0))));
        assertEquals("job not in {fixed, others}", s.text(Condition.in(0, List.of(1, 3, 4))));
        assertEquals("job != partime", s.text(Condition.in(0, List.of(0, 1, 2, 4))));
        assertEquals("job in {fixed, freelance, others, partime, retired}",
                s.text(Condition.in(0, List.of(0, 1, 2, 3, 4))));
    }

    @Test
    void json_roundTrip_sameScorer() {
        RuleListScorer s = scorer();
        RuleListScorer back = (RuleListScorer) Scorers.fromJson(s.toJson());
        assertEquals(s.toJson(), back.toJson());
        assertEquals(s.rules(), back.rules());
        assertEquals(s.describe(), back.describe());
    }

    @Test
    void json_readable_conditionsByNameAndLevel() {
        String json = scorer().toJson().toString();
        assertEquals(true, json.contains("{\"feature\":\"records\",\"in\":[\"yes\"]}"), json);
        assertEquals(true, json.contains("{\"feature\":\"seniority\",\"less_than\":6.5}"), json);
        assertEquals(true, json.contains("\"else\":{\"then\":0.25,\"n\":100}"), json);
    }

    @Test
    void saveAndLoad_awkwardDoubles_bitIdenticalScores() throws Exception {
        RuleListScorer s = new RuleListScorer(SCHEMA, "P(bad = yes)", List.of(
                new Rule(List.of(Condition.lessThan(0, 0.1 + 0.2)), 1.0 / 3, 10),
                new Rule(List.of(Condition.atLeast(0, Math.PI * 1e12)), Math.E / 10, 20)), 2.0 / 7, 30);
        Model m = Model.of("rules", TargetInfo.classification("bad", "yes", "no"), s);
        Path file = dir.resolve("rules.json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double[] x = {r.nextInt(10) == 0 ? NA : r.nextDouble() * 1e13 * (r.nextBoolean() ? 1 : 1e-13), r.nextInt(2),
                r.nextInt(4)};
            assertEquals(Double.doubleToRawLongBits(m.score(x)), Double.doubleToRawLongBits(loaded.score(x)));
        }
        assertEquals(m.describe(), loaded.describe());
    }

    @Test
    void constructor_badRules_rejectedNamingWhat() {
        assertEquals("rule 1: the condition on 'records' must be a level set",
                assertThrows(IllegalArgumentException.class, () -> new RuleListScorer(SCHEMA, "p",
                        List.of(new Rule(List.of(Condition.lessThan(1, 0.5)), 0.5, 1)), 0.5, 1)).getMessage());
        assertEquals("rule 1: the condition on 'seniority' must be a threshold",
                assertThrows(IllegalArgumentException.class, () -> new RuleListScorer(SCHEMA, "p",
                        List.of(new Rule(List.of(Condition.in(0, List.of(0))), 0.5, 1)), 0.5, 1)).getMessage());
        assertEquals("rule 1: level code 4 outside the 4 levels of 'home'",
                assertThrows(IllegalArgumentException.class, () -> new RuleListScorer(SCHEMA, "p",
                        List.of(new Rule(List.of(Condition.in(2, List.of(4))), 0.5, 1)), 0.5, 1)).getMessage());
        assertEquals("rule 1: feature 3 outside the schema",
                assertThrows(IllegalArgumentException.class, () -> new RuleListScorer(SCHEMA, "p",
                        List.of(new Rule(List.of(Condition.atLeast(3, 1)), 0.5, 1)), 0.5, 1)).getMessage());
        assertEquals("a rule needs at least one condition",
                assertThrows(IllegalArgumentException.class, () -> new Rule(List.of(), 0.5, 1)).getMessage());
        assertEquals("condition threshold must be finite: NaN",
                assertThrows(IllegalArgumentException.class, () -> Condition.lessThan(0, NA)).getMessage());
        assertEquals("default output must be finite: Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new RuleListScorer(SCHEMA, "p", List.of(), Double.POSITIVE_INFINITY, 1)).getMessage());
    }

    @Test
    void fromJson_unknownFeatureOrLevel_rejectedNamingIt() {
        var json = scorer().toJson();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("rules").get(1).get("if").get(0))
                .put("feature", "tenure");
        assertEquals("rule 2 tests unknown feature 'tenure'",
                assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(json)).getMessage());
        var json2 = scorer().toJson();
        ((com.fasterxml.jackson.databind.node.ArrayNode) json2.get("rules").get(0).get("if").get(0).get("in"))
                .set(0, Json.MAPPER.getNodeFactory().textNode("maybe"));
        assertEquals("rule 1: 'maybe' is not a level of 'records'",
                assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(json2)).getMessage());
    }
}
