package dev.occam.core.fairness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fairness findings of one fit: the audit of every candidate that has held-out scores (so fairness
 * can exclude candidates before the choice), the proxy ranking, and notes (why something was not audited).
 *
 * @param audits by candidate family, in leaderboard order
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
    public FairnessAudit audit(String family) {
        return audits.get(family);
    }

    public boolean isEmpty() {
        return audits.isEmpty() && proxies.isEmpty() && notes.isEmpty();
    }
}
