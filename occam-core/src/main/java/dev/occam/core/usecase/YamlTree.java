package dev.occam.core.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a small tree that keeps each key's line and each scalar's text as written.
 * Jackson's tree model would lose both, and with them the line numbers in messages and the text of
 * values such as {@code positive: yes}, which YAML 1.1 turns into a boolean.
 */
final class YamlTree {

    private YamlTree() {
    }

    /** A node of the tree; {@code line} is 1-based. */
    sealed interface Node permits Scalar, Mapping, Sequence {
        int line();
    }

    /**
     * A scalar: {@code token} says how YAML typed it (string, number, boolean, null), {@code text} is
     * how it was written, {@code number} its value when it is a number Jackson could read, else null.
     */
    record Scalar(JsonToken token, String text, Number number, int line) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return number != null;
        }

        boolean isBoolean() {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }
    }

    record Entry(String key, int keyLine, Node value) {
    }

    /** A mapping, its entries in file order. */
    record Mapping(Map<String, Entry> entries, int line) implements Node {
    }

    record Sequence(List<Node> items, int line) implements Node {
    }

    /** What a node is, for messages: the scalar's text in quotes, or "a list" / "a mapping". */
    static String describe(Node node) {
        if (node instanceof Scalar s) {
            return s.isNull() ? "nothing" : Text.quote(s.text());
        }
        return node instanceof Sequence ? "a list" : "a mapping";
    }

    /**
     * Parses a single YAML document whose top level must be a mapping.
     *
     * @param fileName the file's name, to start messages with
     * @throws UseCaseException for an empty file, a syntax error, a top level that is not a mapping, a
     *     duplicate key, an alias, or a second document
     */
    static Mapping parse(String yaml, String fileName) throws UseCaseException {
        YAMLFactory factory = new YAMLFactory();
        try (YAMLParser parser = factory.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UseCaseException(fileName + ": the file is empty; `occam init` writes a template to start from");
            }
            Node root = read(parser, first, fileName);
            if (root instanceof Scalar s && s.isNull()) {
                throw new UseCaseException(fileName + ": the file has no keys; `occam init` writes a template to start from");
            }
            if (!(root instanceof Mapping mapping)) {
                throw error(fileName, root.line(), "expected keys such as 'name: my-project' at the top level, found "
                        + describe(root));
            }
            if (parser.nextToken() != null) {
                throw error(fileName, line(parser), "a second YAML document begins here (after '---'); "
                        + "a use case is one document");
            }
            return mapping;
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, e);
        } catch (IOException e) {
            // Reading from a string: only a parser failure can land here.
            throw new UseCaseException(fileName + ": cannot parse: " + firstLine(e.getMessage()), 0, e);
        }
    }

    private static Node read(YAMLParser parser, JsonToken token, String fileName) throws IOException, UseCaseException {
        int line = line(parser);
        switch (token) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    Entry earlier = entries.get(key);
                    if (earlier != null) {
                        throw error(fileName, keyLine, "duplicate key '" + key + "' (first given on line "
                                + earlier.keyLine() + ")");
                    }
                    Node value = read(parser, parser.nextToken(), fileName);
                    entries.put(key, new Entry(key, keyLine, value));
                }
                return new Mapping(Collections.unmodifiableMap(entries), line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(parser, t, fileName));
                }
                return new Sequence(List.copyOf(items), line);
            }
            default: {
                if (parser.isCurrentAlias()) {
                    // Jackson hands an alias over as its anchor's name, which would be read as the value.
                    throw error(fileName, line, "YAML aliases (*" + parser.getText() + ") are not supported; "
                            + "write the value out");
                }
                Number number = null;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    try {
                        number = parser.getNumberValue();
                    } catch (IOException | NumberFormatException e) {
                        number = specialFloat(parser.getText());
                    }
                }
                return new Scalar(token, parser.getText(), number, line);
            }
        }
    }

    /** YAML's infinities and not-a-number, which Jackson types as floats but does not convert; else null. */
    private static Double specialFloat(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> null;
        };
    }

    private static int line(YAMLParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static UseCaseException error(String fileName, int line, String problem) {
        return new UseCaseException(fileName + " line " + line + ": " + problem, line, null);
    }

    /** SnakeYAML's multi-line report (problem, context, a caret drawing) as one line. */
    private static UseCaseException syntaxError(String fileName, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            Mark problemMark = marked.getProblemMark();
            int line = problemMark != null ? problemMark.getLine() + 1 : e.getLocation().getLineNr();
            String problem = clean(marked.getProblem());
            if (problem.contains("\\t(TAB)")) {
                problem = "a tab character; YAML indents with spaces only";
            } else if (problem.equals("mapping values are not allowed here")) {
                problem += " (check the indentation above, or quote a value that contains ': ')";
            }
            StringBuilder message = new StringBuilder(problem);
            String context = marked.getContext() == null ? null : clean(marked.getContext());
            if (context != null && !context.isEmpty()) {
                message.append(" (").append(context);
                Mark contextMark = marked.getContextMark();
                if (contextMark != null && contextMark.getLine() + 1 != line) {
                    message.append(" that starts on line ").append(contextMark.getLine() + 1);
                }
                message.append(')');
            }
            return new UseCaseException(fileName + " line " + line + ": YAML syntax error: " + message, line, e);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String problem = "YAML syntax error: " + firstLine(e.getOriginalMessage());
        return line > 0 ? new UseCaseException(fileName + " line " + line + ": " + problem, line, e)
                : new UseCaseException(fileName + ": " + problem, 0, e);
    }

    private static String clean(String s) {
        String oneLine = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return oneLine.endsWith(".") ? oneLine.substring(0, oneLine.length() - 1) : oneLine;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int newline = s.indexOf('\n');
        return (newline < 0 ? s : s.substring(0, newline)).strip();
    }
}
