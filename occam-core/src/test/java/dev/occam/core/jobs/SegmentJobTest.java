package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.TestDatasets;
import dev.occam.core.segment.AdjustedRandIndex;
import dev.occam.core.usecase.SegmentUseCase;
import dev.occam.core.usecase.SegmentUseCaseReader;
import dev.occam.results.Results;
import dev.occam.results.SegmentCard;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.segment.SegmentPrediction;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmentation job end to end in core: iris with its species excluded (mclust's ARI with the species, 0.568 for
 * its VEV,2, is in src/test/resources/segment/summary.csv, produced by mclust_oracle.R), the same seed twice, and
 * the bar missed.
 */
class SegmentJobTest {

    /** mclust 6.0 {@code Mclust(iris[, 1:4])}: VEV, G = 2; its classification against the species. */
    private static final double MCLUST_IRIS_ARI = 0.568115942028986;

    @TempDir
    Path dir;

    private SegmentUseCase useCase(String extra) throws Exception {
        Path data = TestDatasets.path("iris.csv");
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, "name: iris-segments\nquestion: Which flowers are alike?\ntask: segment\n"
                + "data:\n  path: " + data.toAbsolutePath() + "\n  exclude: [Species]\n"
                + "success:\n  metric: stability\n  at_least: 0.6\n" + extra);
        return SegmentUseCaseReader.read(file);
    }

    @Test
    void run_irisWithoutSpecies_recoversSpeciesAtLeastAsWellAsMclust() throws Exception {
        SegmentJob.Outcome outcome = new SegmentJob(useCase("selection:\n  resamples: 10\n"), dir.resolve("out")).run();
        Segmentation s = SegmentationFile.load(dir.resolve("out/model.json"));
        Frame iris = TestDatasets.load("iris.csv");
        int[] species = ((CategoricalColumn) iris.column("Species")).codes();
        int[] segments = Arrays.stream(s.assign(iris)).mapToInt(SegmentPrediction::segment).toArray();
        double ari = AdjustedRandIndex.of(segments, species);
        assertTrue(ari >= MCLUST_IRIS_ARI, outcome.card().chosen() + ": ARI with the species " + ari
                + " below mclust's " + MCLUST_IRIS_ARI);
        SegmentCard card = Results.read(dir.resolve("out/card.json"), SegmentCard.class);
        assertEquals(card.profiles().size(), s.segmentCount());
        assertEquals(150, card.profiles().stream().mapToInt(SegmentCard.Profile::size).sum());
        assertTrue(card.profiles().get(0).summary().startsWith("Segment 1, "), card.profiles().get(0).summary());
        assertTrue(card.membershipRule().accuracy() > 0.8, "rule accuracy " + card.membershipRule().accuracy());
        assertEquals(4, card.principalComponents().explained().length);
        assertTrue(outcome.successMet(), card.verdict().toString());
        assertTrue(card.verdict().get(0).contains("meets the bar (stability at least 0.6)"), card.verdict().get(0));
        assertTrue(Files.isRegularFile(dir.resolve("out/leaderboard.json")));
        assertTrue(Files.isRegularFile(dir.resolve("out/report-data.json")));
    }

    @Test
    void run_sameSeedTwice_sameSegmentsAndModelFile() throws Exception {
        SegmentUseCase u = useCase("selection:\n  seed: 7\n  resamples: 4\n  max_segments: 4\n");
        new SegmentJob(u, dir.resolve("a")).run();
        new SegmentJob(u, dir.resolve("b")).run();
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.json")), Files.readAllBytes(dir.resolve("b/model.json")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/card.json")), Files.readAllBytes(dir.resolve("b/card.json")));
    }

    @Test
    void run_barAboveOne_missesAndSaysSo() throws Exception {
        Path file = dir.resolve("usecase.yaml");
        SegmentUseCase u = useCase("selection:\n  resamples: 3\n  max_segments: 3\n");
        SegmentUseCase strict = new SegmentUseCase(u.file(), u.name(), u.question(), u.data(),
                new SegmentUseCase.Success("silhouette", 0.99), u.settings());
        SegmentJob.Outcome outcome = new SegmentJob(strict, dir.resolve("out")).run();
        assertFalse(outcome.successMet());
        assertTrue(outcome.card().verdict().get(0).contains("misses the bar (silhouette at least 0.99)"),
                outcome.card().verdict().get(0));
        assertTrue(Files.exists(file));
    }

    @Test
    void run_excludedColumnNotInData_namesIt() throws Exception {
        SegmentUseCase u = useCase("");
        SegmentUseCase wrong = new SegmentUseCase(u.file(), u.name(), u.question(), new dev.occam.core.usecase.DataSpec(
                u.data().path(), null, null, java.util.List.of("customer_id"), false, u.data().baseDirectory()),
                u.success(), u.settings());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SegmentJob(wrong, dir.resolve("out")).run());
        assertTrue(e.getMessage().contains("'customer_id'"), e.getMessage());
    }

    @Test
    void sample_moreRowsThanMax_drawsDistinctSortedRowsReproducibly() {
        int[] a = SegmentJob.sample(1000, 100, 5);
        assertEquals(100, Arrays.stream(a).distinct().count());
        assertArrayEquals(a, SegmentJob.sample(1000, 100, 5));
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1]);
        }
        assertEquals(10, SegmentJob.sample(10, 100, 5).length);
    }
}
