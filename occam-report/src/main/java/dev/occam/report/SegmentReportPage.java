package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.results.Results;
import dev.occam.results.SegmentCard;
import dev.occam.results.SegmentLeaderboard;
import dev.occam.results.SegmentReportData;
import dev.occam.runtime.segment.SegmentationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a segmentation ({@code card.json} of format {@value SegmentCard#FORMAT}): the verdict, the ladder with
 * each rung's stability, the segments on the first two principal components and their profiles, the membership
 * rule, the chosen segmentation as the model file describes it, the data profile (preparation, principal components)
 * and provenance. Fills the {@code segments.html} template; the charts are drawn by the same page script as the
 * prediction report.
 */
final class SegmentReportPage {

    /** Contrasts shown per segment in the profile table. */
    private static final int CONTRASTS_SHOWN = 5;

    private SegmentReportPage() {
    }

    /** Whether the folder's {@code card.json} is a segmentation's. */
    static boolean isSegmentation(Path dir) throws IOException {
        Path card = dir.resolve(Results.CARD);
        if (!Files.isRegularFile(card)) {
            return false;
        }
        JsonNode format = Results.MAPPER.readTree(card.toFile()).get("format");
        return format != null && SegmentCard.FORMAT.equals(format.asText());
    }

    /** Renders the folder's segmentation documents into the page's text. */
    static String render(Path dir) throws IOException {
        SegmentCard card = Results.read(dir.resolve(Results.CARD), SegmentCard.class);
        Path leaderboardFile = dir.resolve(Results.LEADERBOARD);
        SegmentLeaderboard leaderboard = Files.isRegularFile(leaderboardFile)
                ? Results.read(leaderboardFile, SegmentLeaderboard.class) : null;
        Path dataFile = dir.resolve(Results.REPORT_DATA);
        SegmentReportData data = Files.isRegularFile(dataFile) ? Results.read(dataFile, SegmentReportData.class) : null;
        Path model = dir.resolve("model.json");
        String description = Files.isRegularFile(model) ? SegmentationFile.load(model).describe()
                : "No model file in the folder.";
        return render(card, leaderboard, data, description);
    }

    static String render(SegmentCard card, SegmentLeaderboard leaderboard, SegmentReportData data, String description) {
        boolean met = card.success() != null && card.success().met();
        List<String> verdict = ReportPage.list(card.verdict());
        Map<String, String> v = new HashMap<>();
        v.put("title", ReportPage.text(card.useCase()));
        v.put("question", ReportPage.text(card.question()));
        v.put("verdict_class", met ? "met" : "not-met");
        v.put("verdict_word", met ? "Success bar met" : "Success bar not met");
        v.put("verdict", verdict.isEmpty() ? "No verdict in the card." : verdict.get(0));
        v.put("reasons", Html.list(verdict.size() > 1 ? verdict.subList(1, verdict.size()) : List.of()));
        List<String> notes = ReportPage.list(card.notes());
        v.put("notes", notes.isEmpty() ? "" : "<h3>Notes</h3>" + Html.list(notes));
        v.put("ladder_table", ladderTable(card, leaderboard));
        v.put("sample_note", card.rowsFitted() < card.rows() ? " (the " + card.rowsFitted() + " rows the ladder was "
                + "fitted on)" : "");
        v.put("profiles", profiles(card));
        v.put("rule", rule(card.membershipRule()));
        v.put("model_description", description);
        v.put("data_profile", dataProfile(card));
        v.put("provenance", provenance(card));
        v.put("chart_data", ChartData.inlineJson(chartData(card, data)));
        v.put("echarts", ChartLibrary.script());
        v.put("page_script", ChartLibrary.pageScript());
        return Template.resource("segments.html").render(v);
    }

    private static String ladderTable(SegmentCard card, SegmentLeaderboard leaderboard) {
        List<List<String>> rows = new ArrayList<>();
        for (SegmentCard.Candidate c : ReportPage.list(card.candidates())) {
            rows.add(List.of((c.chosen() ? "✓ " : "") + c.rung(), c.method(), Integer.toString(c.segments()),
                    Long.toString(c.parameters()), c.bic() == null ? "—" : Html.number(c.bic()),
                    c.gap() == null ? "—" : Html.number(c.gap()), Html.number(c.silhouette()),
                    Double.isNaN(c.stability()) ? "—" : Html.number(c.stability()) + " ± " + Html.number(c.stabilitySd()),
                    c.choice() + (c.whyNot() == null ? "" : "; not chosen: " + c.whyNot())));
        }
        String rule = leaderboard == null ? "" : "<p class=\"note\">Rule: " + Html.escape(leaderboard.rule()) + ".</p>";
        return rule + Html.table(List.of("rung", "method", "segments", "parameters", "BIC", "gap", "silhouette",
                "stability", "how chosen"), rows, new boolean[] {false, false, true, true, true, true, true, true, false},
                "leaderboard");
    }

    private static String profiles(SegmentCard card) {
        StringBuilder sb = new StringBuilder("<h3>Profiles</h3><p class=\"note\">Each segment's columns ranked by how much"
                + " they set it apart: a number by its standardised median difference (median in the segment minus the "
                + "overall median, over the overall standard deviation), a category by its most over-represented "
                + "level.</p>");
        List<List<String>> rows = new ArrayList<>();
        for (SegmentCard.Profile p : ReportPage.list(card.profiles())) {
            List<String> what = p.contrasts().stream().limit(CONTRASTS_SHOWN)
                    .map(c -> c.words() + " [" + String.format(Locale.ROOT, "%+.2f", c.score()) + "]").toList();
            rows.add(List.of(Integer.toString(p.segment()), String.format(Locale.ROOT, "%,d", p.size()),
                    Math.round(100 * p.share()) + "%", String.join("; ", what)));
        }
        sb.append(Html.table(List.of("segment", "rows", "share", "what sets it apart (contrast)"), rows,
                new boolean[] {true, true, true, false}, "profiles"));
        return sb.toString();
    }

    private static String rule(SegmentCard.Rule rule) {
        if (rule == null) {
            return "<p class=\"empty\">The card has no membership rule.</p>";
        }
        return "<p>A decision tree of depth " + rule.depth() + " on the raw columns, fitted to the segments; it puts "
                + Math.round(100 * rule.accuracy()) + "% of the rows in their own segment (on the rows it describes, "
                + "not a prediction estimate).</p>" + Html.list(rule.rules());
    }

    private static String dataProfile(SegmentCard card) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p>").append(String.format(Locale.ROOT, "%,d", card.rows())).append(" rows; segmented on ")
                .append(Html.escape(String.join(", ", ReportPage.list(card.columns()))));
        if (!ReportPage.list(card.excluded()).isEmpty()) {
            sb.append("; set aside: ").append(Html.escape(String.join(", ", card.excluded())));
        }
        sb.append(".</p><h3>Preparation</h3>").append(Html.list(ReportPage.list(card.preparation())));
        SegmentCard.Components pc = card.principalComponents();
        if (pc != null && pc.explained() != null && pc.explained().length > 0) {
            sb.append("<h3>Principal components</h3><p class=\"note\">Of the prepared columns: each component's share "
                    + "of the variance and its loadings on the first two.</p>");
            List<List<String>> rows = new ArrayList<>();
            double cumulative = 0;
            for (int c = 0; c < pc.explained().length; c++) {
                cumulative += pc.explained()[c];
                rows.add(List.of("PC" + (c + 1), Html.number(100 * pc.explained()[c]) + "%",
                        Html.number(100 * cumulative) + "%"));
            }
            sb.append(Html.table(List.of("component", "variance explained", "cumulative"), rows,
                    new boolean[] {false, true, true}, "components"));
            List<List<String>> loadings = new ArrayList<>();
            for (int j = 0; j < pc.names().size(); j++) {
                List<String> row = new ArrayList<>();
                row.add(pc.names().get(j));
                for (int c = 0; c < Math.min(2, pc.loadings().length); c++) {
                    row.add(Html.number(pc.loadings()[c][j]));
                }
                loadings.add(row);
            }
            List<String> header = new ArrayList<>(List.of("prepared column"));
            for (int c = 0; c < Math.min(2, pc.loadings().length); c++) {
                header.add("PC" + (c + 1) + " loading");
            }
            sb.append(Html.table(header, loadings, new boolean[] {false, true, true}, "loadings"));
        }
        return sb.toString();
    }

    private static String provenance(SegmentCard card) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("data", ReportPage.text(card.data())));
        rows.add(List.of("rows read / fitted", card.rows() + " / " + card.rowsFitted()));
        rows.add(List.of("seed", Long.toString(card.seed())));
        rows.add(List.of("Occam", ReportPage.text(card.occamVersion())));
        return Html.table(List.of("what", "value"), rows, new boolean[] {false, false}, "provenance");
    }

    private static ObjectNode chartData(SegmentCard card, SegmentReportData data) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode stability = root.putArray("stability");
        for (SegmentCard.Candidate c : ReportPage.list(card.candidates())) {
            if (!Double.isNaN(c.stability())) {
                ObjectNode x = stability.addObject();
                x.put("method", c.method());
                x.put("segments", c.segments());
                x.put("stability", c.stability());
                x.put("sd", Double.isNaN(c.stabilitySd()) ? 0 : c.stabilitySd());
                x.put("chosen", c.chosen());
            }
        }
        ObjectNode segments = root.putObject("segments");
        ArrayNode axes = segments.putArray("axis_names");
        List<String> names = data == null || data.axisNames() == null ? List.of("PC1", "PC2") : data.axisNames();
        names.forEach(axes::add);
        ArrayNode groups = segments.putArray("groups");
        int k = ReportPage.list(card.profiles()).size();
        for (int s = 1; s <= k; s++) {
            SegmentCard.Profile p = card.profiles().get(s - 1);
            ObjectNode g = groups.addObject();
            g.put("name", "Segment " + s + " (" + Math.round(100 * p.share()) + "%)");
            ArrayNode points = g.putArray("points");
            if (data != null && data.points() != null) {
                for (double[] point : data.points()) {
                    if ((int) point[2] == s) {
                        points.addArray().add(point[0]).add(point[1]);
                    }
                }
            }
        }
        return root;
    }
}
