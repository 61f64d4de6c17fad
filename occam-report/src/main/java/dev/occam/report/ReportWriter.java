package dev.occam.report;

import dev.occam.results.ForecastResults;
import dev.occam.results.Results;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.AtomicFiles;
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
        if (ForecastResults.isForecast(outputDirectory)) {
            return ForecastReport.write(outputDirectory);
        }
        if (dev.occam.results.Recommendation.isRecommendation(outputDirectory)) {
            Path report = outputDirectory.resolve(FILE_NAME);
            AtomicFiles.write(report, RecommendationPage.render(outputDirectory).getBytes(StandardCharsets.UTF_8));
            return report;
        }
        if (SegmentReportPage.isSegmentation(outputDirectory)) {
            // A segmentation's folder (task: segment) has documents of its own and a page of its own.
            Path report = outputDirectory.resolve(FILE_NAME);
            AtomicFiles.write(report, SegmentReportPage.render(outputDirectory).getBytes(StandardCharsets.UTF_8));
            return report;
        }
        Results results = Results.read(outputDirectory);
        Path model = outputDirectory.resolve("model.json");
        ReportInputs inputs = new ReportInputs(results.card(), results.leaderboard(), results.reportData(),
                Files.isRegularFile(model) ? ModelFile.load(model).describe() : null);
        Path report = outputDirectory.resolve(FILE_NAME);
        AtomicFiles.write(report, ReportPage.render(inputs).getBytes(StandardCharsets.UTF_8));
        return report;
    }
}
