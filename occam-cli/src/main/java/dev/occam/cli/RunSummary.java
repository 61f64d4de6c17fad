package dev.occam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one fit's output set says about itself, read back from its {@code card.json} and {@code leaderboard.json}
 * whatever the task (prediction, forecast, recommendation, segmentation: each card has its own shape). The one
 * reading serves {@code occam fit --json} and {@code --quiet}, {@code occam runs} and {@code occam compare}, so they
 * cannot disagree with the files.
 *
 * @param task prediction, forecast, recommend or segment (from the card's format)
 * @param chosen the chosen candidate's id; null when nothing was chosen
 * @param metric the success metric's key
 * @param direction "at_least" or "at_most": the side of the bar that meets it
 * @param bar the success bar; NaN when the card has none
 * @param value the chosen candidate's value of the metric; NaN when unknown
 * @param met whether the bar was met
 * @param verdict the card's verdict in one sentence (may be empty)
 * @param candidates the leaderboard, in its order
 */
record RunSummary(String name, String task, String chosen, String metric, String direction, double bar, double value,
        boolean met, String verdict, List<Entry> candidates) {

    /**
     * One leaderboard line.
     *
     * @param value the candidate's value of the selection metric (NaN when it failed)
     * @param eligible false when a constraint or a failure excluded it
     */
    record Entry(String id, double value, boolean eligible, boolean chosen) {
    }

    /** Reads a fit's output folder or one of its runs. @throws Errors.UserError when it holds no Occam card */
    static RunSummary read(Path dir) throws IOException {
        Path card = dir.resolve("card.json");
        if (!Files.isRegularFile(card)) {
            throw new Errors.UserError(dir + " holds no card.json: it is not the output of 'occam fit'");
        }
        JsonNode c = Json.MAPPER.readTree(card.toFile());
        String format = c.path("format").asText("");
        if (!format.startsWith("occam-")) {
            throw new Errors.UserError(card + " is not an Occam card (format '" + format + "')");
        }
        Path board = dir.resolve("leaderboard.json");
        JsonNode l = Files.isRegularFile(board) ? Json.MAPPER.readTree(board.toFile()) : Json.MAPPER.createObjectNode();
        String task = format.startsWith("occam-forecast") ? "forecast" : format.startsWith("occam-recommend")
                ? "recommend" : format.startsWith("occam-segment") ? "segment" : "prediction";
        String name = text(c, "name", text(c, "use_case", dir.getFileName().toString()));
        String chosen = c.has("selection") ? text(c.path("selection"), "chosen", null) : text(c, "chosen", null);
        JsonNode s = c.path("success");
        String metric;
        String direction;
        double bar;
        double value;
        boolean met;
        String verdict;
        if (task.equals("forecast")) {
            metric = text(c, "metric", "");
            direction = "at_most";
            bar = number(c.path("at_most"));
            value = number(c.path("chosen_mean"));
            met = c.path("success_met").asBoolean(false);
            verdict = last(c.path("verdict"));
        } else {
            metric = text(s, "metric", "");
            direction = s.has("at_most") ? "at_most" : "at_least";
            bar = number(s.has("at_most") ? s.path("at_most") : s.has("at_least") ? s.path("at_least") : s.path("bound"));
            value = number(s.path("value"));
            met = s.path("met").asBoolean(false);
            verdict = s.has("verdict") ? s.path("verdict").asText() : last(c.path("verdict"));
        }
        return new RunSummary(name, task, chosen, metric, direction, bar, value, met, verdict, entries(l));
    }

    /** The leaderboard's lines: {@code candidates} (prediction, segmentation), {@code rungs} or {@code entries}. */
    private static List<Entry> entries(JsonNode board) {
        JsonNode rows = board.has("candidates") ? board.get("candidates")
                : board.has("rungs") ? board.get("rungs") : board.path("entries");
        String metric = board.path("metric").asText("");
        List<Entry> out = new ArrayList<>();
        for (JsonNode r : rows) {
            String id = r.has("model") ? r.get("model").asText()
                    : r.path("method").asText("?") + (r.has("segments") ? " k=" + r.get("segments").asInt() : "");
            JsonNode v = r.has("mean") ? r.get("mean") : r.has("value") ? r.get("value") : r.path(metric);
            boolean eligible = r.path("eligible").asBoolean(!r.has("failure") || r.get("failure").isNull());
            out.add(new Entry(id, number(v), eligible, r.path("chosen").asBoolean(false)));
        }
        return out;
    }

    /** One line: what was chosen, its value against the bar, met or not. */
    String oneLine(Path dir) {
        return String.format(Locale.ROOT, "%s: %s; %s %s (%s %s): success bar %s; outputs in %s", name,
                chosen == null ? "nothing chosen" : "chose " + chosen, metric, format(value),
                direction.replace('_', ' '), format(bar), met ? "met" : "NOT met", dir);
    }

    /** The machine-readable summary {@code occam fit --json} prints. */
    ObjectNode toJson(Path dir, Path run, int exitCode) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", name);
        o.put("task", task);
        o.put("chosen", chosen);
        ObjectNode success = o.putObject("success");
        success.put("metric", metric);
        putNumber(success, direction, bar);
        putNumber(success, "value", value);
        success.put("met", met);
        o.put("verdict", verdict);
        o.put("output", dir.toString());
        o.put("run", run == null ? null : run.toString());
        o.put("exit_code", exitCode);
        return o;
    }

    static String format(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static String text(JsonNode n, String key, String otherwise) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? otherwise : v.asText();
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String last(JsonNode lines) {
        return lines.isArray() && lines.size() > 0 ? lines.get(lines.size() - 1).asText() : "";
    }
}
