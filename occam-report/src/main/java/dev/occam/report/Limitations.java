package dev.occam.report;

import static dev.occam.report.ReportPage.list;
import static dev.occam.report.ReportPage.text;

import dev.occam.results.Card;
import dev.occam.results.Leaderboard;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's limitations section: what the numbers of this fit do not say, in sentences built from the card and
 * the leaderboard (so each names this fit's data, choices and findings), for a model-risk reviewer.
 */
final class Limitations {

    private Limitations() {
    }

    static String html(Card card, Leaderboard leaderboard) {
        return Html.list(sentences(card, leaderboard));
    }

    static List<String> sentences(Card card, Leaderboard leaderboard) {
        List<String> out = new ArrayList<>();
        Card.Data data = card.data();
        Card.Evaluation evaluation = card.evaluation();
        String method = evaluation == null ? "" : text(evaluation.method());
        if (data != null && evaluation != null) {
            out.add("Every estimate is measured on held-out rows of this data (" + Html.number(data.rowsUsed())
                    + " rows, " + evaluation.folds() + " folds × " + evaluation.repeats() + " repeats). It describes"
                    + " rows drawn like these; a change in the population, the product or the economy is not in it.");
        }
        if (!method.contains("time")) {
            out.add("The folds were drawn without regard to time, so the estimates assume the future looks like the"
                    + " past. If the rows have an order (application date), refit with selection.split: time to"
                    + " measure how the model does on later rows.");
        }
        int candidates = list(leaderboard == null ? null : leaderboard.candidates()).size();
        if (candidates > 1) {
            out.add("The chosen model's score is the best of " + candidates + " candidates measured on the same folds,"
                    + " so it is slightly optimistic (a selection effect); the significance test guards the choice"
                    + " between models, not this number.");
        }
        Card.Fairness fairness = card.fairness();
        if (fairness != null) {
            Card.FairnessSpec spec = card.useCase() == null ? null : card.useCase().fairness();
            if (spec != null && spec.useProtected()) {
                out.add("The protected attributes " + String.join(", ", list(spec.protectedAttributes()))
                        + " are used as features (fairness.use_protected: true): the model's decisions depend on them"
                        + " directly, which many jurisdictions forbid for credit and employment decisions.");
            } else if (spec != null && !list(spec.protectedAttributes()).isEmpty()) {
                out.add("The protected attributes " + String.join(", ", list(spec.protectedAttributes()))
                        + " are not features, but other features can stand in for them; the proxy ranking in the"
                        + " fairness audit says which, and leaving an attribute out does not by itself make the"
                        + " decisions fair.");
            }
            out.addAll(Decisions.fairnessConcerns(card));
            for (Card.ProxyRanking ranking : list(fairness.proxies())) {
                List<String> strong = list(ranking.features()).stream().filter(Card.Proxy::strong)
                        .map(Card.Proxy::feature).toList();
                if (!strong.isEmpty()) {
                    out.add(String.join(", ", strong) + (strong.size() == 1 ? " is a strong proxy" : " are strong"
                            + " proxies") + " for " + ranking.attribute() + ": removing " + ranking.attribute()
                            + " alone would not remove its influence.");
                }
            }
        }
        long keptLeaks = list(card.leakageSuspects()).stream().filter(s -> !s.dropped()).count();
        if (keptLeaks > 0) {
            out.add(keptLeaks + " column" + (keptLeaks == 1 ? " was" : "s were") + " suspected of leaking the outcome"
                    + " and kept; if a suspect is filled in after the outcome, every number here is too good.");
        }
        if (card.calibration() != null && card.calibration().poorlyCalibrated()
                && "none".equals(card.calibration().calibrator())) {
            out.add("The chosen model's probabilities are poorly calibrated and no calibrator improved them: read its"
                    + " scores as a ranking, not as chances.");
        }
        if (card.interval() != null) {
            out.add("The prediction interval has no finite-sample guarantee (CV residual method); its out-of-fold"
                    + " coverage is measured, not promised.");
        }
        if (card.useCase() != null && card.useCase().costs() != null) {
            out.add("The threshold minimises the stated costs; if what a mistake costs changes, so does the best"
                    + " threshold (occam predict --threshold P, or refit with the new costs).");
        }
        out.add("Explanations (importance, reasons) describe how the model uses its features, not what causes the"
                + " outcome; a feature the model leans on may only be correlated with the cause.");
        out.add("Rows with values outside the ranges of the training data (see the data profile) are extrapolations:"
                + " the model was never checked there.");
        return out;
    }
}
