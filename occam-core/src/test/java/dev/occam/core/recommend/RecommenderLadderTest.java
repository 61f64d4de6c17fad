package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.recommend.History;
import dev.occam.runtime.recommend.RecommendedItem;
import dev.occam.runtime.recommend.Recommendations;
import dev.occam.runtime.recommend.Recommender;
import dev.occam.runtime.recommend.Recommenders;
import dev.occam.runtime.recommend.SimilarItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ladder on synthetic interactions with planted item clusters (600 users, 240 items in 8 clusters, 80% of
 * each user's items from one cluster): the neighbourhood, random-walk and linear rungs must find the clusters.
 */
class RecommenderLadderTest {

    private static PlantedClusters.Data data;
    private static RecommenderLadder.Outcome outcome;

    @BeforeAll
    static void fitLadder() {
        data = new PlantedClusters(600, 240, 8, 15, 0.2, 42L).generate();
        List<RecommenderLadder.Rung> rungs = List.of(
                new RecommenderLadder.Rung("popularity", 0, List.of(Popularity.OVERALL)),
                new RecommenderLadder.Rung("recent_popularity", 0, List.of(new Popularity(true, 0.1), new Popularity(true, 1.0))),
                new RecommenderLadder.Rung("item_knn", 1, List.of(new ItemKnn(20, 0), new ItemKnn(50, 10))),
                new RecommenderLadder.Rung("p3alpha", 2, List.of(RandomWalk.p3alpha(1.0, 50))),
                new RecommenderLadder.Rung("rp3beta", 2, List.of(RandomWalk.rp3beta(0.8, 0.3, 50))),
                new RecommenderLadder.Rung("ease", 3, List.of(new Ease(50), new Ease(300))),
                new RecommenderLadder.Rung("als", 4, List.of(new ImplicitAls(16, 1.0, 10, 6, 1L))));
        outcome = RecommenderLadder.run(data.interactions(), rungs, RecommenderLadder.Options.DEFAULTS);
    }

    @Test
    void run_plantedClusters_neighbourhoodLinearAndWalkBeatPopularity() {
        double popularity = outcome.result("popularity").test().meanNdcg();
        for (String method : List.of("item_knn", "rp3beta", "ease")) {
            double ndcg = outcome.result(method).test().meanNdcg();
            assertTrue(ndcg > 2 * popularity && ndcg > popularity + 0.1,
                    method + " NDCG@10 " + ndcg + " does not beat popularity's " + popularity);
        }
    }

    @Test
    void run_everyRung_scoresTheSameUsers() {
        int[] users = outcome.split().users();
        assertTrue(users.length > 500);
        for (RecommenderLadder.Result r : outcome.results()) {
            assertEquals(users.length, r.test().ndcg().length, r.method());
            assertTrue(java.util.Arrays.equals(users, r.test().users()), r.method());
            assertEquals(0, r.test().fallbackUsers(), r.method());
        }
        assertEquals(2, outcome.result("item_knn").trials().size(), "tuned on the validation split");
        assertTrue(outcome.result("popularity").trials().isEmpty());
    }

    @Test
    void similar_plantedClusters_recoversTheClusters() {
        for (String method : List.of("item_knn", "rp3beta", "ease", "als")) {
            Recommender r = outcome.result(method).recommender();
            int same = 0;
            int total = 0;
            for (int item = 0; item < data.interactions().itemCount(); item++) {
                for (SimilarItem s : r.similar(item, 5)) {
                    same += data.clusterOf()[s.item()] == data.clusterOf()[item] ? 1 : 0;
                    total++;
                }
            }
            assertTrue(total > 1000, method + " gave only " + total + " similar items");
            assertTrue(same >= 0.9 * total, method + ": only " + same + " of " + total + " similar items share the cluster");
        }
    }

    @Test
    void recommend_anyHistory_neverRepeatsASeenItem() {
        SplittableRandom random = new SplittableRandom(8);
        InteractionMatrix train = outcome.split().train();
        int m = train.itemCount();
        for (RecommenderLadder.Result r : outcome.results()) {
            Recommender rec = r.recommender();
            for (int u = 0; u < train.userCount(); u++) {
                History h = u % 2 == 0 ? train.history(u) : randomHistory(random, m);
                int n = u % 50 == 1 ? m : 1 + random.nextInt(30); // now and then longer than the unseen catalogue
                Recommendations list = rec.recommend(h, n);
                Set<Integer> seen = new HashSet<>();
                for (int item : h.items()) {
                    seen.add(item);
                }
                Set<Integer> listed = new HashSet<>();
                for (RecommendedItem item : list.items()) {
                    assertFalse(seen.contains(item.item()), r.method() + " recommended seen item " + item.item() + " to user " + u);
                    assertTrue(listed.add(item.item()), r.method() + " listed item " + item.item() + " twice");
                    for (int reason : item.because()) {
                        assertTrue(seen.contains(reason), r.method() + " gave an unseen reason " + reason);
                    }
                }
                assertEquals(Math.min(n, m - seen.size()), list.items().size(), r.method());
            }
        }
    }

    @Test
    void recommend_unknownUser_getsThePopularityListMarked() {
        for (RecommenderLadder.Result r : outcome.results()) {
            Recommendations list = r.recommender().recommend(History.EMPTY, 10);
            assertTrue(list.popularityFallback(), r.method());
            assertTrue(list.items().stream().allMatch(RecommendedItem::fromPopularity), r.method());
            if (!r.method().equals("recent_popularity")) {
                int[] top = outcome.result("popularity").recommender().recommend(History.EMPTY, 10).itemCodes();
                assertTrue(java.util.Arrays.equals(top, list.itemCodes()), r.method());
            }
        }
    }

    @Test
    void recommend_neighbourhoodAndLinear_giveReasonsFromTheSameCluster() {
        for (String method : List.of("item_knn", "p3alpha", "rp3beta", "ease", "als")) {
            Recommender r = outcome.result(method).recommender();
            int withReasons = 0;
            int sameCluster = 0;
            int reasons = 0;
            for (int u = 0; u < 100; u++) {
                for (RecommendedItem item : r.recommend(outcome.split().train().history(u), 10).items()) {
                    withReasons += item.because().isEmpty() ? 0 : 1;
                    for (int reason : item.because()) {
                        reasons++;
                        sameCluster += data.clusterOf()[reason] == data.clusterOf()[item.item()] ? 1 : 0;
                    }
                }
            }
            assertTrue(withReasons > 900, method + ": only " + withReasons + " of 1000 items have reasons");
            assertTrue(sameCluster > 0.8 * reasons, method + ": " + sameCluster + " of " + reasons + " reasons share the cluster");
        }
    }

    @Test
    void toJson_roundTrip_givesIdenticalRecommendations() {
        InteractionMatrix train = outcome.split().train();
        for (RecommenderLadder.Result r : outcome.results()) {
            Recommender original = r.recommender();
            String json = Recommenders.toJson(original);
            Recommender read = Recommenders.fromJson(json);
            assertEquals(original.saved(), read.saved(), r.method());
            assertEquals(json, Recommenders.toJson(read), r.method());
            for (int u = 0; u < train.userCount(); u += 3) {
                assertEquals(original.recommend(train.history(u), 10), read.recommend(train.history(u), 10), r.method() + " user " + u);
            }
            for (int item = 0; item < train.itemCount(); item += 7) {
                assertEquals(original.similar(item, 10), read.similar(item, 10), r.method() + " item " + item);
            }
        }
    }

    private static History randomHistory(SplittableRandom random, int m) {
        int size = random.nextInt(m / 2);
        int[] order = random.ints(0, m).distinct().limit(size).toArray();
        double[] weights = new double[size];
        for (int k = 0; k < size; k++) {
            weights[k] = 0.5 + random.nextInt(5);
        }
        return new History(order, weights);
    }
}
