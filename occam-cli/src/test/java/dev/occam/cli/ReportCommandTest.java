package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return OccamCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void report_folderWithCard_rendersReportAgain() throws Exception {
        Files.writeString(dir.resolve("card.json"), "{\"name\": \"again\", \"success\": {\"met\": true,"
                + " \"verdict\": \"The use case is met.\"}}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(OccamCommand.OK, run(out, err, "report", dir.toString()), err.toString());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("The use case is met."));
        assertEquals("wrote " + dir.resolve("report.html"), out.toString().strip());
    }

    @Test
    void report_folderWithoutCard_oneLineErrorExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(OccamCommand.USER_ERROR, run(out, err, "report", dir.toString()));
        assertEquals("occam: " + dir + " has no card.json; run 'occam fit USECASE --out " + dir + "' first",
                err.toString().strip());
    }
}
