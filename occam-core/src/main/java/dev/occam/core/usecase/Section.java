package dev.occam.core.usecase;

import com.fasterxml.jackson.core.JsonToken;
import dev.occam.core.usecase.YamlTree.Entry;
import dev.occam.core.usecase.YamlTree.Mapping;
import dev.occam.core.usecase.YamlTree.Node;
import dev.occam.core.usecase.YamlTree.Scalar;
import dev.occam.core.usecase.YamlTree.Sequence;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mapping of a use-case file (the top level, or a section such as {@code selection}) with its known
 * keys. Creating it rejects unknown keys; its getters convert one value each, failing with the key's
 * dotted name, its line and the value. Getters return null for an absent key.
 */
final class Section {

    /** A list item as text, with its line. */
    record Item(String text, int line) {
    }

    private final Source source;
    private final String path;
    private final Mapping mapping;
    private final int line;

    /**
     * @param path the dotted name of this section ("" for the top level)
     * @param line the line of the section's key (0 for the top level)
     * @param known the keys allowed here
     */
    Section(Source source, String path, Mapping mapping, int line, List<String> known) throws UseCaseException {
        this.source = source;
        this.path = path;
        this.mapping = mapping;
        this.line = line;
        for (Entry e : mapping.entries().values()) {
            source.lines().put(qualified(e.key()), e.keyLine());
            if (!known.contains(e.key())) {
                throw source.error(e.keyLine(), unknownKey(e.key(), known));
            }
        }
    }

    private String unknownKey(String key, List<String> known) {
        StringBuilder s = new StringBuilder("unknown key ").append(Text.quote(key));
        if (!path.isEmpty()) {
            s.append(" in ").append(path);
        }
        s.append(" (");
        String near = Text.nearest(key, known);
        String home = source.homeOf(key);
        if (near != null) {
            s.append("did you mean '").append(near).append("'?; ");
        } else if (home != null) {
            s.append(home.isEmpty() ? "it belongs at the top level, not indented" : "it belongs under " + home + ":")
                    .append("; ");
        }
        return s.append("known keys: ").append(String.join(", ", known)).append(')').toString();
    }

    String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return line;
    }

    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    int lineOf(String key) {
        Entry e = mapping.entries().get(key);
        return e == null ? line : e.keyLine();
    }

    UseCaseException error(String key, String problem) {
        return source.error(lineOf(key), problem);
    }

    UseCaseException errorAtLine(int line, String problem) {
        return source.error(line, problem);
    }

    /** An error about this whole section, at its key's line. */
    UseCaseException error(String problem) {
        return source.error(line, problem);
    }

    private Node node(String key) {
        Entry e = mapping.entries().get(key);
        return e == null ? null : e.value();
    }

    /** The scalar at {@code key}, or null if absent; a key without a value is an error. */
    private Scalar scalar(String key, String expected) throws UseCaseException {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s) {
            if (s.isNull()) {
                throw error(key, qualified(key) + " has no value; give " + expected + " or delete the key");
            }
            return s;
        }
        throw error(key, qualified(key) + " must be " + expected + ", not " + YamlTree.describe(n));
    }

    /** Text as written; numbers and booleans too, so {@code positive: 1} is "1" and {@code yes} is "yes". */
    String text(String key) throws UseCaseException {
        Scalar s = scalar(key, "text");
        return s == null ? null : s.text();
    }

    String requiredText(String key, String what) throws UseCaseException {
        String text = text(key);
        if (text == null) {
            throw missing(key, what);
        }
        return text;
    }

    UseCaseException missing(String key, String what) {
        return path.isEmpty() ? source.error(0, "missing required key '" + key + "' (" + what + ")")
                : error(path + " needs " + key + " (" + what + ")");
    }

    /** One of {@code options}, ignoring case, returned as written in {@code options}. */
    String choice(String key, Collection<String> options) throws UseCaseException {
        String expected = "one of " + String.join(", ", options);
        Scalar s = scalar(key, expected);
        if (s == null) {
            return null;
        }
        for (String option : options) {
            if (option.equalsIgnoreCase(s.text())) {
                return option;
            }
        }
        String near = Text.nearest(s.text(), options);
        throw error(key, qualified(key) + " must be " + expected + ": " + Text.quote(s.text())
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
    }

    Double number(String key) throws UseCaseException {
        Scalar s = scalar(key, "a number");
        if (s == null) {
            return null;
        }
        if (!s.isNumber()) {
            throw notNumber(key, s, "a number");
        }
        double v = s.number().doubleValue();
        if (!Double.isFinite(v)) {
            throw error(key, qualified(key) + " must be a finite number: " + Text.quote(s.text()));
        }
        return v;
    }

    /** A whole number; {@code 1e4} and {@code 5.0} are accepted as the whole numbers they are. */
    Long whole(String key) throws UseCaseException {
        Scalar s = scalar(key, "a whole number");
        if (s == null) {
            return null;
        }
        if (!s.isNumber()) {
            throw notNumber(key, s, "a whole number");
        }
        try {
            Number n = s.number();
            BigDecimal exact = n instanceof BigInteger b ? new BigDecimal(b)
                    : n instanceof BigDecimal d ? d
                    : n instanceof Double || n instanceof Float ? new BigDecimal(n.doubleValue())
                    : BigDecimal.valueOf(n.longValue());
            return exact.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw error(key, qualified(key) + " must be a whole number"
                    + (s.number() instanceof BigInteger ? " that fits in 64 bits" : "") + ": " + Text.quote(s.text()));
        }
    }

    int wholeInt(String key, int fallback) throws UseCaseException {
        Long v = whole(key);
        if (v == null) {
            return fallback;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(key, qualified(key) + " is too large: " + v);
        }
        return v.intValue();
    }

    private UseCaseException notNumber(String key, Scalar s, String expected) {
        boolean quotedNumber = s.token() == JsonToken.VALUE_STRING && looksNumeric(s.text());
        return error(key, qualified(key) + " must be " + expected + ": " + Text.quote(s.text())
                + (quotedNumber ? " (remove the quotes)" : ""));
    }

    private static boolean looksNumeric(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code true} / {@code false}; YAML 1.1's {@code yes} / {@code no} / {@code on} / {@code off} too. */
    Boolean bool(String key) throws UseCaseException {
        Scalar s = scalar(key, "true or false");
        if (s == null) {
            return null;
        }
        if (!s.isBoolean()) {
            switch (s.text().toLowerCase(Locale.ROOT)) {
                case "yes", "on", "true" -> {
                    return true;
                }
                case "no", "off", "false" -> {
                    return false;
                }
                default -> throw error(key, qualified(key) + " must be true or false: " + Text.quote(s.text()));
            }
        }
        return s.token() == JsonToken.VALUE_TRUE;
    }

    /** A list of texts with their lines; null if absent. A scalar is refused: {@code [a, b]} was meant. */
    List<Item> items(String key) throws UseCaseException {
        Node n = node(key);
        if (n == null || n instanceof Scalar s && s.isNull()) {
            return null;
        }
        if (!(n instanceof Sequence seq)) {
            throw error(key, qualified(key) + " must be a list, such as [a, b]: " + YamlTree.describe(n)
                    + (n instanceof Scalar s && s.text().contains(",") ? " (write it in brackets)" : ""));
        }
        List<Item> items = new ArrayList<>();
        for (Node item : seq.items()) {
            if (!(item instanceof Scalar s) || s.isNull()) {
                throw source.error(item.line(), qualified(key) + " items must be text, not "
                        + YamlTree.describe(item));
            }
            items.add(new Item(s.text(), s.line()));
        }
        return items;
    }

    /**
     * The items of a list as they are written (texts or mappings), or null if absent. A scalar is refused, as by
     * {@link #items}.
     */
    List<Node> nodes(String key) throws UseCaseException {
        Node n = node(key);
        if (n == null || n instanceof Scalar s && s.isNull()) {
            return null;
        }
        if (!(n instanceof Sequence seq)) {
            throw error(key, qualified(key) + " must be a list, such as [a, b]: " + YamlTree.describe(n)
                    + (n instanceof Scalar s && s.text().contains(",") ? " (write it in brackets)" : ""));
        }
        return seq.items();
    }

    /** A mapping inside this section's list {@code key}, as a section of its own with its known keys. */
    Section listItem(String key, Mapping item, List<String> known) throws UseCaseException {
        return new Section(source, qualified(key), item, item.line(), known);
    }

    /** Where a line is, for messages that are raised later: {@code "usecase.yaml line 14"}. */
    String where(int line) {
        return source.fileName() + (line > 0 ? " line " + line : "");
    }

    /** A list of texts; null if absent. */
    List<String> texts(String key) throws UseCaseException {
        List<Item> items = items(key);
        return items == null ? null : items.stream().map(Item::text).toList();
    }

    /** The entries of a mapping whose keys are free (column names); null if absent. */
    Map<String, Entry> freeMapping(String key, String expected) throws UseCaseException {
        Node n = node(key);
        if (n == null || n instanceof Scalar s && s.isNull()) {
            return null;
        }
        if (!(n instanceof Mapping m)) {
            throw error(key, qualified(key) + " must be " + expected + ": " + YamlTree.describe(n));
        }
        for (Entry e : m.entries().values()) {
            source.lines().put(qualified(key) + "." + e.key(), e.keyLine());
        }
        return m.entries();
    }

    /**
     * The nested section at {@code key}, or null if absent. A key with no value is an empty section: it
     * is what remains when every line under it is commented out.
     */
    Section section(String key, List<String> known) throws UseCaseException {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        int keyLine = lineOf(key);
        if (n instanceof Scalar s && s.isNull()) {
            return new Section(source, qualified(key), new Mapping(Map.of(), keyLine), keyLine, known);
        }
        if (!(n instanceof Mapping m)) {
            throw error(key, qualified(key) + " must be a mapping of keys (" + String.join(", ", known)
                    + ") on the lines below it, indented: " + YamlTree.describe(n));
        }
        return new Section(source, qualified(key), m, keyLine, known);
    }
}
