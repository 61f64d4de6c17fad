package dev.occam.cli;

import dev.occam.core.data.DataException;
import dev.occam.core.usecase.UseCaseException;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on standard error and an exit code. A user's mistake (bad use case,
 * bad data, a file that is not there) is told plainly, with no stack trace; anything else is a bug and
 * says so. Set {@code OCCAM_DEBUG=1} to see the stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        var err = cl.getErr();
        if (System.getenv("OCCAM_DEBUG") != null) {
            e.printStackTrace(err);
        }
        String message;
        int code;
        // An IllegalArgumentException of Occam's names the value; one without a message came from a library
        // Occam called wrongly, which is a bug, not the user's mistake.
        if (e instanceof UseCaseException || e instanceof DataException || e instanceof UserError
                || e instanceof IllegalArgumentException && e.getMessage() != null) {
            message = e.getMessage();
            code = OccamCommand.USER_ERROR;
        } else if (e instanceof NoSuchFileException nf) {
            message = nf.getFile() + ": no such file";
            code = OccamCommand.USER_ERROR;
        } else if (e instanceof IOException) {
            message = e.getMessage();
            code = OccamCommand.USER_ERROR;
        } else {
            message = "internal error: " + e + " (set OCCAM_DEBUG=1 for the stack trace, and please report it)";
            code = OccamCommand.INTERNAL_ERROR;
        }
        err.println("occam: " + message);
        err.flush();
        if (cl.getCommand() instanceof FitCommand fit && fit.json) {
            // --json promises a summary on standard output whatever happens.
            var o = Json.MAPPER.createObjectNode();
            o.put("error", message);
            o.put("exit_code", code);
            cl.getOut().println(o.toString());
            cl.getOut().flush();
        }
        return code;
    }

    /** A mistake in how the command was called, told to the user as it is. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }
}
