package dev.occam.core.recommend;

import dev.occam.runtime.recommend.PopularityRecommender;

/**
 * Rung 0: the most popular items. Overall, an item's popularity is the number of users who interacted with it.
 * Recent ({@code recent = true}, the interactions must have times): each interaction counts
 * {@code 2^(−(t_max − t) / h)}, halving every half-life h before the latest training time t_max, with
 * {@code h = halfLifeShare × (t_max − t_min)}; a "trending" list in place of an all-time one.
 *
 * @param recent whether popularity decays with age
 * @param halfLifeShare the half-life as a share of the training period, in (0, 10]; unused when not recent
 */
public record Popularity(boolean recent, double halfLifeShare) implements RecommenderLearner {

    public static final Popularity OVERALL = new Popularity(false, 1.0);

    public Popularity {
        if (!(halfLifeShare > 0 && halfLifeShare <= 10)) {
            throw new IllegalArgumentException("half_life_share must be in (0, 10], got " + halfLifeShare);
        }
    }

    @Override
    public String method() {
        return recent ? "recent_popularity" : "popularity";
    }

    @Override
    public int rung() {
        return 0;
    }

    @Override
    public PopularityRecommender fit(InteractionMatrix train) {
        if (!recent) {
            return overall(train);
        }
        if (!train.hasTimes()) {
            throw new IllegalArgumentException("recent popularity needs the time of each interaction; these interactions have none");
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int e = 0; e < train.entryCount(); e++) {
            min = Math.min(min, train.time(e));
            max = Math.max(max, train.time(e));
        }
        double halfLife = halfLifeShare * Math.max(1.0, (double) max - min);
        double[] scores = new double[train.itemCount()];
        for (int e = 0; e < train.entryCount(); e++) {
            scores[train.item(e)] += Math.pow(2, -(max - train.time(e)) / halfLife);
        }
        return PopularityRecommender.of(method(), train.itemCount(), scores);
    }

    /** The number of users of each item: the list every recommender falls back on. */
    public static PopularityRecommender overall(InteractionMatrix train) {
        return PopularityRecommender.of("popularity", train.itemCount(), train.itemUserCounts());
    }
}
