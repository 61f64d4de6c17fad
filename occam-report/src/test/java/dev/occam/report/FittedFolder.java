package dev.occam.report;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.usecase.UseCaseReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Real fits shared by the report tests: a small synthetic credit-like table (a numeric signal, a
 * categorical one, noise, a protected attribute with a proxy, a question with markup to escape), four
 * candidates including a complex one; and the shipped credit example with its whole ladder.
 */
final class FittedFolder {

    private static Path fitted;
    private static Path credit;

    private FittedFolder() {
    }

    /** A fresh copy of the fit's output folder (card, leaderboard, model, report data; no report yet). */
    static synchronized Path copy(Path into) throws Exception {
        if (fitted == null) {
            fitted = fit();
        }
        Files.createDirectories(into);
        for (String name : new String[] {"card.json", "leaderboard.json", "model.json", "report-data.json"}) {
            Files.copy(fitted.resolve(name), into.resolve(name));
        }
        return into;
    }

    /** A fresh copy of the output folder of the shipped credit example, fitted as a user fits it (once). */
    static synchronized Path copyCredit(Path into) throws Exception {
        if (credit == null) {
            Path out = Files.createTempDirectory("occam-report-credit").resolve("out");
            new FitJob(UseCaseReader.read(Path.of("..", "examples", "credit", "usecase.yaml")), out, null).run();
            credit = out;
        }
        Files.createDirectories(into);
        for (String name : new String[] {"card.json", "leaderboard.json", "model.json", "report-data.json"}) {
            Files.copy(credit.resolve(name), into.resolve(name));
        }
        return into;
    }

    private static Path fit() throws Exception {
        Path dir = Files.createTempDirectory("occam-report-fit");
        Files.writeString(dir.resolve("data.csv"), data(600, 11));
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n",
                "name: synthetic-credit",
                "question: Will this applicant <fail> to repay?",
                "data:",
                "  path: data.csv",
                "target: status",
                "positive: bad",
                "success:",
                "  metric: auc",
                "  at_least: 0.6",
                "selection:",
                "  folds: 3",
                "  repeats: 1",
                "  candidates: [baseline, logistic, tree, random-forest]",
                "fairness:",
                "  protected: [region]",
                ""));
        Path out = dir.resolve("out");
        new FitJob(UseCaseReader.read(file), out, null).run();
        return out;
    }

    private static String data(int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] regions = {"north", "south", "east"};
        String[] jobs = {"fixed", "partime", "freelance"};
        StringBuilder sb = new StringBuilder("income,debt,job,noise,region,status\n");
        for (int i = 0; i < n; i++) {
            String region = regions[r.nextInt(regions.length)];
            double income = 1000 + r.nextDouble() * 3000 + (region.equals("north") ? 800 : 0);
            double debt = r.nextDouble() * 2000;
            String job = jobs[r.nextInt(jobs.length)];
            double z = -1.5 + (debt - income / 2) / 600 + (job.equals("freelance") ? 0.8 : 0);
            boolean bad = r.nextDouble() < 1 / (1 + Math.exp(-z));
            sb.append(String.format(Locale.ROOT, "%.0f,%s,%s,%.4f,%s,%s%n", income,
                    i % 37 == 0 ? "" : String.format(Locale.ROOT, "%.0f", debt), job, r.nextDouble(), region,
                    bad ? "bad" : "good"));
        }
        return sb.toString();
    }
}
