package dev.occam.report;

import dev.occam.results.Recommendation;
import dev.occam.results.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The report of a {@code task: recommend} fit: the verdict and its reasons, the leaderboard (every rung's NDCG@10,
 * recall@10, MAP@10, coverage and popularity, the comparison with the best), the compared metric by rung as bars
 * with their intervals (SVG drawn here, no script), the settings tried, a few users' lists with reasons, the data.
 */
final class RecommendationPage {

    private static final int BAR_WIDTH = 560;
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 150;

    private RecommendationPage() {
    }

    /** Reads {@code card.json} and {@code leaderboard.json} of a recommendation fit. */
    static String render(Path dir) throws IOException {
        Recommendation.Card card = Results.read(dir.resolve(Results.CARD), Recommendation.Card.class);
        Path boardFile = dir.resolve(Results.LEADERBOARD);
        Recommendation.Leaderboard board = Files.isRegularFile(boardFile)
                ? Results.read(boardFile, Recommendation.Leaderboard.class) : null;
        return render(card, board);
    }

    static String render(Recommendation.Card card, Recommendation.Leaderboard board) {
        Map<String, String> v = new HashMap<>();
        boolean met = card.success() != null && card.success().met();
        v.put("title", Objects.requireNonNullElse(card.name(), "Occam report"));
        v.put("question", Objects.requireNonNullElse(card.question(), ""));
        v.put("verdict_class", met ? "met" : "not-met");
        v.put("verdict_word", met ? "Success bar met" : "Success bar not met");
        v.put("verdict", card.success() == null ? "No verdict in the card." : card.success().verdict());
        v.put("reasons", Html.list(list(card.reasons())));
        v.put("split", board == null ? "No leaderboard in this folder" : board.split());
        v.put("test_users", board == null ? "" : String.format(Locale.ROOT, "%,d", board.testUsers()));
        v.put("held_out", board == null ? "" : String.format(Locale.ROOT, "%,d", board.heldOutInteractions()));
        v.put("test", board == null ? "" : board.test());
        v.put("compared_on", board == null ? "" : board.comparedOn().toUpperCase(Locale.ROOT));
        v.put("held_out_popularity", board == null ? "" : board.rungs().stream().filter(r -> r.failure() == null)
                .findFirst().map(r -> Html.number(r.heldOutPopularity())).orElse("—"));
        v.put("leaderboard_table", board == null ? "" : table(board));
        v.put("bars", board == null ? "" : bars(board));
        v.put("trials", board == null ? "" : trials(board));
        v.put("example_length", Integer.toString(list(card.examples()).stream().mapToInt(e -> e.recommended().size())
                .max().orElse(0)));
        v.put("examples", examples(list(card.examples())));
        v.put("data", data(card));
        List<String> notes = list(card.notes());
        v.put("notes", notes.isEmpty() ? "" : "<h3>Notes</h3>" + Html.list(notes));
        return Template.resource("recommendation.html").render(v);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String table(Recommendation.Leaderboard board) {
        List<List<String>> rows = new ArrayList<>();
        for (Recommendation.Rung r : board.rungs()) {
            String versus = r.failure() != null ? r.failure()
                    : r.differenceVsBest() == null ? "best"
                    : String.format(Locale.ROOT, "%+.3f (%+.3f to %+.3f), %s", r.differenceVsBest(), r.differenceLow(),
                            r.differenceHigh(), r.pValueVsBest() < 0.001 ? "p<0.001"
                                    : String.format(Locale.ROOT, "p=%.3f", r.pValueVsBest()));
            rows.add(List.of(r.chosen() ? "chosen" : "", Integer.toString(r.rung()), r.model(), Html.number(r.ndcg()),
                    Html.number(r.recall()), Html.number(r.map()),
                    Double.isNaN(r.coverage()) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * r.coverage()),
                    Html.number(r.recommendedPopularity()), versus,
                    r.parameters() == null ? "—" : String.format(Locale.ROOT, "%,d", r.parameters()),
                    Html.number(r.tuneSeconds() + r.fitSeconds()), Html.number(r.scoreMicrosPerUser())));
        }
        return Html.table(List.of("", "rung", "model", "NDCG@10", "recall@10", "MAP@10", "coverage", "popularity",
                board.comparedOn().toUpperCase(Locale.ROOT) + " vs best (CI)", "parameters", "tune + fit s",
                "µs per list"), rows, new boolean[] {false, true, false, true, true, true, true, true, false, true, true, true},
                "leaderboard");
    }

    /** The compared metric of each rung as a horizontal bar, with the best's value as a line. */
    private static String bars(Recommendation.Leaderboard board) {
        List<Recommendation.Rung> fitted = board.rungs().stream().filter(r -> r.failure() == null).toList();
        double max = 0;
        for (Recommendation.Rung r : fitted) {
            max = Math.max(max, compared(board, r));
        }
        if (fitted.isEmpty() || !(max > 0)) {
            return "<p class=\"empty\">No rung scored above 0.</p>";
        }
        int height = BAR_HEIGHT * fitted.size() + 8;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"bars\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                LABEL_WIDTH + BAR_WIDTH + 60, height, LABEL_WIDTH + BAR_WIDTH + 60, height,
                Html.escape(board.comparedOn() + " by rung")));
        int y = 4;
        for (Recommendation.Rung r : fitted) {
            double value = compared(board, r);
            double w = Math.max(0, value / max * BAR_WIDTH);
            sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 15, Html.escape(r.model())));
            sb.append(String.format(Locale.ROOT, "<rect%s x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"></rect>",
                    r.chosen() ? " class=\"chosen\"" : "", LABEL_WIDTH, y + 3, w, BAR_HEIGHT - 6));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", LABEL_WIDTH + w + 4, y + 15,
                    Html.escape(String.format(Locale.ROOT, "%.3f", value))));
            y += BAR_HEIGHT;
        }
        return sb.append("</svg>").toString();
    }

    private static double compared(Recommendation.Leaderboard board, Recommendation.Rung r) {
        return switch (board.comparedOn()) {
            case "recall@10" -> r.recall();
            case "map@10" -> r.map();
            default -> r.ndcg();
        };
    }

    private static String trials(Recommendation.Leaderboard board) {
        List<List<String>> rows = new ArrayList<>();
        for (Recommendation.Rung r : board.rungs()) {
            for (Recommendation.Trial t : list(r.trials())) {
                rows.add(List.of(r.model(), t.setting(), Html.number(t.validationNdcg()),
                        t.setting().equals(r.setting()) ? "kept" : ""));
            }
            if (list(r.trials()).isEmpty()) {
                rows.add(List.of(r.model(), r.setting(), "—", "the only setting"));
            }
        }
        return Html.table(List.of("model", "setting", "validation NDCG@10", ""), rows, new boolean[] {false, false, true,
            false}, "trials");
    }

    private static String examples(List<Recommendation.Example> examples) {
        if (examples.isEmpty()) {
            return "<p class=\"empty\">No model was shipped, so there are no example lists.</p>";
        }
        StringBuilder sb = new StringBuilder();
        for (Recommendation.Example e : examples) {
            sb.append("<div class=\"example\"><h3>").append(Html.escape(e.user())).append("</h3><h4>has</h4><p>")
                    .append(Html.escape(e.history().isEmpty() ? "no history in the model" : String.join(", ", e.history())))
                    .append("</p><h4>recommended</h4><ol>");
            for (Recommendation.Item i : e.recommended()) {
                sb.append("<li><b>").append(Html.escape(i.item())).append("</b>: ").append(Html.escape(i.reason()))
                        .append("</li>");
            }
            sb.append("</ol></div>");
        }
        return sb.toString();
    }

    private static String data(Recommendation.Card card) {
        Recommendation.Data d = card.data();
        List<List<String>> rows = new ArrayList<>();
        if (d != null) {
            rows.add(List.of("source", d.source()));
            rows.add(List.of("rows read", String.format(Locale.ROOT, "%,d", d.rows())));
            rows.add(List.of("interactions kept (distinct " + d.user() + ", " + d.item() + " pairs)",
                    String.format(Locale.ROOT, "%,d", d.interactions())));
            rows.add(List.of(d.user() + " values", String.format(Locale.ROOT, "%,d", d.users())));
            rows.add(List.of(d.item() + " values", String.format(Locale.ROOT, "%,d", d.items())));
        }
        rows.add(List.of("chosen", card.chosen() == null ? "none" : card.chosen() + " " + card.setting()));
        rows.add(List.of("written by", Objects.requireNonNullElse(card.createdBy(), "")));
        return Html.table(List.of("", ""), rows, null, "data");
    }
}
