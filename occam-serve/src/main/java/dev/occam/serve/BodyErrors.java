package dev.occam.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;

/**
 * Jackson's reasons for refusing a body, in the words of the API: no class or method names (Jackson names
 * {@code StreamReadConstraints.getMaxNestingDepth()} in backticks, and characters by their code), one line, and the
 * line and column where the parser stopped when it knows them.
 */
final class BodyErrors {

    private BodyErrors() {
    }

    static String plain(JsonProcessingException e, int maxDepth, int maxDigits, int maxName) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String lower = original.toLowerCase(Locale.ROOT);
        if (e instanceof StreamConstraintsException) {
            if (lower.contains("nesting depth")) {
                return "the body is nested deeper than " + maxDepth + " levels; a row is an object of values";
            }
            if (lower.contains("number value length") || lower.contains("number length")) {
                return "a number in the body has more than " + maxDigits + " digits";
            }
            if (lower.contains("name length")) {
                return "a field name in the body is longer than " + maxName + " characters";
            }
            return "the body is larger or deeper than the service reads";
        }
        String reason = original.lines().findFirst().orElse("")
                .replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("`[^`]*`", "")
                .replaceAll("\\(JSON String, Number, Array, Object or token '[^']*'\\)", "(a value)")
                .replaceAll("\\s+", " ").strip();
        if (reason.isEmpty()) {
            reason = "it does not parse";
        }
        JsonLocation at = e.getLocation();
        return "the body is not valid JSON: " + reason
                + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ")");
    }
}
