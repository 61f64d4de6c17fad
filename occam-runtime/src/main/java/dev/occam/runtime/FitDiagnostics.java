package dev.occam.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a model's fit went, in words a person reads: whether the fitting procedure reached its answer, how the
 * final estimate was obtained, and what the learner noticed on the way (separation of the classes, an
 * iteration budget used up, a diverging network). Every learner attaches one to the model it returns; the
 * model file keeps it as {@code diagnostics}, and the console, card and report read it from
 * {@link Model#diagnostics()}.
 *
 * <p>A learner that is not iterative, or whose fit went as intended, reports {@link #CLEAN} or
 * {@link #clean(String)}. Findings are complete sentences that name the feature and the pattern, e.g.
 * "NV &gt; 0 separates the classes quasi-completely: every row with NV &gt; 0 (13 rows) has HG = 1 ...".
 *
 * @param converged whether the procedure that produced the final estimate converged (false also when the
 *     estimate is known not to exist, as for a maximum-likelihood logistic fit under separation)
 * @param method how the final estimate was obtained, e.g. "maximum likelihood (IRLS)" or "Firth's penalised
 *     likelihood"; not blank
 * @param findings what the learner noticed, each a complete sentence; empty when there is nothing to say
 */
public record FitDiagnostics(boolean converged, String method, List<String> findings) {

    /** The method of {@link #CLEAN}: the family's usual fit, nothing more to say. */
    public static final String STANDARD = "the family's standard fit";

    /** A fit with nothing to report: converged, the family's standard method, no findings. */
    public static final FitDiagnostics CLEAN = new FitDiagnostics(true, STANDARD, List.of());

    /**
     * @throws IllegalArgumentException when the method is blank or a finding is null or blank
     */
    public FitDiagnostics {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank: '" + method + "'");
        }
        Objects.requireNonNull(findings, "findings");
        for (int i = 0; i < findings.size(); i++) {
            String f = findings.get(i);
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("finding " + i + " is empty: '" + f + "'");
            }
        }
        findings = List.copyOf(findings);
    }

    /** A converged fit by the named method, with nothing to report. */
    public static FitDiagnostics clean(String method) {
        return new FitDiagnostics(true, method, List.of());
    }

    /** Converged, and without findings. */
    public boolean isClean() {
        return converged && findings.isEmpty();
    }

    /** These diagnostics with one more finding at the end. */
    public FitDiagnostics withFinding(String finding) {
        List<String> all = new ArrayList<>(findings);
        all.add(finding);
        return new FitDiagnostics(converged, method, all);
    }

    /** The model file's {@code diagnostics} object: {@code converged}, {@code method}, {@code findings}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("converged", converged);
        node.put("method", method);
        ArrayNode list = node.putArray("findings");
        findings.forEach(list::add);
        return node;
    }

    /**
     * Reads {@link #toJson()}'s object; null (a file written before diagnostics were recorded) gives
     * {@link #CLEAN}.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong kind
     */
    public static FitDiagnostics fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return CLEAN;
        }
        JsonNode converged = Json.required(node, "converged");
        if (!converged.isBoolean()) {
            throw new IllegalArgumentException("diagnostics.converged must be true or false, got " + converged);
        }
        JsonNode method = Json.required(node, "method");
        if (!method.isTextual()) {
            throw new IllegalArgumentException("diagnostics.method must be text, got " + method);
        }
        JsonNode findings = Json.required(node, "findings");
        if (!findings.isArray()) {
            throw new IllegalArgumentException("diagnostics.findings must be a list of sentences, got " + findings);
        }
        List<String> sentences = new ArrayList<>();
        for (JsonNode f : findings) {
            if (!f.isTextual()) {
                throw new IllegalArgumentException("diagnostics.findings must hold text, got " + f);
            }
            sentences.add(f.asText());
        }
        return new FitDiagnostics(converged.booleanValue(), method.asText(), sentences);
    }
}
