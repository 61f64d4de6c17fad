package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.card.Versions;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.recommend.InteractionMatrix;
import dev.occam.core.recommend.Interactions;
import dev.occam.core.recommend.RecommenderLadder;
import dev.occam.core.recommend.RecommenderSelection;
import dev.occam.core.usecase.RecommendUseCase;
import dev.occam.results.Recommendation;
import dev.occam.results.Results;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.recommend.RecommenderModel;
import dev.occam.runtime.recommend.RecommenderModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fit of a {@code task: recommend} use case: load the interactions, play the recommender ladder with each
 * user's latest interactions held out ({@link RecommenderLadder}: tuned inside the training part, scored once on
 * the test), choose the simplest rung within noise of the best ({@link RecommenderSelection}: paired over the test
 * users), refit the chosen setting on every interaction, and write {@code model.json}
 * ({@link RecommenderModelFile}), {@code card.json} and {@code leaderboard.json} ({@link Recommendation}), each
 * atomically. The report is rendered from them by {@code occam-report}.
 */
public final class RecommendJob {

    /** Each comparison's level, as for the prediction tasks' default. */
    static final double ALPHA = 0.05;
    /** The list length scored and shown. */
    static final int K = 10;
    /** How many users' lists the card shows, and how long each is there. */
    static final int EXAMPLES = 3;
    static final int EXAMPLE_LENGTH = 5;

    /**
     * What the fit found.
     *
     * @param model the chosen rung refitted on every interaction, null when no rung could be fitted
     * @param seconds the whole fit's wall time
     */
    public record Outcome(RecommendUseCase useCase, Interactions data, RecommenderLadder.Outcome ladder,
            RecommenderSelection.Verdict verdict, RecommenderModel model, Recommendation.Card card,
            Recommendation.Leaderboard leaderboard, double seconds) {

        public boolean successMet() {
            return card.success().met();
        }
    }

    private final RecommendUseCase useCase;
    private final Path outputDirectory;

    public RecommendJob(RecommendUseCase useCase, Path outputDirectory) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    }

    /**
     * @throws DataException when the data cannot be read
     * @throws IllegalArgumentException when the data do not fit the use case (a column missing, too few users to
     *     evaluate); the message names what
     * @throws IOException when an output cannot be written
     */
    public Outcome run() throws DataException, IOException {
        long start = System.nanoTime();
        DataSource source = new DataSource(useCase.data().path(), useCase.data().sql(), useCase.data().jdbc(),
                useCase.data().baseDirectory());
        Interactions data = Interactions.of(DataLoader.load(source), useCase.user(), useCase.item(), useCase.rating(),
                useCase.time());
        InteractionMatrix matrix = data.matrix();
        RecommenderLadder.Options options = RecommenderLadder.Options.DEFAULTS;
        RecommenderLadder.Outcome ladder = RecommenderLadder.run(matrix,
                RecommenderLadder.standardRungs(matrix.hasTimes(), options.test().seed()), options);
        int testUsers = ladder.split().users().length;
        if (testUsers < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "only %d of the %,d %s values have at least %d"
                    + " distinct %s values, too few to hold some out and evaluate; Occam needs at least 2 such users",
                    testUsers, matrix.userCount(), useCase.user(), options.test().minInteractions(), useCase.item()));
        }
        RecommenderSelection.Verdict verdict = RecommenderSelection.choose(ladder.results(), useCase.metric(), ALPHA);
        RecommenderModel model = null;
        if (verdict.chosen() != null) {
            // The shipped model learns from every interaction, the test's too, with the setting the ladder chose.
            model = new RecommenderModel(useCase.name(), new RecommenderModel.Columns(useCase.user(), useCase.item(),
                    useCase.rating(), useCase.time()), verdict.chosen().result().chosen().fit(matrix), data.itemLabels(),
                    data.userLabels(), starts(matrix), items(matrix), weights(matrix));
        }
        Recommendation.Leaderboard leaderboard = leaderboard(ladder, verdict);
        Recommendation.Card card = card(source, data, ladder, verdict, model);
        Files.createDirectories(outputDirectory);
        AtomicFiles.write(outputDirectory.resolve(Results.LEADERBOARD), Results.bytes(leaderboard));
        Path modelFile = outputDirectory.resolve("model.json");
        if (model != null) {
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("created_by", "occam " + Versions.occam());
            RecommenderModelFile.save(model, modelFile, provenance);
        } else {
            Files.deleteIfExists(modelFile);
        }
        // Files of a prediction fit in the same folder would contradict this one.
        Files.deleteIfExists(outputDirectory.resolve(Results.REPORT_DATA));
        AtomicFiles.write(outputDirectory.resolve(Results.CARD), Results.bytes(card));
        return new Outcome(useCase, data, ladder, verdict, model, card, leaderboard, (System.nanoTime() - start) / 1e9);
    }

    private static int[] starts(InteractionMatrix m) {
        int[] s = new int[m.userCount() + 1];
        for (int u = 0; u < m.userCount(); u++) {
            s[u + 1] = m.rowEnd(u);
        }
        return s;
    }

    private static int[] items(InteractionMatrix m) {
        int[] out = new int[m.entryCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = m.item(k);
        }
        return out;
    }

    private static double[] weights(InteractionMatrix m) {
        double[] out = new double[m.entryCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = m.weight(k);
        }
        return out;
    }

    private Recommendation.Leaderboard leaderboard(RecommenderLadder.Outcome ladder, RecommenderSelection.Verdict verdict) {
        List<Recommendation.Rung> rungs = new ArrayList<>();
        int users = ladder.split().users().length;
        for (RecommenderSelection.Entry e : verdict.entries()) {
            RecommenderLadder.Result r = e.result();
            List<Recommendation.Trial> trials = r.trials().stream()
                    .map(t -> new Recommendation.Trial(t.learner().toString(), t.validationNdcg())).toList();
            var s = r.test();
            var c = e.versusBest();
            rungs.add(new Recommendation.Rung(r.rung(), r.method(), r.chosen().toString(), r.failure(),
                    s == null ? Double.NaN : s.meanNdcg(), s == null ? Double.NaN : s.meanRecall(),
                    s == null ? Double.NaN : s.meanAveragePrecision(), s == null ? Double.NaN : s.coverage(),
                    s == null ? Double.NaN : s.recommendedPopularity(), s == null ? Double.NaN : s.heldOutPopularity(),
                    e.value(), c == null ? null : c.meanDifference(), c == null ? null : c.low(), c == null ? null : c.high(),
                    c == null ? null : c.pValue(), e.parameters() >= 0 ? e.parameters() : null, e.chosen(), r.tuneSeconds(),
                    r.fitSeconds(), users == 0 ? Double.NaN : r.scoreSeconds() * 1e6 / users, trials, r.notes()));
        }
        String split = String.format(Locale.ROOT, "each user with at least %d distinct items held out %s of them (at least"
                + " one, one kept), %s; seed %d. Settings were tuned on a second hold-out inside the training part, never"
                + " on the test", RecommenderLadder.Options.DEFAULTS.test().minInteractions(),
                dev.occam.runtime.io.Json.number(100 * RecommenderLadder.Options.DEFAULTS.test().fraction()) + "%",
                ladder.split().byTime() ? "the latest by " + useCase.time() : "drawn at random",
                RecommenderLadder.Options.DEFAULTS.test().seed());
        return new Recommendation.Leaderboard(Recommendation.LEADERBOARD_FORMAT, useCase.name(), useCase.metric().key(),
                verdict.comparedOn(), split, users, ladder.split().heldOutCount(),
                "paired t-test over the test users on the per-user " + verdict.comparedOn() + " differences, each comparison"
                        + " on its own (no correction for multiplicity; one split, so no correction for overlapping"
                        + " training sets)",
                verdict.alpha(), verdict.chosen() == null ? null : verdict.chosen().id(), rungs);
    }

    private Recommendation.Card card(DataSource source, Interactions data, RecommenderLadder.Outcome ladder,
            RecommenderSelection.Verdict verdict, RecommenderModel model) {
        ObjectNode uc = JsonNodeFactory.instance.objectNode();
        uc.put("file", useCase.file().toString());
        uc.put("task", "recommend");
        uc.put("user", useCase.user());
        uc.put("item", useCase.item());
        if (useCase.time() != null) {
            uc.put("time", useCase.time());
        }
        if (useCase.rating() != null) {
            uc.put("rating", useCase.rating());
        }
        ObjectNode success = uc.putObject("success");
        success.put("metric", useCase.metric().key());
        success.put("at_least", useCase.bar());
        double value = verdict.chosen() == null ? Double.NaN : verdict.chosen().value();
        boolean met = value >= useCase.bar();
        String verdictText = verdict.chosen() == null ? "No rung could be fitted: nothing to ship."
                : String.format(Locale.ROOT, "%s reaches %s %.3f on the held-out interactions of %,d users: the bar (%s) is %s.",
                        verdict.chosen().id(), useCase.metric().key(), value, ladder.split().users().length,
                        useCase.describeSuccess(), met ? "met" : "not met");
        List<String> notes = new ArrayList<>(data.notes());
        if (verdict.chosen() != null) {
            notes.addAll(verdict.chosen().result().notes());
        }
        notes.add("The shipped model was refitted on every interaction (the test's too) with the setting the ladder chose;"
                + " the metrics above are those of the fit on the training part only.");
        InteractionMatrix m = data.matrix();
        return new Recommendation.Card(Recommendation.CARD_FORMAT, useCase.name(), useCase.question(), uc,
                new Recommendation.Data(source.toString(), data.rows(), m.entryCount(), m.userCount(), m.itemCount(),
                        useCase.user(), useCase.item()),
                verdict.chosen() == null ? null : verdict.chosen().id(),
                verdict.chosen() == null ? null : verdict.chosen().result().chosen().toString(), verdict.reasons(),
                new Recommendation.Success(useCase.metric().key(), useCase.bar(), value, met, verdictText),
                model == null ? List.of() : examples(model, data), notes, "occam " + Versions.occam());
    }

    /** The first users (in the data's order) with at least 3 items, and one user the model has never seen. */
    private static List<Recommendation.Example> examples(RecommenderModel model, Interactions data) {
        List<Recommendation.Example> out = new ArrayList<>();
        for (int u = 0; u < data.matrix().userCount() && out.size() < EXAMPLES; u++) {
            if (data.matrix().rowLength(u) >= 3) {
                out.add(example(model, data.userLabels().get(u)));
            }
        }
        String stranger = "(a new user)";
        while (model.knows(stranger)) {
            stranger = stranger + "'";
        }
        out.add(example(model, stranger));
        return out;
    }

    private static Recommendation.Example example(RecommenderModel model, String user) {
        List<Recommendation.Item> items = model.recommend(user, EXAMPLE_LENGTH).items().stream()
                .map(r -> new Recommendation.Item(r.rank(), r.item(), r.score(), r.reason())).toList();
        return new Recommendation.Example(user, model.historyOf(user), items);
    }
}
