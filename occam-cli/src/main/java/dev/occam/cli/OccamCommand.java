package dev.occam.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code occam} command. Each subcommand only translates arguments into one call of the core and
 * its result back into text and an exit code; no modelling happens here.
 *
 * <p>Exit codes: 0 done; 1 internal error (a bug: please report it); 2 the input is wrong (the message
 * says what); 3 the fit ran but the use case's success bar is not met.
 */
@Command(name = "occam", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Finds the simplest model that works, proves it, and writes it down.",
        subcommands = {InitCommand.class, FitCommand.class, PredictCommand.class, ExplainCommand.class,
            ReportCommand.class, PublishCommand.class, ServeCommand.class, ExportCommand.class, RunsCommand.class,
            CompareCommand.class,
            CommandLine.HelpCommand.class})
public final class OccamCommand implements Runnable {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USER_ERROR = 2;
    public static final int SUCCESS_NOT_MET = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new OccamCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("occam: " + ex.getMessage());
            err.println("run 'occam " + ex.getCommandLine().getCommandName() + " --help' for usage");
            return USER_ERROR;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"occam " + dev.occam.core.card.Versions.occam()};
        }
    }
}
