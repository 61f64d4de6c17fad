package dev.occam.runtime.scorer;

import dev.occam.runtime.Decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.ScorecardScorer.Bin;
import dev.occam.runtime.scorer.ScorecardScorer.Characteristic;
import dev.occam.runtime.scorer.ScorecardScorer.Excluded;
import dev.occam.runtime.scorer.ScorecardScorer.Scaling;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardScorerTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("age"),
            Feature.categorical("home", List.of("own", "rent", "parents", "boat")), Feature.numeric("debt")));

    private static final Scaling SIDDIQI = new Scaling(20, 600, 50);

    /** age: three intervals and a bin of its own for missing; home: own | rent, parents (+ missing), boat unseen. */
    static ScorecardScorer card() {
        Characteristic age = new Characteristic(0, new double[] {25, 40}, null, 3,
                List.of(new Bin(10, -0.61, 70, 30), new Bin(25, 0.1, 240, 60), new Bin(33.5, 0.72, 160, 20),
                        new Bin(-4, -1.2, 10, 10)), -0.8, 0.31);
        Characteristic home = new Characteristic(1, null, new int[] {0, 1, 1, -1}, 1,
                List.of(new Bin(40, 0.5, 300, 50), new Bin(18, -0.4, 180, 70)), -0.6, 0.12);
        return new ScorecardScorer(SCHEMA, SIDDIQI, -1.0 / 3, 0, List.of(age, home),
                List.of(new Excluded(2, 0.004, "information value below 0.02")));
    }

    @Test
    void explain_rowBelowAverage_pointsAgainstAveragesOnLogOdds() {
        Model m = Model.of("scorecard", TargetInfo.classification("status", "bad", "good"), card());
        Map<String, Object> v = new HashMap<>();
        v.put("age", 22);
        v.put("home", "rent");
        v.put("debt", 5);
        dev.occam.runtime.Explanation e = m.explain(Row.of(v));
        // age: average (10*100 + 25*300 + 33.5*180 - 4*20) / 600 = 24.083; home: (40*350 + 18*250) / 600 = 30.833.
        double factor = SIDDIQI.factor();
        assertEquals(-(10 - 14450.0 / 600) / factor, e.contribution("age"), 1e-12);
        assertEquals(-(18 - 18500.0 / 600) / factor, e.contribution("home"), 1e-12);
        assertEquals(0.0, e.contribution("debt"), 0.0);
        assertEquals(e.value(), e.total(), 1e-12);
        assertEquals(dev.occam.runtime.Explanation.Scale.LOG_ODDS, e.scale());
        assertEquals(m.predict(Row.of(v)).score(), 1 / (1 + Math.exp(-e.value())), 1e-15);
        assertEquals(List.of("age 22: 10 points (average 24.08), -14.08 points",
                "home rent: 18 points (average 30.83), -12.83 points"), e.reasons(3));
    }

    @Test
    void scaling_siddiqiDefaults_factorAndOffsetByHand() {
        // factor = 20 / ln 2; offset = 600 - factor * ln 50 (Siddiqi 2006, ch. 10); values from the formulas.
        assertEquals(28.85390081777927, SIDDIQI.factor(), 1e-12);
        assertEquals(487.1228762045055, SIDDIQI.offset(), 1e-10);
    }

    @Test
    void probability_atBaseScore_oddsAreBaseOdds() {
        ScorecardScorer s = card();
        // 600 points: odds of good 50:1, so P(bad) = 1/51.
        assertEquals(1.0 / 51, s.probability(600), 1e-15);
        // Every 20 points double the odds: 620 -> 100:1, 640 -> 200:1, 580 -> 25:1.
        assertEquals(100.0, odds(s.probability(620)), 1e-9);
        assertEquals(200.0, odds(s.probability(640)), 1e-9);
        assertEquals(25.0, odds(s.probability(580)), 1e-9);
        // At the offset the odds are even.
        assertEquals(0.5, s.probability(SIDDIQI.offset()), 1e-15);
    }

    private static double odds(double pBad) {
        return (1 - pBad) / pBad;
    }

    @Test
    void score_row_sumsThePointsOfItsBins() {
        ScorecardScorer s = card();
        // age 30 -> [25, 40) 25 points; rent -> 18 points.
        double[] x = {30, 1, 7};
        assertEquals(43.0, s.points(x), 0.0);
        assertEquals(1 / (1 + Math.exp((43.0 - SIDDIQI.offset()) / SIDDIQI.factor())), s.score(x), 0.0);
    }

    @Test
    void binOf_valueOnACut_fallsInTheUpperBin() {
        Characteristic age = card().characteristics().get(0);
        assertEquals(0, age.binOf(24.999));
        assertEquals(1, age.binOf(25));
        assertEquals(1, age.binOf(39.9));
        assertEquals(2, age.binOf(40));
        assertEquals(2, age.binOf(Double.POSITIVE_INFINITY));
        assertEquals(0, age.binOf(Double.NEGATIVE_INFINITY));
        assertEquals(3, age.binOf(Double.NaN));
    }

    @Test
    void binOf_missingUnseenAndUntrainedLevels_scoreInTheMissingBin() {
        ScorecardScorer s = card();
        Characteristic home = s.characteristics().get(1);
        assertEquals(0, home.binOf(0));
        assertEquals(1, home.binOf(2));
        assertEquals(1, home.binOf(3), "boat had no training rows");
        assertEquals(1, home.binOf(Double.NaN));
        Map<String, Object> row = new HashMap<>();
        row.put("age", 30.0);
        Model m = Model.of("scorecard", TargetInfo.classification("y", "bad", "good"), s);
        row.put("home", "castle");
        double unseen = m.predict(Row.of(row)).score();
        row.put("home", null);
        assertEquals(unseen, m.predict(Row.of(row)).score(), 0.0);
    }

    @Test
    void parameterCount_binsPlusOne() {
        assertEquals(4 + 2 + 1, card().parameterCount());
    }

    @Test
    void describe_card_printsPointsTableAndInformationValues() {
        String text = card().describe();
        assertTrue(text.contains("600 points at odds 50:1 (good:bad), 20 points double the odds"), text);
        assertTrue(text.contains("age"), text);
        assertTrue(text.contains("[25, 40)"), text);
        assertTrue(text.contains(">= 40"), text);
        assertTrue(text.contains("rent, parents or missing"), text);
        assertTrue(text.contains("33.5"), text);
        assertTrue(text.contains("debt"), text);
        assertTrue(text.contains("left out: information value below 0.02"), text);
        // Shares and bad rates from the counts: [25, 40) holds 300 of 600 rows, 60 of them bad.
        assertTrue(text.matches("(?s).*\\[25, 40\\)\\s+25\\s+0\\.1000\\s+50\\.0%\\s+20\\.0%.*"), text);
    }

    @Test
    void saveAndLoad_card_sameJsonSameScoresSameDescription() throws Exception {
        Model m = new Model("scorecard", TargetInfo.classification("y", "bad", "good"), List.of(), card(), new Decision.AtThreshold(0.27), null);
        Path file = dir.resolve("card.json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        assertEquals(ModelFile.toJson(m, null), ModelFile.toJson(loaded, null));
        assertEquals(m.describe(), loaded.describe());
        SplittableRandom r = new SplittableRandom(3);
        String[] homes = {"own", "rent", "parents", "boat", "castle", null};
        for (int i = 0; i < 500; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("age", r.nextInt(8) == 0 ? null : r.nextDouble() * 70);
            row.put("home", homes[r.nextInt(homes.length)]);
            assertEquals(Double.doubleToRawLongBits(m.predict(Row.of(row)).score()),
                    Double.doubleToRawLongBits(loaded.predict(Row.of(row)).score()));
        }
    }

    @Test
    void constructor_inconsistentCharacteristics_rejectedWithTheValue() {
        List<Bin> two = List.of(new Bin(1, 0.1, 5, 5), new Bin(2, 0.2, 5, 5));
        assertEquals("cuts must be finite and strictly ascending: [40.0, 25.0]",
                assertThrows(IllegalArgumentException.class,
                        () -> new Characteristic(0, new double[] {40, 25}, null, 0, two, -1, 0.1)).getMessage());
        assertEquals("missingBin must be in 0..1: 2", assertThrows(IllegalArgumentException.class,
                () -> new Characteristic(0, new double[] {25}, null, 2, two, -1, 0.1)).getMessage());
        Characteristic numericOnHome = new Characteristic(1, new double[] {25}, null, 0, two, -1, 0.1);
        assertEquals("feature 'home' is categorical but its characteristic has cuts",
                assertThrows(IllegalArgumentException.class, () -> new ScorecardScorer(SCHEMA, SIDDIQI, 0, 0,
                        List.of(numericOnHome), List.of())).getMessage());
        assertEquals("pdo must be a finite number > 0: 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Scaling(0, 600, 50)).getMessage());
        assertEquals("baseOdds must be a finite number > 0: -2.0",
                assertThrows(IllegalArgumentException.class, () -> new Scaling(20, 600, -2)).getMessage());
    }
}
