package dev.occam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code occam compare RUN_A RUN_B}: what changed between two runs: the chosen model, the metric against the bar,
 * the verdict, and every candidate's value side by side.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Compares two runs of 'occam fit': chosen model, metric and success bar, verdict, and the"
        + " leaderboards side by side. A run is DIR@N as 'occam runs' lists it (DIR@0: the newest, DIR@-1: the one"
        + " before), an output folder (the run it points at), or a run folder.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the first run (the older, usually)")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the second run")
    String b;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path runA = RunsCommand.resolve(a);
        Path runB = RunsCommand.resolve(b);
        RunSummary x = RunSummary.read(runA);
        RunSummary y = RunSummary.read(runB);
        PrintWriter out = spec.commandLine().getOut();
        out.println("A: " + a + " (" + RunsCommand.timeOf(runA) + ", " + runA + ")");
        out.println("B: " + b + " (" + RunsCommand.timeOf(runB) + ", " + runB + ")");
        if (!x.task().equals(y.task()) || !x.metric().equals(y.metric())) {
            out.println(String.format(Locale.ROOT, "note: the runs measure different things (%s %s, %s %s);"
                    + " their numbers are not comparable", x.task(), x.metric(), y.task(), y.metric()));
        }
        out.println("chosen:  " + change(x.chosen(), y.chosen()));
        out.println(String.format(Locale.ROOT, "%s:%s %s -> %s (%s)", x.metric(), " ".repeat(Math.max(1,
                8 - x.metric().length())), RunSummary.format(x.value()), RunSummary.format(y.value()),
                difference(x.value(), y.value())));
        out.println(String.format(Locale.ROOT, "bar:     %s %s -> %s %s; met: %s", x.direction().replace('_', ' '),
                RunSummary.format(x.bar()), y.direction().replace('_', ' '), RunSummary.format(y.bar()),
                change(x.met() ? "yes" : "no", y.met() ? "yes" : "no")));
        if (Objects.equals(x.verdict(), y.verdict())) {
            out.println("verdict: the same: " + x.verdict());
        } else {
            out.println("verdict: A: " + x.verdict());
            out.println("         B: " + y.verdict());
        }
        out.println(String.format(Locale.ROOT, "%-22s %10s %10s %10s", "candidate", "A", "B", "B - A"));
        Map<String, RunSummary.Entry[]> rows = new LinkedHashMap<>();
        x.candidates().forEach(e -> rows.computeIfAbsent(e.id(), k -> new RunSummary.Entry[2])[0] = e);
        y.candidates().forEach(e -> rows.computeIfAbsent(e.id(), k -> new RunSummary.Entry[2])[1] = e);
        for (Map.Entry<String, RunSummary.Entry[]> r : rows.entrySet()) {
            RunSummary.Entry ea = r.getValue()[0];
            RunSummary.Entry eb = r.getValue()[1];
            out.println(String.format(Locale.ROOT, "%-22s %10s %10s %10s", r.getKey(), cell(ea), cell(eb),
                    ea == null || eb == null ? (ea == null ? "only in B" : "only in A")
                            : difference(ea.value(), eb.value())));
        }
        out.println("(* chosen; ! not eligible)");
        out.flush();
        return OccamCommand.OK;
    }

    private static String cell(RunSummary.Entry e) {
        if (e == null) {
            return "-";
        }
        return RunSummary.format(e.value()) + (e.chosen() ? "*" : !e.eligible() ? "!" : "");
    }

    private static String change(String from, String to) {
        String f = from == null ? "nothing" : from;
        String t = to == null ? "nothing" : to;
        return f.equals(t) ? f + " (unchanged)" : f + " -> " + t;
    }

    private static String difference(double from, double to) {
        if (Double.isNaN(from) || Double.isNaN(to)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.4f", to - from);
    }
}
