package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProxyCheckTest {

    private static final int N = 400;

    @Test
    void rank_plantedProxyOfCategoricalAttribute_flaggedAndIndependentNot() {
        SplittableRandom random = new SplittableRandom(1);
        int[] group = new int[N];
        double[] proxy = new double[N];
        double[] independent = new double[N];
        int[] postcode = new int[N];
        for (int i = 0; i < N; i++) {
            group[i] = random.nextInt(3);
            proxy[i] = (group[i] == 2 ? 10 : 0) + random.nextDouble();    // encodes group "c"
            independent[i] = random.nextDouble();
            postcode[i] = group[i] == 0 ? random.nextInt(2) : 2 + random.nextInt(2); // categories that encode "a"
        }
        Frame features = new Frame(List.of(new NumericColumn("Income", independent), new NumericColumn("Spend", proxy),
                new CategoricalColumn("Postcode", List.of("p1", "p2", "p3", "p4"), postcode),
                new CategoricalColumn("Group", List.of("a", "b", "c"), group)));
        Frame protectedColumns = new Frame(List.of(new CategoricalColumn("Group", List.of("a", "b", "c"), group)));
        ProxyCheck.Ranking ranking = ProxyCheck.rank(features, protectedColumns, 42).get(0);
        assertEquals("AUC", ranking.measure());
        assertEquals(3, ranking.proxies().size(), "the attribute itself is not ranked");
        ProxyCheck.Proxy spend = find(ranking, "Spend");
        assertTrue(spend.strong() && spend.score() > 0.99, spend.toString());
        assertEquals("c", spend.level());
        ProxyCheck.Proxy postcodeProxy = find(ranking, "Postcode");
        assertTrue(postcodeProxy.strong(), postcodeProxy.toString());
        assertEquals("a", postcodeProxy.level());
        ProxyCheck.Proxy income = find(ranking, "Income");
        assertFalse(income.strong(), income.toString());
        assertEquals("Income", ranking.proxies().get(2).feature(), "weakest last");
    }

    @Test
    void rank_numericAttribute_rSquaredFlagsNoisyCopyOnly() {
        SplittableRandom random = new SplittableRandom(2);
        double[] age = new double[N];
        double[] seniority = new double[N];
        double[] amount = new double[N];
        for (int i = 0; i < N; i++) {
            age[i] = 20 + random.nextInt(50);
            seniority[i] = age[i] - 18 + 3 * random.nextGaussian();
            amount[i] = random.nextDouble() * 1000;
        }
        age[0] = Double.NaN; // a missing attribute value is left out, not scored
        Frame features = new Frame(List.of(new NumericColumn("Seniority", seniority), new NumericColumn("Amount", amount)));
        ProxyCheck.Ranking ranking = ProxyCheck.rank(features, new Frame(List.of(new NumericColumn("Age", age))), 42)
                .get(0);
        assertEquals("R²", ranking.measure());
        assertEquals("Seniority", ranking.proxies().get(0).feature());
        assertTrue(ranking.proxies().get(0).strong(), ranking.toString());
        assertFalse(ranking.proxies().get(1).strong(), ranking.toString());
        assertEquals(List.of(ranking.proxies().get(0)), ranking.strong());
    }

    @Test
    void rank_zeroOneNumericAttribute_rankedByAucPerValueLikeACategory() {
        // A 0/1 flag stored as a number (churn's senior_citizen) is two groups, so proxies are ranked by AUC.
        SplittableRandom random = new SplittableRandom(3);
        double[] senior = new double[N];
        double[] charges = new double[N];
        double[] noise = new double[N];
        for (int i = 0; i < N; i++) {
            senior[i] = random.nextDouble() < 0.16 ? 1 : 0;
            charges[i] = 5 * senior[i] + random.nextDouble();
            noise[i] = random.nextDouble();
        }
        Frame features = new Frame(List.of(new NumericColumn("charges", charges), new NumericColumn("noise", noise)));
        ProxyCheck.Ranking ranking = ProxyCheck.rank(features,
                new Frame(List.of(new NumericColumn("senior_citizen", senior))), 42).get(0);
        assertEquals("AUC", ranking.measure());
        ProxyCheck.Proxy top = ranking.proxies().get(0);
        assertEquals("charges", top.feature());
        assertTrue(top.strong() && top.score() > 0.99, top.toString());
        assertTrue(List.of("0", "1").contains(top.level()), top.toString());
        assertFalse(ranking.proxies().get(1).strong(), ranking.toString());
    }

    private static ProxyCheck.Proxy find(ProxyCheck.Ranking ranking, String feature) {
        return ranking.proxies().stream().filter(p -> p.feature().equals(feature)).findFirst().orElseThrow();
    }
}
