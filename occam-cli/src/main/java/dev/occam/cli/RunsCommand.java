package dev.occam.cli;

import dev.occam.runtime.io.OutputSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code occam runs [DIR]}: the runs kept beside an output folder ({@link OutputSet#runs}), oldest first, each with
 * its time, chosen model, metric and whether it met its bar; DIR may also be a folder of output folders
 * ({@code out/}), whose every output folder is listed.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Lists the runs kept beside an output folder (DIR/.<name>.occam/), oldest first: time, chosen"
        + " model, metric and whether the success bar was met; '*' marks the run DIR points at. DIR may be an output"
        + " folder or a folder of them (default: out). Name a run as DIR@N in 'occam compare'.")
final class RunsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "an output folder of 'occam fit', or"
            + " a folder of them (default: out)")
    Path dir = Path.of("out");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new Errors.UserError(dir + ": no such folder");
        }
        List<Path> outputs = outputFolders(dir);
        if (outputs.isEmpty()) {
            throw new Errors.UserError(dir + " holds no runs of 'occam fit' (they are kept in .<name>.occam/ beside"
                    + " the output folder)");
        }
        List<String[]> rows = new ArrayList<>();
        for (Path output : outputs) {
            List<Path> runs = OutputSet.runs(output);
            Path current = OutputSet.current(output);
            for (int i = 0; i < runs.size(); i++) {
                Path run = runs.get(i);
                rows.add(new String[] {display(output) + "@" + (i + 1) + (run.equals(current) ? " *" : ""),
                    run.toString()});
            }
        }
        int width = Math.max(3, rows.stream().mapToInt(r -> r[0].length()).max().orElse(0));
        List<String[]> cells = new ArrayList<>();
        for (String[] r : rows) {
            cells.add(cells(Path.of(r[1])));
        }
        // The metric column as wide as its widest entry: a metric with a parameter (recall_at_precision_0.9) is long.
        int metricWidth = Math.max(22, cells.stream().filter(c -> c.length > 2).mapToInt(c -> c[3].length()).max()
                .orElse(0));
        String format = "%-" + width + "s %-19s %-10s %-16s %-" + metricWidth + "s %s";
        out.println(String.format(Locale.ROOT, format, "run", "time", "task", "chosen", "metric", "bar met"));
        for (int i = 0; i < rows.size(); i++) {
            String[] c = cells.get(i);
            out.println(c.length > 2 ? String.format(Locale.ROOT, format, rows.get(i)[0], c[0], c[1], c[2], c[3], c[4])
                    : String.format(Locale.ROOT, "%-" + width + "s %-19s %s", rows.get(i)[0], c[0], c[1]));
        }
        out.flush();
        return OccamCommand.OK;
    }

    /** A run's time, task, chosen model, metric with its value, and whether the bar was met; or its time and why not. */
    private static String[] cells(Path run) {
        String time = timeOf(run);
        try {
            RunSummary s = RunSummary.read(run);
            return new String[] {time, s.task(), s.chosen() == null ? "-" : s.chosen(),
                s.metric() + " " + RunSummary.format(s.value()), s.met() ? "yes" : "no"};
        } catch (IOException | RuntimeException e) {
            return new String[] {time, "unreadable: " + e.getMessage()};
        }
    }

    /** The folder itself when it is an output folder (it has a store), else the output folders inside it. */
    private static List<Path> outputFolders(Path dir) throws IOException {
        if (Files.isDirectory(OutputSet.storeOf(dir))) {
            return List.of(dir);
        }
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.occam")) {
                for (Path store : s) {
                    String n = store.getFileName().toString();
                    found.add(dir.resolve(n.substring(1, n.length() - ".occam".length())));
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** A run's time from its folder's name ({@code yyyyMMdd-HHmmss...}), as {@code yyyy-MM-dd HH:mm:ss}. */
    static String timeOf(Path run) {
        String n = run.getFileName().toString();
        if (n.length() < 15 || !n.substring(0, 8).chars().allMatch(Character::isDigit)) {
            return "?";
        }
        return n.substring(0, 4) + "-" + n.substring(4, 6) + "-" + n.substring(6, 8) + " " + n.substring(9, 11) + ":"
                + n.substring(11, 13) + ":" + n.substring(13, 15);
    }

    private static String display(Path p) {
        return p.normalize().toString();
    }

    /**
     * A run named as {@code occam runs} lists it, {@code DIR@N} (N counted from 1, oldest first; {@code DIR@0} the
     * newest, {@code DIR@-1} the one before it), or an output folder (the run it points at), or a run folder itself.
     *
     * @throws Errors.UserError when there is no such run
     */
    static Path resolve(String name) throws IOException {
        int at = name.lastIndexOf('@');
        if (at > 0) {
            Path output = Path.of(name.substring(0, at));
            int n;
            try {
                n = Integer.parseInt(name.substring(at + 1).strip());
            } catch (NumberFormatException e) {
                throw new Errors.UserError(name + ": the run number after '@' must be a whole number, as 'occam runs"
                        + " " + output + "' lists them");
            }
            List<Path> runs = OutputSet.runs(output);
            int index = n > 0 ? n - 1 : runs.size() - 1 + n;
            if (runs.isEmpty() || index < 0 || index >= runs.size()) {
                throw new Errors.UserError(name + ": no such run; " + output + " has " + runs.size()
                        + " (see 'occam runs " + output + "')");
            }
            return runs.get(index);
        }
        Path p = Path.of(name);
        if (!Files.isDirectory(p)) {
            throw new Errors.UserError(name + ": no such run or output folder");
        }
        return p.toRealPath();
    }
}
