package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.card.Versions;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.segment.GaussianMixtures;
import dev.occam.core.segment.PrincipalComponents;
import dev.occam.core.segment.SegmentPreparer;
import dev.occam.core.segment.SegmentProfiles;
import dev.occam.core.segment.SegmentSelection;
import dev.occam.core.segment.SegmentationLadder;
import dev.occam.core.usecase.SegmentUseCase;
import dev.occam.results.Results;
import dev.occam.results.SegmentCard;
import dev.occam.results.SegmentLeaderboard;
import dev.occam.results.SegmentReportData;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.FrameEncoder;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.segment.CovarianceModel;
import dev.occam.runtime.segment.SegmentModel;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code occam fit} for a {@code task: segment} use case: reads the rows (CSV, Parquet or SQL, through
 * {@link DataLoader}), sets the excluded columns aside, plays the {@link SegmentationLadder} (on a seeded sample of
 * at most {@code selection.max_rows} rows), chooses by {@link SegmentSelection}, assigns every row with the chosen
 * segmentation, profiles the segments on every row, and writes {@code model.json} ({@value SegmentationFile#FORMAT}),
 * {@code card.json}, {@code leaderboard.json} and {@code report-data.json}, each atomically. The report is rendered
 * from them by the caller ({@code ReportWriter}).
 */
public final class SegmentJob {

    /** A categorical column with more levels than this is not segmented on (an identifier or free text). */
    static final int MAX_LEVELS = 50;
    /** The most sentences of contrast in a segment's one-line summary. */
    static final int SUMMARY_CONTRASTS = 3;

    /** What the job wrote. */
    public record Outcome(SegmentCard card, SegmentLeaderboard leaderboard, Path directory) {

        public boolean successMet() {
            return card.success().met();
        }
    }

    private final SegmentUseCase useCase;
    private final Path directory;

    public SegmentJob(SegmentUseCase useCase, Path directory) {
        this.useCase = useCase;
        this.directory = directory;
    }

    /**
     * @throws DataException when the data cannot be read
     * @throws IllegalArgumentException when the data do not fit the use case (the message names the column)
     * @throws IOException when the outputs cannot be written
     */
    public Outcome run() throws DataException, IOException {
        DataSource source = new DataSource(useCase.data().path(), useCase.data().sql(), useCase.data().jdbc(),
                useCase.data().baseDirectory());
        Frame table = DataLoader.load(source);
        List<String> notes = new ArrayList<>();
        Frame frame = columnsToSegment(table, notes);
        SegmentUseCase.Settings settings = useCase.settings();
        boolean categorical = frame.columns().stream().anyMatch(c -> c instanceof CategoricalColumn);
        if (useCase.success().metric().equals("bic") && categorical) {
            throw new IllegalArgumentException("success.metric bic needs numeric columns only (a Gaussian mixture), but "
                    + categoricalNames(frame) + " are categorical; use stability or silhouette");
        }
        if (frame.rows() < 10) {
            throw new IllegalArgumentException("segments need at least 10 rows; the data has " + frame.rows());
        }
        int[] fittedRows = sample(frame.rows(), settings.maxRows(), settings.seed());
        Frame fitted = fittedRows.length == frame.rows() ? frame : frame.select(fittedRows);
        if (fittedRows.length < frame.rows()) {
            notes.add("The ladder was fitted on a seeded sample of " + fittedRows.length + " of the " + frame.rows()
                    + " rows (selection.max_rows); every row is assigned and profiled with the chosen segmentation.");
        }
        SegmentationLadder.Options options = new SegmentationLadder.Options(settings.maxSegments(), 20,
                settings.resamples(), 2000, settings.seed());
        SegmentationLadder.Result ladder = SegmentationLadder.fit(fitted, options);
        List<SegmentationLadder.Candidate> candidates = ladder.candidates();
        noteMissingRungs(ladder, notes);
        SegmentSelection.Choice choice = SegmentSelection.choose(candidates);
        SegmentationLadder.Candidate chosen = candidates.get(choice.chosen());
        int k = chosen.segments();

        // Every row, with the chosen segmentation: the profiles and the rule describe the data, not the sample.
        FrameEncoder encoder = new FrameEncoder(fitted.schema(), frame);
        int[] labels = new int[frame.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = chosen.model().assign(encoder.row(i)).segment();
        }
        List<SegmentProfiles.Profile> profiles = SegmentProfiles.profiles(frame, labels, k);
        SegmentProfiles.MembershipRule rule = SegmentProfiles.membershipRule(frame, labels, k, 3);

        List<SegmentCard.Candidate> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            rows.add(row(i, candidates.get(i), ladder.mixtures(), i == choice.chosen(), choice.whyNot().get(i)));
        }
        SegmentCard.Candidate chosenRow = rows.get(choice.chosen());
        double value = switch (useCase.success().metric()) {
            case "stability" -> k == 1 ? Double.NaN : chosen.stability();
            case "silhouette" -> chosen.silhouette();
            default -> chosenRow.bic() == null ? Double.NaN : chosenRow.bic();
        };
        boolean met = useCase.success().isMet(value);
        List<String> verdict = new ArrayList<>(choice.reasons());
        verdict.add(0, verdictLine(chosen, value, met));

        List<SegmentCard.Profile> cardProfiles = profiles.stream().map(p -> new SegmentCard.Profile(p.segment(),
                p.size(), p.share(), summary(p), p.contrasts().stream()
                        .map(c -> new SegmentCard.Contrast(c.column(), c.score(), c.words())).toList())).toList();
        PrincipalComponents pca = ladder.components();
        SegmentCard card = new SegmentCard(SegmentCard.FORMAT, useCase.name(), useCase.question(), "segment",
                source.path() != null ? source.path().toString() : source.sql(), table.rows(), fitted.rows(), frame.schema().names(), useCase.data().exclude(),
                ladder.preparation(), new SegmentCard.Success(useCase.success().metric(), useCase.success().atLeast(),
                        value, met), chosenRow.method(), List.copyOf(verdict), List.copyOf(rows), cardProfiles,
                new SegmentCard.Rule(rule.rules(), rule.accuracy(), rule.depth()),
                new SegmentCard.Components(pca.names(), pca.explained(), pca.loadings()), List.copyOf(notes),
                settings.seed(), Versions.occam());
        SegmentLeaderboard leaderboard = new SegmentLeaderboard(SegmentLeaderboard.FORMAT, useCase.name(),
                useCase.success().metric(), "the simplest segmentation within one standard deviation of the most "
                        + "stable (bootstrap adjusted Rand index); numbers of segments by gap statistic and BIC",
                chosenRow.method(), List.copyOf(rows));
        SegmentReportData reportData = reportData(fitted, fittedRows, labels, pca, ladder);

        Files.createDirectories(directory);
        Segmentation segmentation = new Segmentation(useCase.name(), chosenRow.method(), fitted.schema(),
                chosen.model(), cardProfiles.stream().map(SegmentCard.Profile::summary).toList());
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.put("occam_version", Versions.occam());
        extra.put("seed", settings.seed());
        extra.put("rows_fitted", fitted.rows());
        SegmentationFile.save(segmentation, directory.resolve("model.json"), extra);
        AtomicFiles.write(directory.resolve(Results.LEADERBOARD), Results.bytes(leaderboard));
        AtomicFiles.write(directory.resolve(Results.REPORT_DATA), Results.bytes(reportData));
        AtomicFiles.write(directory.resolve(Results.CARD), Results.bytes(card));
        return new Outcome(card, leaderboard, directory);
    }

    /** The table without the excluded columns and without categorical columns too rich to segment on. */
    private Frame columnsToSegment(Frame table, List<String> notes) {
        List<String> excluded = useCase.data().exclude();
        for (String name : excluded) {
            if (!table.hasColumn(name)) {
                throw new IllegalArgumentException("data.exclude names column '" + name + "', which the data does not "
                        + "have; it has " + table.schema().names());
            }
        }
        Set<String> drop = new LinkedHashSet<>(excluded);
        for (Column c : table.columns()) {
            if (c instanceof CategoricalColumn cc && !drop.contains(c.name()) && cc.levels().size() > MAX_LEVELS) {
                drop.add(c.name());
                notes.add("Column '" + c.name() + "' has " + cc.levels().size() + " distinct values (an identifier or"
                        + " free text?), too many to segment on; it is set aside (list it in data.exclude to say so).");
            }
        }
        Frame frame = table.without(drop);
        if (frame.columnCount() == 0) {
            throw new IllegalArgumentException("no column is left to segment on after setting aside " + drop);
        }
        return frame;
    }

    /** Says why a rung of the ladder is missing from the leaderboard: its own criterion found one segment. */
    private static void noteMissingRungs(SegmentationLadder.Result ladder, List<String> notes) {
        List<SegmentationLadder.Candidate> c = ladder.candidates();
        if (c.stream().noneMatch(x -> x.method().equals("k-means"))) {
            notes.add("k-means is not listed: the gap statistic's 1-SE rule finds one segment (Gap(1) = "
                    + round(ladder.gap().gap()[0]) + ").");
        }
        if (ladder.mixtures() != null && c.stream().noneMatch(x -> x.method().startsWith("Gaussian mixture"))) {
            GaussianMixtures.Fit best = ladder.mixtures().best();
            notes.add("The Gaussian mixture is not listed: BIC prefers one component (" + best.model() + ", BIC "
                    + round(best.bic()) + ").");
        }
    }

    private static String categoricalNames(Frame frame) {
        return frame.columns().stream().filter(c -> c instanceof CategoricalColumn).map(c -> "'" + c.name() + "'")
                .toList().toString();
    }

    /** {@code max} row indices drawn without replacement by a seeded partial shuffle, in row order; all when fewer. */
    static int[] sample(int n, int max, long seed) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        if (n <= max) {
            return index;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] out = Arrays.copyOf(index, max);
        Arrays.sort(out);
        return out;
    }

    private static SegmentCard.Candidate row(int rung, SegmentationLadder.Candidate c,
            GaussianMixtures.Selection mixtures, boolean chosen, String whyNot) {
        Double bic = Double.isNaN(c.bic()) ? null : c.bic();
        if (bic == null && mixtures != null) {
            // k-means is the classification form of the spherical, equal-volume mixture (EII); the baseline is G = 1.
            GaussianMixtures.Fit eii = c.segments() == 1 ? bestOneComponent(mixtures)
                    : mixtures.fit(CovarianceModel.EII, c.segments());
            bic = eii == null || eii.failed() ? null : eii.bic();
        }
        return new SegmentCard.Candidate(rung + 1, c.method(), c.segments(), c.model().segmenter().parameterCount(),
                bic, Double.isNaN(c.gap()) ? null : c.gap(), c.silhouette(), c.segments() == 1 ? Double.NaN
                        : c.stability(), c.stabilitySd(), c.choice(), chosen, whyNot);
    }

    private static GaussianMixtures.Fit bestOneComponent(GaussianMixtures.Selection mixtures) {
        return mixtures.fits().stream().filter(f -> f.components() == 1 && !f.failed())
                .max((a, b) -> Double.compare(a.bic(), b.bic())).orElse(null);
    }

    private String verdictLine(SegmentationLadder.Candidate chosen, double value, boolean met) {
        SegmentUseCase.Success bar = useCase.success();
        String what = chosen.segments() == 1 ? "No segments found: the rows form one group"
                : "Chosen: " + chosen.method() + " with " + chosen.segments() + " segments";
        String measured = Double.isNaN(value) ? bar.metric() + " is undefined for a single segment"
                : bar.metric() + " " + round(value);
        return what + "; " + measured + (met ? ", meets the bar (" + bar.describe() + ")."
                : ", misses the bar (" + bar.describe() + ").");
    }

    /** "Segment 2, 18% of rows: spend high (median 920 vs 310 overall); ...". */
    static String summary(SegmentProfiles.Profile p) {
        String contrasts = p.summary(SUMMARY_CONTRASTS);
        return "Segment " + p.segment() + ", " + Math.round(100 * p.share()) + "% of rows (" + p.size() + ")"
                + (contrasts.isEmpty() ? "" : ": " + contrasts);
    }

    private static SegmentReportData reportData(Frame fitted, int[] fittedRows, int[] labels, PrincipalComponents pca,
            SegmentationLadder.Result ladder) {
        double[][] prepared = SegmentPreparer.prepare(fitted, false).numericRows();
        int axes = Math.min(2, pca.explained().length);
        List<double[]> points = new ArrayList<>(prepared.length);
        for (int i = 0; i < prepared.length; i++) {
            double[] s = pca.scores(prepared[i], axes);
            points.add(new double[] {round3(s[0]), axes > 1 ? round3(s[1]) : 0, labels[fittedRows[i]] + 1});
        }
        List<String> axisNames = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            axisNames.add(c < axes ? String.format(Locale.ROOT, "PC%d (%.0f%% of the variance)", c + 1,
                    100 * pca.explained()[c]) : "PC" + (c + 1));
        }
        List<SegmentReportData.Gap> gap = new ArrayList<>();
        for (int k = 0; k < ladder.gap().gap().length; k++) {
            gap.add(new SegmentReportData.Gap(k + 1, ladder.gap().gap()[k], ladder.gap().standardError()[k]));
        }
        return new SegmentReportData(SegmentReportData.FORMAT, axisNames, points, gap);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String round(double v) {
        return Json.number(Math.round(v * 1000) / 1000.0);
    }
}
