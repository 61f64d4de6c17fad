package dev.occam.cli;

import dev.occam.core.jobs.SegmentJob;
import dev.occam.results.SegmentCard;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a segmentation fit as a person reads it: the data, the ladder, the verdict, the segments and the rule. */
final class SegmentPrinter {

    private SegmentPrinter() {
    }

    static void print(SegmentJob.Outcome outcome, PrintWriter out) {
        SegmentCard c = outcome.card();
        out.println(String.format(Locale.ROOT, "%s: %,d rows, %d columns segmented on (%s)%s", c.useCase(), c.rows(),
                c.columns().size(), String.join(", ", c.columns()), c.excluded().isEmpty() ? ""
                        : "; set aside: " + String.join(", ", c.excluded())));
        c.notes().forEach(n -> out.println("note: " + n));
        out.println(String.format(Locale.ROOT, "%-4s %-22s %8s %7s %10s %6s %10s %-15s %s", "rung", "method",
                "segments", "params", "BIC", "gap", "silhouette", "stability (sd)", ""));
        for (SegmentCard.Candidate r : c.candidates()) {
            String stability = Double.isNaN(r.stability()) ? "-"
                    : String.format(Locale.ROOT, "%.3f (%.3f)", r.stability(), r.stabilitySd());
            out.println(String.format(Locale.ROOT, "%-4d %-22s %8d %7d %10s %6s %10s %-15s %s", r.rung(), r.method(),
                    r.segments(), r.parameters(), r.bic() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.bic()),
                    r.gap() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.gap()),
                    Double.isNaN(r.silhouette()) ? "-" : String.format(Locale.ROOT, "%.3f", r.silhouette()),
                    stability, r.chosen() ? "<- chosen" : ""));
        }
        c.verdict().forEach(out::println);
        out.println("Segments:");
        c.profiles().forEach(p -> out.println("  " + p.summary()));
        out.println(String.format(Locale.ROOT, "Membership rule (a tree of depth %d; it puts %.0f%% of the rows in "
                + "their own segment):", c.membershipRule().depth(), 100 * c.membershipRule().accuracy()));
        c.membershipRule().rules().forEach(r -> out.println("  " + r));
        out.println("Wrote model.json, card.json, leaderboard.json, report-data.json and report.html to "
                + outcome.directory());
    }
}
