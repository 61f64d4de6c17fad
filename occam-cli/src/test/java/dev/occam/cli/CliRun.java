package dev.occam.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code occam} command: exit code and both streams. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OccamCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output is one line, starts with "occam: " and holds no stack trace. */
    boolean isOneLineError() {
        String e = err.strip();
        return e.startsWith("occam: ") && !e.contains("\n") && !e.contains("\tat ") && !e.contains("Exception");
    }
}
