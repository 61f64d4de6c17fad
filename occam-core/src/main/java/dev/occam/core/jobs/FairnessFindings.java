package dev.occam.core.jobs;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.FairnessReport;
import dev.occam.core.fairness.ProxyCheck;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fairness findings as the fit goes: the protected columns (rows aligned with the target, whether or not they
 * are features), each candidate's audit on its held-out scores (by candidate id), the proxy ranking. Public so
 * that another engine ({@link FitEngine}) audits its candidates as {@link FitJob} does.
 */
public final class FairnessFindings {
    private final UseCase useCase;
    private final Frame protectedColumns;
    private final Target target;
    private final Map<String, FairnessAudit> audits = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<ProxyCheck.Ranking> proxies = List.of();

    public FairnessFindings(UseCase useCase, Frame rows, Target target) {
        this.useCase = useCase;
        List<String> names = useCase.fairness().protectedAttributes();
        this.protectedColumns = names.isEmpty() ? null
                : new Frame(names.stream().map(rows::column).toList());
        this.target = target;
        if (protectedColumns != null && target.isMulticlass()) {
            notes.add("the fairness audit compares favourable and unfavourable decisions, so it needs a two-class "
                    + "target; " + target.info().name() + " has " + target.info().classCount()
                    + " classes, so only proxies are ranked");
        } else if (protectedColumns != null && !target.isClassification()) {
            notes.add("the fairness audit compares decisions, so it needs a classification target; "
                    + "only proxies are ranked");
        }
        if (protectedColumns != null && target.isClassification()) {
            // Before any fit: a bound on a ratio the data cannot measure is the user's error, not a pass.
            FairnessAudit.requireMeasurable(protectedColumns, useCase.fairness().minSelectionRateRatio(),
                    FairnessAudit.Options.MIN_GROUP_ROWS);
        }
    }

    public void rankProxies(Frame features) {
        if (protectedColumns != null) {
            proxies = ProxyCheck.rank(features, protectedColumns, useCase.selection().seed());
        }
    }

    /**
     * The candidate's audit on its held-out scores; null when there is nothing to audit. It reads only its inputs
     * (the resamples are seeded by the use case), so the audits of several candidates may run at once; {@link
     * #record} keeps it for the report.
     */
    public FairnessAudit audit(Evaluation evaluation) {
        if (protectedColumns == null || !target.isClassification() || evaluation.heldOut() == null) {
            return null;
        }
        return FairnessAudit.of(protectedColumns, target, evaluation.heldOut(), useCase.fairness().favourable(),
                FairnessAudit.Options.defaults(useCase.selection().seed()));
    }

    /** Keeps a candidate's audit for the report under its id, in the order the candidates are judged. */
    public synchronized void record(String id, FairnessAudit audit) {
        if (audit != null) {
            audits.put(id, audit);
        }
    }

    public FairnessReport report() {
        return protectedColumns == null ? FairnessReport.NONE : new FairnessReport(audits, proxies, notes);
    }
}
