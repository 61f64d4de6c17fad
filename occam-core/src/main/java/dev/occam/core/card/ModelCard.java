package dev.occam.core.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataFingerprint;
import dev.occam.core.data.DataSource;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.ProxyCheck;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.Fairness;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.results.Card;
import dev.occam.results.Results;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the model card ({@link Card}, {@code card.json}): the provenance of a fitted model in one document. The
 * use case as read, the data's fingerprint and schema, how the candidates were evaluated, what was chosen and why,
 * and whether the success bar is met. The report and the server only render it.
 */
public final class ModelCard {

    public static final String FORMAT = Card.FORMAT;

    /** The four-fifths rule's ratio (29 CFR 1607.4(D)), the reference when the use case sets no bound. */
    static final double FOUR_FIFTHS = 0.8;

    private ModelCard() {
    }

    /** The card of a finished fit, as {@code card.json} holds it. */
    public static Card build(FitResult result, DataSource source, Frame table, Frame features) {
        LeaderboardEntry chosen = result.chosenEntry();
        UseCase uc = result.useCase();
        boolean classification = result.target().isClassification();

        List<Card.Column> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            String role = c.name().equals(uc.target()) ? "target"
                    : features.hasColumn(c.name()) ? "feature" : "set aside: " + result.setAside().get(c.name());
            columns.add(new Card.Column(c.name(), c instanceof NumericColumn ? "numeric" : "categorical",
                    c.missingCount(), c instanceof CategoricalColumn cc ? cc.levels().size() : null, role));
        }
        Card.Data data = new Card.Data(source.path() != null ? source.path().toString() : null, source.sql(),
                source.jdbc() != null ? redactCredentials(source.jdbc()) : null, fingerprintOrNull(source, table),
                result.rowsRead(), result.rowsDropped(), result.target().size(), columns);

        var info = result.target().info();
        boolean multiclass = result.target().isMulticlass();
        Card.Target target = new Card.Target(info.name(), info.task().word(),
                classification ? info.positive() : null, classification ? info.negative() : null,
                classification ? result.target().mean() : null,
                classification || multiclass ? null : result.target().mean(),
                multiclass ? info.levels() : null, multiclass ? result.target().classShares() : null);

        List<Card.EvaluatedCandidate> candidates = new ArrayList<>();
        for (LeaderboardEntry e : result.entries()) {
            var reliability = result.reliability(e);
            candidates.add(new Card.EvaluatedCandidate(e.id(), e.family(), options(e), e.rung(), e.evaluation().mean(),
                    e.evaluation().standardDeviation(), reliability != null ? reliability.brier() : null,
                    reliability != null ? reliability.ece() : null, e.parameters(), e.whyNotEligible(),
                    e.versusBest() != null ? e.versusBest().pValue() : null));
        }
        Card.Evaluation evaluation = new Card.Evaluation(result.splitter().describe(result.target().info().task().isCategorical())
                + "; preparation refitted inside every fold", result.splitter().k(), result.splitter().repeats(),
                uc.selection().seed(), result.metric().key(), classification
                        ? "brier and ece of each candidate's held-out scores, repeats pooled; ece in "
                                + dev.occam.core.evaluate.Reliability.ECE_BANDS + " equal-width bands (Naeini, Cooper"
                                + " & Hauskrecht 2015; Guo et al. 2017)"
                        : null,
                candidates);

        var verdict = result.verdict();
        List<Card.Climb> climbs = new ArrayList<>();
        for (var climb : verdict.climbs()) {
            climbs.add(new Card.Climb(climb.id(), climb.rung(), climb.gain().meanDifference(), climb.gain().low(),
                    climb.gain().high(), climb.gain().pValue(), climb.parameterRatio(), climb.fitTimeRatio(),
                    climb.latencyRatio()));
        }
        List<Card.Ineligible> ineligible = result.entries().stream().filter(e -> !e.eligible())
                .map(e -> new Card.Ineligible(e.id(), e.whyNotEligible())).toList();
        Card.Selection selection = new Card.Selection(verdict.rule().key(), verdict.alpha(),
                result.splitter().comparison() + "; each comparison with the best eligible model at alpha on its own",
                chosen != null ? chosen.id() : null, chosen != null ? chosen.rung() : null,
                chosen != null && result.model() != null ? result.model().threshold() : null,
                verdict.best() != null ? verdict.best().id() : null, texts(verdict.reasons()), climbs,
                ineligible, chosen == null ? null
                        : dev.occam.core.ladder.Ladder.hyperparameters(chosen.family(), chosen.options()));

        List<Card.LeakageSuspect> suspects = result.suspects().stream()
                .map(s -> new Card.LeakageSuspect(s.column(), s.kind().name().toLowerCase(Locale.ROOT), s.reason(),
                        result.setAside().containsKey(s.column())))
                .toList();

        Card.Success success = new Card.Success(uc.success().metric().key(),
                uc.success().atLeast() ? uc.success().bound() : null,
                uc.success().atLeast() ? null : uc.success().bound(),
                chosen != null ? chosen.evaluation().mean() : null, result.successMet(), result.successSentence());

        return new Card(Card.FORMAT, uc.name(), uc.question(), useCase(uc), data, target, evaluation, selection,
                suspects, result.fairness().isEmpty() ? null : fairness(result),
                result.explanation() == null ? null : section(result.explanation().toJson(), Card.Explanation.class),
                result.model() != null && result.model().interval() != null ? interval(result.model().interval())
                        : null,
                result.calibration() == null ? null : section(result.calibration().toJson(), Card.Calibration.class),
                multiclass ? confusion(result) : twoClassConfusion(result), success, texts(result.notes()), texts(result.warnings()),
                new Card.Versions(Versions.occam(), ModelFile.FORMAT, System.getProperty("java.version"),
                        Versions.commit(), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString()), null);
    }

    /**
     * The chosen model's fairness audit on held-out predictions (threshold, per attribute the groups with
     * their rates, the ratio and the equal-opportunity difference with their intervals, the verdict), the
     * ratio of every audited candidate, and the proxy ranking.
     */
    static Card.Fairness fairness(FitResult result) {
        Double bound = result.useCase().fairness().minSelectionRateRatio();
        String method = "held-out (out-of-fold) decisions; selection-rate ratio = lowest group favourable rate /"
                + " highest (four-fifths rule, 29 CFR 1607.4(D)); equal-opportunity difference = highest minus lowest"
                + " share of rows with the favourable actual outcome given the favourable decision (Hardt, Price &"
                + " Srebro 2016); 95% percentile bootstrap intervals, rows resampled within groups; groups under "
                + FairnessAudit.Options.MIN_GROUP_ROWS + " rows not compared; a number with at most "
                + FairnessAudit.MAX_VALUE_GROUPS + " distinct values grouped by value, any other in quartile bands cut"
                + " between distinct values";
        Card.FairnessChosen chosen = null;
        FairnessAudit audit = result.chosenAudit();
        if (audit != null) {
            List<Card.AttributeAudit> attributes = new ArrayList<>();
            for (FairnessAudit.AttributeAudit a : audit.attributes()) {
                List<Card.GroupRates> groups = new ArrayList<>();
                for (FairnessAudit.GroupRates g : a.groups()) {
                    List<Card.CalibrationBand> calibration = g.calibration().stream()
                            .map(b -> new Card.CalibrationBand(b.band(), b.predictions(), b.meanScore(),
                                    b.observedRate()))
                            .toList();
                    groups.add(new Card.GroupRates(g.group(), g.rows(), !g.small(), g.positiveCallRate(),
                            g.favourableRate(), g.truePositiveRate(), g.falsePositiveRate(), g.opportunityRate(),
                            g.meanScore(), g.observedRate(), calibration));
                }
                String verdict = Double.isNaN(a.selectionRateRatio()) ? "not measurable"
                        : bound != null ? (a.meets(bound) ? "met" : "not met")
                        : a.meets(FOUR_FIFTHS) ? "no bound set; four-fifths rule met"
                        : "no bound set; below the four-fifths rule (adverse impact indicated)";
                attributes.add(new Card.AttributeAudit(a.attribute(), a.grouping().words(), a.selectionRateRatio(),
                        a.ratioInterval().low(), a.ratioInterval().high(), a.lowestGroup(), a.highestGroup(),
                        a.equalOpportunityDifference(), a.opportunityInterval().low(), a.opportunityInterval().high(),
                        verdict, groups, texts(a.notes()), a.measurable() ? null : a.notMeasurable()));
            }
            chosen = new Card.FairnessChosen(result.chosenEntry().id(), "called "
                    + (audit.favourable() == Fairness.Favourable.NEGATIVE ? audit.negative() : audit.positive()),
                    audit.threshold(), audit.thresholdLow(), audit.thresholdHigh(), audit.repeats(), attributes);
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Map.Entry<String, FairnessAudit> e : result.fairness().audits().entrySet()) {
            // One entry per attribute, keyed by its name: the shape of the file is the use case's attributes.
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", e.getKey());
            for (FairnessAudit.AttributeAudit a : e.getValue().attributes()) {
                c.put(a.attribute(), Double.isFinite(a.selectionRateRatio()) ? a.selectionRateRatio() : null);
            }
            candidates.add(c);
        }
        List<Card.ProxyRanking> proxies = new ArrayList<>();
        for (ProxyCheck.Ranking ranking : result.fairness().proxies()) {
            proxies.add(new Card.ProxyRanking(ranking.attribute(), ranking.measure(), ranking.proxies().stream()
                    .map(p -> new Card.Proxy(p.feature(), p.score(), p.level(), p.strong())).toList()));
        }
        return new Card.Fairness(method, bound, chosen, candidates, proxies, texts(result.fairness().notes()),
                texts(result.fairness().warnings()));
    }

    /**
     * The chosen regression model's prediction interval: level, half width, method (key and words), how many
     * residuals, its out-of-fold coverage, and what the method does not promise.
     */
    static Card.Interval interval(PredictionInterval interval) {
        Card.Interval saved = section(interval.toJson(), Card.Interval.class);
        return new Card.Interval(saved.level(), saved.halfWidth(), saved.method(), saved.residuals(),
                saved.outOfFoldCoverage(), interval.methodWords() + "; interval = refitted model's prediction ± half"
                        + " width (Barber, Candès, Ramdas & Tibshirani 2021, Annals of Statistics 49)",
                "none in finite samples (CV+ would guarantee 1 − 2α but needs the fold models); coverage is marginal,"
                        + " over rows like the training rows, one width for every row");
    }

    /**
     * A section another package writes as JSON (the explanation, the calibration check, the runtime's interval),
     * read into its record. Strict: a field the record does not know fails here, in the tests, rather than
     * disappearing from the card.
     */
    private static <T> T section(ObjectNode json, Class<T> type) {
        try {
            return Results.MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("the card's " + type.getSimpleName() + " section does not match its"
                    + " record: " + e.getMessage(), e);
        }
    }

    /** The data's fingerprint; null if the file vanished since it was read (the card still gets written). */
    private static String fingerprintOrNull(DataSource source, Frame table) {
        try {
            return DataFingerprint.of(source, table);
        } catch (DataException e) {
            return null;
        }
    }

    /** A copy of a list of sentences (a null in it stays null, as it was written before the card was a record). */
    private static List<String> texts(List<String> texts) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(texts));
    }

    /** Keeps passwords in a JDBC URL out of the card. */
    static String redactCredentials(String jdbc) {
        return jdbc.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):([^@/]+)@", "//$1:***@");
    }

    private static Card.UseCase useCase(UseCase uc) {
        Map<String, String> monotone = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : uc.constraints().monotone().entrySet()) {
            monotone.put(e.getKey(), e.getValue().toString().toLowerCase(Locale.ROOT));
        }
        Card.Constraints constraints = new Card.Constraints(uc.constraints().maxLatencyUs(),
                uc.constraints().maxParameters(), uc.constraints().interpretable(), monotone);
        Card.FairnessSpec fairness = new Card.FairnessSpec(texts(uc.fairness().protectedAttributes()),
                uc.fairness().minSelectionRateRatio(), uc.fairness().useProtected(), uc.fairness().favourable().key());
        return new Card.UseCase(uc.file().getFileName().toString(), uc.target(),
                uc.task() != null ? uc.task().word() : null, uc.positive(), uc.threshold(),
                uc.interval(), uc.currentRule(), constraints, fairness, texts(uc.stakeholders()), uc.operation(),
                uc.costs() == null ? null : new java.util.LinkedHashMap<>(java.util.Map.of("false_positive",
                        uc.costs().falsePositive(), "false_negative", uc.costs().falseNegative())));
    }

    /** A candidate's options as the use case gave them (empty for a bare family name), for the JSON files. */
    public static java.util.Map<String, Object> options(LeaderboardEntry e) {
        return e.options().isEmpty() ? java.util.Map.of() : Json.MAPPER.convertValue(e.options(),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
    }

    /**
     * Two classes: the chosen candidate's held-out calls, each row called by the fold model that did not see it at
     * that fold's threshold (the costs' threshold chosen on the other folds, when the use case has costs), every
     * repeat pooled; so the decisions whose cost the leaderboard reports. Null without held-out scores.
     */
    static Card.ConfusionMatrix twoClassConfusion(FitResult result) {
        var chosen = result.verdict().chosen();
        if (!result.target().isClassification() || chosen == null || chosen.evaluation().heldOut() == null) {
            return null;
        }
        var heldOut = chosen.evaluation().heldOut();
        double[] truth = result.target().values();
        long[][] counts = new long[2][2];
        for (int r = 0; r < heldOut.repeats(); r++) {
            for (int i = 0; i < heldOut.rows(); i++) {
                counts[truth[i] == 1.0 ? 1 : 0][heldOut.calledPositive(r, i) ? 1 : 0]++;
            }
        }
        var info = result.target().info();
        List<Card.ClassAccuracy> accuracy = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            long total = counts[t][0] + counts[t][1];
            accuracy.add(new Card.ClassAccuracy(t == 1 ? info.positive() : info.negative(),
                    total == 0 ? Double.NaN : (double) counts[t][t] / total));
        }
        return new Card.ConfusionMatrix(chosen.id(), "held-out calls at each fold's decision threshold"
                + (result.useCase().costs() != null ? " (chosen by the costs on the other folds)" : "")
                + ", every repeat pooled (each row counted once per repeat); rows: true class, columns: called class",
                List.of(info.negative(), info.positive()), counts, accuracy);
    }

    /**
     * The chosen candidate's held-out calls against the true classes, every repeat pooled (each row counted once
     * per repeat), with each class's share called right (its recall); null without held-out class probabilities.
     */
    static Card.ConfusionMatrix confusion(FitResult result) {
        if (result.verdict().chosen() == null || result.verdict().chosen().evaluation().heldOut() == null
                || result.verdict().chosen().evaluation().heldOut().classProbabilities() == null) {
            return null;
        }
        var heldOut = result.verdict().chosen().evaluation().heldOut();
        List<String> levels = result.target().info().levels();
        int k = levels.size();
        long[][] counts = new long[k][k];
        double[] truth = result.target().values();
        for (int r = 0; r < heldOut.repeats(); r++) {
            for (int i = 0; i < heldOut.rows(); i++) {
                int called = dev.occam.runtime.scorer.MulticlassScorer.argmax(heldOut.classProbabilities(r, i));
                counts[(int) truth[i]][called]++;
            }
        }
        List<Card.ClassAccuracy> accuracy = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            long total = 0;
            for (int c = 0; c < k; c++) {
                total += counts[t][c];
            }
            accuracy.add(new Card.ClassAccuracy(levels.get(t), total == 0 ? Double.NaN : (double) counts[t][t] / total));
        }
        return new Card.ConfusionMatrix(result.verdict().chosen().id(), "held-out calls (the most probable class) of"
                + " every repeat pooled; rows: true class, columns: called class", levels, counts, accuracy);
    }
}
