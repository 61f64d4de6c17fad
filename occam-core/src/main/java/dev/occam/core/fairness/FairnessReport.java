package dev.occam.core.fairness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fairness findings of one fit: the audit of every candidate that has held-out scores (so fairness
 * can exclude candidates before the choice), the proxy ranking, notes (why something was not audited), and
 * {@linkplain #warnings() warnings} (an attribute that cannot be measured).
 *
 * @param audits by candidate id, in leaderboard order
 */
public record FairnessReport(Map<String, FairnessAudit> audits, List<ProxyCheck.Ranking> proxies,
        List<String> notes) {

    /** Nothing audited: the use case names no protected attribute. */
    public static final FairnessReport NONE = new FairnessReport(Map.of(), List.of(), List.of());

    public FairnessReport {
        audits = Collections.unmodifiableMap(new LinkedHashMap<>(audits));
        proxies = List.copyOf(proxies);
        notes = List.copyOf(notes);
    }

    /** The audit of this candidate, or null. */
    public FairnessAudit audit(String candidate) {
        return audits.get(candidate);
    }

    /**
     * Why an attribute cannot be measured, one warning per attribute (it depends on the data alone, so
     * every audited candidate has the same ones), in the order of the protected attributes.
     */
    public List<String> warnings() {
        Set<String> warnings = new LinkedHashSet<>();
        for (FairnessAudit audit : audits.values()) {
            for (FairnessAudit.AttributeAudit a : audit.attributes()) {
                if (!a.measurable()) {
                    warnings.add(a.notMeasurable());
                }
            }
        }
        return List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return audits.isEmpty() && proxies.isEmpty() && notes.isEmpty();
    }
}
