package dev.occam.cli;

import dev.occam.core.data.DataException;
import dev.occam.core.usecase.UseCaseException;
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
        if (e instanceof UseCaseException || e instanceof DataException || e instanceof IllegalArgumentException
                || e instanceof UserError) {
            err.println("occam: " + e.getMessage());
            return OccamCommand.USER_ERROR;
        }
        if (e instanceof NoSuchFileException nf) {
            err.println("occam: " + nf.getFile() + ": no such file");
            return OccamCommand.USER_ERROR;
        }
        if (e instanceof IOException) {
            err.println("occam: " + e.getMessage());
            return OccamCommand.USER_ERROR;
        }
        err.println("occam: internal error: " + e + " (set OCCAM_DEBUG=1 for the stack trace, and please report it)");
        return OccamCommand.INTERNAL_ERROR;
    }

    /** A mistake in how the command was called, told to the user as it is. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }
}
