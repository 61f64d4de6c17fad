package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void terminal_estimatesTimeLeftFromThePaceSoFar() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), true);

        printer.foldDone("boosting", 4, 5, 20, 10.0);

        // 10 s for 5 folds: 15 folds left at that pace is 30 s, said as an estimate, not as a bound.
        assertTrue(out.toString().contains("fold 5/20  10 s elapsed, about 30 s left"), out.toString());
        assertFalse(out.toString().contains("at least"), out.toString());
    }

    @Test
    void log_oneLinePerCandidateWithTheEstimate() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), false);

        printer.foldDone("boosting", 4, 1, 4, 2.0);
        printer.foldDone("boosting", 4, 2, 4, 4.0);
        printer.foldDone("logistic", 2, 3, 4, 4.5);

        assertEquals(java.util.List.of(
                "fitting boosting (rung 4), 2.0 s elapsed, about 6 s left",
                "fitting logistic (rung 2), 4.5 s elapsed, about 2 s left"), out.toString().lines().toList());
    }
}
