package dev.occam.core.recommend;

import dev.occam.runtime.recommend.Recommendations;
import dev.occam.runtime.recommend.Recommender;
import java.util.Arrays;

/**
 * A fitted recommender scored on a held-out split: for each evaluated user, the top-K list given the user's
 * training history, against the user's held-out items. The per-user arrays are aligned with
 * {@link HoldOut.Split#users()}, so two recommenders scored on the same split can be compared user by user.
 *
 * <p>Beyond accuracy:
 * <ul>
 *   <li>catalogue coverage: the share of the catalogue that appears in at least one user's top K (Ge,
 *       Delgado-Battenfeld &amp; Jannach, "Beyond accuracy: evaluating recommender systems by coverage and
 *       serendipity", RecSys 2010);</li>
 *   <li>popularity bias: the average recommendation popularity, the mean over users of the mean popularity of
 *       their recommended items (Abdollahpouri, Burke &amp; Mobasher, "Managing popularity bias in recommender
 *       systems with personalized re-ranking", FLAIRS 2019), an item's popularity being the share of training
 *       users who interacted with it; beside it the same mean over the held-out items, what users actually
 *       chose next. A recommender far above that pushes the head of the catalogue.</li>
 * </ul>
 */
public final class RecommenderEvaluation {

    /**
     * @param k the list length
     * @param users the evaluated users, as in the split
     * @param ndcg NDCG@K per user
     * @param recall recall@K per user
     * @param averagePrecision AP@K per user (their mean is MAP@K)
     * @param coverage the share of items recommended to at least one user
     * @param recommendedPopularity the average recommendation popularity
     * @param heldOutPopularity the same mean over the held-out items
     * @param fallbackUsers users whose list was the popularity list because their training history was empty
     */
    public record Scores(String method, int k, int[] users, double[] ndcg, double[] recall, double[] averagePrecision,
            double coverage, double recommendedPopularity, double heldOutPopularity, int fallbackUsers) {

        public double meanNdcg() {
            return mean(ndcg);
        }

        public double meanRecall() {
            return mean(recall);
        }

        /** MAP@K. */
        public double meanAveragePrecision() {
            return mean(averagePrecision);
        }

        private static double mean(double[] values) {
            return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
        }
    }

    private RecommenderEvaluation() {
    }

    public static Scores evaluate(Recommender recommender, HoldOut.Split split, int k) {
        InteractionMatrix train = split.train();
        if (recommender.itemCount() != train.itemCount()) {
            throw new IllegalArgumentException("the " + recommender.method() + " recommender knows " + recommender.itemCount()
                    + " items, the split " + train.itemCount());
        }
        int n = split.users().length;
        double[] ndcg = new double[n];
        double[] recall = new double[n];
        double[] ap = new double[n];
        double[] popularity = train.itemUserCounts();
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] /= train.userCount();
        }
        boolean[] recommended = new boolean[train.itemCount()];
        double recommendedPopularity = 0;
        double heldOutPopularity = 0;
        int fallback = 0;
        for (int e = 0; e < n; e++) {
            int u = split.users()[e];
            int[] relevant = split.heldOut()[e];
            Recommendations list = recommender.recommend(train.history(u), k);
            int[] ranked = list.itemCodes();
            fallback += list.popularityFallback() ? 1 : 0;
            ndcg[e] = RankingMetrics.ndcg(ranked, relevant, k);
            recall[e] = RankingMetrics.recall(ranked, relevant, k);
            ap[e] = RankingMetrics.averagePrecision(ranked, relevant, k);
            double sum = 0;
            for (int item : ranked) {
                recommended[item] = true;
                sum += popularity[item];
            }
            recommendedPopularity += ranked.length == 0 ? 0 : sum / ranked.length;
            double held = 0;
            for (int item : relevant) {
                held += popularity[item];
            }
            heldOutPopularity += held / relevant.length;
        }
        int covered = 0;
        for (boolean r : recommended) {
            covered += r ? 1 : 0;
        }
        return new Scores(recommender.method(), k, split.users().clone(), ndcg, recall, ap,
                (double) covered / train.itemCount(), n == 0 ? Double.NaN : recommendedPopularity / n,
                n == 0 ? Double.NaN : heldOutPopularity / n, fallback);
    }
}
