package dev.occam.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource with placeholders: {@code {{name}}} is replaced by the value HTML-escaped, {@code {{{name}}}}
 * by an HTML fragment the report built itself (already escaped). Every placeholder must have a value.
 * {@code {{>file.html}}} includes another resource of the package when the template is read (the page head and
 * style every report page shares), so the pages do not each carry a copy.
 */
final class Template {

    private static final Pattern INCLUDE = Pattern.compile("\\{\\{>([a-z_.-]+)\\}\\}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-z_]+)\\}?\\}\\}");

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** @throws IllegalStateException when the resource is not on the classpath (a packaging bug) */
    static Template resource(String name) {
        String text = Resources.text(Template.class, name);
        Matcher m = INCLUDE.matcher(text);
        StringBuilder withIncludes = new StringBuilder(text.length() * 2);
        while (m.find()) {
            m.appendReplacement(withIncludes, Matcher.quoteReplacement(Resources.text(Template.class, m.group(1))));
        }
        m.appendTail(withIncludes);
        return new Template(name, withIncludes.toString());
    }

    /** @throws IllegalArgumentException when a placeholder has no value (the message names it) */
    String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() * 2);
        while (m.find()) {
            String key = m.group(2);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(name + ": no value for placeholder '" + key + "'");
            }
            String value = m.group(1).isEmpty() ? Html.escape(values.get(key)) : values.get(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Classpath text resources. */
    static final class Resources {
        private Resources() {
        }

        static String text(Class<?> anchor, String name) {
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("resource not on the classpath: " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + name, e);
            }
        }
    }
}
