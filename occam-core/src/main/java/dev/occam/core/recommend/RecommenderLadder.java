package dev.occam.core.recommend;

import dev.occam.runtime.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;

/**
 * The recommender ladder, end to end but not yet a fit job: hold out each user's latest interactions as the
 * test, and for each rung tune its hyperparameters on a second hold-out inside the training data (never on the
 * test), refit the chosen ones on all the training data, and score them on the test. Every rung is scored on
 * the same users, so the per-user metric arrays can be compared pairwise.
 */
public final class RecommenderLadder {

    /**
     * One rung: its hyperparameter grid, simplest (or cheapest) first; a tie on the validation NDCG keeps the
     * earlier one.
     */
    public record Rung(String method, int rung, List<RecommenderLearner> grid) {

        public Rung {
            grid = List.copyOf(grid);
            if (grid.isEmpty()) {
                throw new IllegalArgumentException("the " + method + " rung needs at least one setting to try");
            }
            for (RecommenderLearner learner : grid) {
                if (!learner.method().equals(method)) {
                    throw new IllegalArgumentException("the " + method + " rung cannot try " + learner);
                }
            }
        }
    }

    /**
     * @param test the outer hold-out (the test)
     * @param k the list length scored (10)
     */
    public record Options(HoldOut.Options test, int k) {

        public static final Options DEFAULTS = new Options(HoldOut.Options.DEFAULTS, 10);

        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("K must be >= 1, got " + k);
            }
        }

        /** The validation hold-out inside the training data: the same shares, its own seed. */
        HoldOut.Options validation() {
            return test.withSeed(test.seed() * 31 + 17);
        }
    }

    /** One setting tried on the validation split. */
    public record Trial(RecommenderLearner learner, double validationNdcg) {
    }

    /**
     * A rung's outcome.
     *
     * @param chosen the setting kept
     * @param trials every setting tried, with its validation NDCG@K (none when the grid has one setting)
     * @param recommender the chosen setting refitted on all the training data
     * @param test its scores on the test
     * @param tuneSeconds the time to try the grid; {@code fitSeconds} the refit's; {@code scoreSeconds} the time
     *     to make every test user's list
     * @param notes what the fit left out, in words
     * @param failure why the rung could not be fitted (then {@code recommender} and {@code test} are null), else null
     */
    public record Result(String method, int rung, RecommenderLearner chosen, List<Trial> trials, Recommender recommender,
            RecommenderEvaluation.Scores test, double tuneSeconds, double fitSeconds, double scoreSeconds,
            List<String> notes, String failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    /** The test split, and each rung's result in ladder order. */
    public record Outcome(HoldOut.Split split, List<Result> results) {

        public Result result(String method) {
            return results.stream().filter(r -> r.method().equals(method)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no rung '" + method + "' in this ladder"));
        }
    }

    private RecommenderLadder() {
    }

    /**
     * The standard ladder and grids: popularity (and recent popularity when there are times), item kNN,
     * P3alpha, RP3beta, EASE and implicit ALS.
     */
    public static List<Rung> standardRungs(boolean withTimes, long seed) {
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new Rung("popularity", 0, List.of(Popularity.OVERALL)));
        if (withTimes) {
            rungs.add(new Rung("recent_popularity", 0, List.of(new Popularity(true, 0.05), new Popularity(true, 0.2),
                    new Popularity(true, 1.0))));
        }
        List<RecommenderLearner> knn = new ArrayList<>();
        for (int k : new int[] {20, 50, 200}) {
            for (double h : new double[] {0, 20}) {
                knn.add(new ItemKnn(k, h));
            }
        }
        rungs.add(new Rung("item_knn", 1, knn));
        rungs.add(new Rung("p3alpha", 2, List.of(RandomWalk.p3alpha(0.5, 100), RandomWalk.p3alpha(0.8, 100),
                RandomWalk.p3alpha(1.2, 100))));
        List<RecommenderLearner> rp3 = new ArrayList<>();
        for (double alpha : new double[] {0.5, 1.0}) {
            for (double beta : new double[] {0.2, 0.4, 0.6}) {
                rp3.add(RandomWalk.rp3beta(alpha, beta, 100));
            }
        }
        rungs.add(new Rung("rp3beta", 2, rp3));
        rungs.add(new Rung("ease", 3, List.of(new Ease(100), new Ease(500), new Ease(2000))));
        List<RecommenderLearner> als = new ArrayList<>();
        for (int f : new int[] {32, 64}) {
            for (double alpha : new double[] {5, 20}) {
                als.add(new ImplicitAls(f, 1.0, alpha, 10, seed, 3));
            }
        }
        rungs.add(new Rung("als", 4, als));
        return rungs;
    }

    public static Outcome run(InteractionMatrix data, List<Rung> rungs, Options options) {
        HoldOut.Split test = HoldOut.split(data, options.test());
        HoldOut.Split validation = HoldOut.split(test.train(), options.validation());
        List<Result> results = new ArrayList<>();
        for (Rung rung : rungs) {
            results.add(play(rung, test, validation, options));
        }
        return new Outcome(test, results);
    }

    /**
     * One rung: tune, refit, score. A rung that cannot be fitted on these data (a numerical failure) is reported
     * with its reason rather than stopping the ladder.
     */
    private static Result play(Rung rung, HoldOut.Split test, HoldOut.Split validation, Options options) {
        long t0 = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        RecommenderLearner chosen = rung.grid().get(0);
        try {
            if (rung.grid().size() > 1) {
                double best = Double.NEGATIVE_INFINITY;
                for (RecommenderLearner learner : rung.grid()) {
                    double ndcg = RecommenderEvaluation.evaluate(learner.fit(validation.train()), validation, options.k())
                            .meanNdcg();
                    trials.add(new Trial(learner, ndcg));
                    if (ndcg > best) {
                        best = ndcg;
                        chosen = learner;
                    }
                }
            }
            long t1 = System.nanoTime();
            Recommender fitted = chosen.fit(test.train());
            long t2 = System.nanoTime();
            RecommenderEvaluation.Scores scores = RecommenderEvaluation.evaluate(fitted, test, options.k());
            long t3 = System.nanoTime();
            return new Result(rung.method(), rung.rung(), chosen, trials, fitted, scores, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, chosen.notes(test.train()), null);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            return new Result(rung.method(), rung.rung(), chosen, trials, null, null, (System.nanoTime() - t0) / 1e9, 0, 0,
                    List.of(), rung.method() + " could not be fitted on these data: " + e.getMessage());
        }
    }
}
