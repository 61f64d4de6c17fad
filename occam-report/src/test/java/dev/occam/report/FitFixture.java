package dev.occam.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a real fit wrote, checked in as test resources ({@code synthetic-credit/fit}; its README says how it was
 * made and how to regenerate it): a small credit-like table, four candidates including a complex one, a protected
 * attribute with a proxy, a question with markup to escape. The report tests read it instead of fitting, so they
 * need no training code; occam-cli's {@code ReportFixtureTest} checks that it still matches what {@code occam fit}
 * writes.
 */
final class FitFixture {

    static final String RESOURCE = "/synthetic-credit/fit/";
    static final String[] FILES = {"card.json", "leaderboard.json", "model.json", "report-data.json"};

    private FitFixture() {
    }

    /** A fresh copy of the fit's output folder (card, leaderboard, model, report data; no report yet). */
    static Path copy(Path into) throws IOException {
        Files.createDirectories(into);
        for (String name : FILES) {
            try (InputStream in = FitFixture.class.getResourceAsStream(RESOURCE + name)) {
                if (in == null) {
                    throw new IllegalStateException("test resource " + RESOURCE + name + " is missing");
                }
                Files.copy(in, into.resolve(name));
            }
        }
        return into;
    }
}
