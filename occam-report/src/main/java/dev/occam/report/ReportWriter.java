package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code report.html} into the output folder of {@code occam fit}: one self-contained page (scripts,
 * styles and chart data inlined; no network request) for the stakeholders of the use case. Reads
 * {@code card.json} (required), {@code leaderboard.json}, {@code model.json} and {@code report-data.json}
 * (each optional: a section without its data says so). Written atomically, so a reader never sees half a page.
 */
public final class ReportWriter {

    public static final String FILE_NAME = "report.html";

    private ReportWriter() {
    }

    /**
     * @return the written report
     * @throws IllegalArgumentException when the folder has no {@code card.json} (the message says what to run)
     * @throws IOException when a file cannot be read or the report cannot be written
     */
    public static Path write(Path outputDirectory) throws IOException {
        Path card = outputDirectory.resolve("card.json");
        if (!Files.isRegularFile(card)) {
            throw new IllegalArgumentException(outputDirectory + " has no card.json; run 'occam fit USECASE --out "
                    + outputDirectory + "' first");
        }
        Path model = outputDirectory.resolve("model.json");
        ReportInputs inputs = new ReportInputs(Json.MAPPER.readTree(card.toFile()),
                optional(outputDirectory.resolve("leaderboard.json")),
                optional(outputDirectory.resolve("report-data.json")),
                Files.isRegularFile(model) ? ModelFile.load(model).describe() : null);
        Path report = outputDirectory.resolve(FILE_NAME);
        AtomicFiles.write(report, ReportPage.render(inputs).getBytes(StandardCharsets.UTF_8));
        return report;
    }

    private static JsonNode optional(Path file) throws IOException {
        return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : JsonNodeFactory.instance.objectNode();
    }
}
