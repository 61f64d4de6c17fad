package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_fitFolder_sectionsInOrderAndEscaped() throws Exception {
        Path folder = FitFixture.copy(dir.resolve("fit"));
        String html = Files.readString(ReportWriter.write(folder));
        int last = -1;
        for (String id : List.of("id=\"verdict\"", "id=\"leaderboard\"", "id=\"curves\"", "id=\"model\"",
                "id=\"examples\"", "id=\"fairness\"", "id=\"data\"", "id=\"provenance\"")) {
            int at = html.indexOf("<section " + id);
            assertTrue(at > last, id + " out of order or missing");
            last = at;
        }
        assertTrue(html.contains("Will this applicant &lt;fail&gt; to repay?"), "the question is not escaped");
        assertFalse(html.contains("<fail>"));
        assertFalse(html.contains("{{"), "a placeholder was left");
    }

    @Test
    void write_existingReport_replacedAtomicallyWithNoTemporaryFileLeft() throws Exception {
        Path folder = FitFixture.copy(dir.resolve("fit"));
        Files.writeString(folder.resolve(ReportWriter.FILE_NAME), "old");
        ReportWriter.write(folder);
        assertTrue(Files.readString(folder.resolve(ReportWriter.FILE_NAME)).startsWith("<!DOCTYPE html>"));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
    }

    @Test
    void write_noCard_oneLineErrorNamingTheFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(dir));
        assertTrue(e.getMessage().contains(dir + " has no card.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve(ReportWriter.FILE_NAME)));
    }

    @Test
    void write_cardOnly_rendersWithEmptySections() throws Exception {
        Files.writeString(dir.resolve("card.json"), "{\"name\": \"bare\", \"success\": {\"met\": false,"
                + " \"verdict\": \"Nothing was chosen.\"}}");
        String html = Files.readString(ReportWriter.write(dir));
        assertTrue(html.contains("Nothing was chosen."));
        assertTrue(html.contains("No leaderboard.json in the folder."));
        assertTrue(html.contains("class=\"verdict not-met\""));
    }
}
