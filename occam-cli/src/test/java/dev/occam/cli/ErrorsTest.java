package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which exceptions are told as the user's mistake, and which as a bug. */
class ErrorsTest {

    private final StringWriter err = new StringWriter();

    private int handle(Exception e) {
        CommandLine cl = new CommandLine(new OccamCommand());
        cl.setErr(new PrintWriter(err, true));
        return new Errors().handleExecutionException(e, cl, null);
    }

    @Test
    void illegalArgumentWithAMessage_isTheUsersMistakeToldAsItIs() {
        assertEquals(OccamCommand.USER_ERROR, handle(new IllegalArgumentException("--threads must be >= 1: 0")));
        assertEquals("occam: --threads must be >= 1: 0", err.toString().strip());
    }

    @Test
    void illegalArgumentWithoutAMessage_isABugNotPrintedAsNull() {
        // A library's own check (ForkJoinPool's parallelism limit threw this way) has nothing to tell the user.
        assertEquals(OccamCommand.INTERNAL_ERROR, handle(new IllegalArgumentException()));
        String said = err.toString().strip();
        assertTrue(said.startsWith("occam: internal error: java.lang.IllegalArgumentException"), said);
        assertTrue(!said.contains("null"), said);
    }
}
