package dev.occam.report;

import java.util.List;
import java.util.Locale;

/** HTML text: escaping, and the few elements the report builds from data (tables, lists). */
final class Html {

    private Html() {
    }

    /** Text made safe for element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A table of escaped cells; {@code numeric} columns are right-aligned. */
    static String table(List<String> header, List<List<String>> rows, boolean[] numeric, String cssClass) {
        StringBuilder sb = new StringBuilder("<table class=\"").append(escape(cssClass)).append("\"><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            sb.append(cell("th", header.get(i), numeric, i));
        }
        sb.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                sb.append(cell("td", row.get(i), numeric, i));
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    private static String cell(String tag, String text, boolean[] numeric, int i) {
        String cls = numeric != null && i < numeric.length && numeric[i] ? " class=\"num\"" : "";
        return "<" + tag + cls + ">" + escape(text) + "</" + tag + ">";
    }

    /** A bulleted list of escaped items; empty text when there are none. */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<ul>");
        for (String item : items) {
            sb.append("<li>").append(escape(item)).append("</li>");
        }
        return sb.append("</ul>").toString();
    }

    /** A chart container the page's script draws into ({@code kind} names the drawing function). */
    static String chart(String kind, int index, String label) {
        return "<div class=\"chart chart-" + escape(kind) + "\" data-chart=\"" + escape(kind) + "\" data-index=\""
                + index + "\" role=\"img\" aria-label=\"" + escape(label) + "\"></div>";
    }

    /** A number for a table: up to four significant digits, thousands grouped, empty when missing. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (value != 0 && Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /**
     * A metric, rate or threshold with a fixed number of decimals (the leaderboard's, the console's "%.3f"), so that
     * a column lines up and two reports read alike; "—" when missing.
     */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A share as a percentage with one decimal, "—" when missing. */
    static String percent(double share) {
        return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** A p-value: three decimals, "< 0.001" below that. */
    static String pValue(double p) {
        return Double.isNaN(p) ? "—" : p < 0.001 ? "< 0.001" : fixed(p, 3);
    }
}
