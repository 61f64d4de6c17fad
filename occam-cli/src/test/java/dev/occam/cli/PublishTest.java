package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, point 1: a retrain never takes a model offline, and publishing is an explicit step; point 3: the card
 * names the model it describes. Data: {@code safety/README.md}.
 */
class PublishTest {

    static final Path SAFETY = Path.of("src", "test", "resources", "safety");

    @TempDir
    static Path dir;

    static Path met;
    static Path missed;
    static Path rule;
    static CliRun metRun;
    static CliRun missedRun;
    static CliRun ruleRun;

    /** One fit of each kind into folders of their own. */
    @BeforeAll
    static void fitEach() {
        met = dir.resolve("met");
        missed = dir.resolve("missed");
        rule = dir.resolve("rule");
        metRun = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", met.toString(), "--threads", "1");
        missedRun = CliRun.of("fit", SAFETY.resolve("missed.yaml").toString(), "--out", missed.toString(),
                "--threads", "1");
        ruleRun = CliRun.of("fit", SAFETY.resolve("rule.yaml").toString(), "--out", rule.toString(), "--threads", "1");
    }

    @Test
    void fit_card_namesTheSha256OfItsModelFile() throws Exception {
        assertEquals(OccamCommand.OK, metRun.exitCode(), metRun.err());
        String named = Json.MAPPER.readTree(met.resolve("card.json").toFile()).get("model_sha256").asText();
        assertEquals(PublishCommand.sha256(Files.readAllBytes(met.resolve("model.json"))), named);
    }

    @Test
    void fit_missedBarOverAModelThatMetIt_keepsTheModelAndSaysWhereTheNewRunIs() throws Exception {
        Path served = copyOfMet("served-missed");
        byte[] before = Files.readAllBytes(served.resolve("model.json"));
        CliRun run = CliRun.of("fit", SAFETY.resolve("missed.yaml").toString(), "--out", served.toString(),
                "--threads", "1");
        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err());
        assertArrayEquals(before, Files.readAllBytes(served.resolve("model.json")), "the served model was replaced");
        assertTrue(run.err().contains("occam: kept " + served + " as it was: it holds a model whose fit met its"
                + " success bar, and this run missed its success bar"), run.err());
    }

    @Test
    void fit_ruleWinsOverAModelThatMetItsBar_modelFileStays() throws Exception {
        assertFalse(Files.exists(rule.resolve("model.json")), "today's rule won: " + ruleRun.out());
        Path served = copyOfMet("served-rule");
        byte[] before = Files.readAllBytes(served.resolve("model.json"));
        CliRun run = CliRun.of("fit", SAFETY.resolve("rule.yaml").toString(), "--out", served.toString(),
                "--threads", "1");
        assertArrayEquals(before, Files.readAllBytes(served.resolve("model.json")), "the served model was removed");
        assertTrue(run.err().contains("this run chose nothing deployable (current-rule)"), run.err());
    }

    @Test
    void fit_metBarOverAnEarlierModel_replacesTheWholeSet() throws Exception {
        Path served = copyOfMet("served-again");
        CliRun run = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", served.toString(),
                "--threads", "1");
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(served), "the output folder is a link to its current set");
        assertEquals(1, Files.list(served.resolveSibling("." + served.getFileName() + ".occam"))
                .filter(Files::isDirectory).count(), "the previous set is deleted once replaced");
    }

    @Test
    void publish_missedBar_refusedUnlessForced() throws Exception {
        assertEquals(OccamCommand.SUCCESS_NOT_MET, missedRun.exitCode(), missedRun.err());
        Path models = dir.resolve("models-missed");
        CliRun refused = CliRun.of("publish", missed.toString(), models.resolve("signal").toString());
        assertEquals(OccamCommand.USER_ERROR, refused.exitCode());
        assertTrue(refused.isOneLineError() && refused.err().contains("missed its success bar")
                && refused.err().contains("--force"), refused.err());
        assertFalse(Files.exists(models.resolve("signal").resolve("versions").resolve("1")));
        CliRun forced = CliRun.of("publish", missed.toString(), models.resolve("signal").toString(), "--force");
        assertEquals(OccamCommand.OK, forced.exitCode(), forced.err());
        assertTrue(Files.isRegularFile(models.resolve("signal/versions/1/model.json")));
    }

    @Test
    void publish_twice_versionsOneAndTwoWithModelAndCard() throws Exception {
        Path models = dir.resolve("models-met");
        CliRun first = CliRun.of("publish", met.toString(), models.resolve("signal").toString());
        CliRun second = CliRun.of("publish", met.toString(), models.resolve("signal").toString());
        assertEquals(OccamCommand.OK, first.exitCode(), first.err());
        assertTrue(second.out().startsWith("published signal version 2 (logistic)"), second.out());
        for (String v : new String[] {"1", "2"}) {
            Path version = models.resolve("signal/versions").resolve(v);
            assertArrayEquals(Files.readAllBytes(met.resolve("model.json")),
                    Files.readAllBytes(version.resolve("model.json")));
            assertTrue(Files.isRegularFile(version.resolve("card.json")));
        }
        try (var left = Files.list(models.resolve("signal/versions"))) {
            assertEquals(2, left.count(), "no staging folder is left behind");
        }
    }

    @Test
    void publish_noDeployableModel_refusedEvenWhenForced() {
        CliRun run = CliRun.of("publish", rule.toString(), dir.resolve("models-rule/signal").toString(), "--force");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("chose no deployable model (chosen: current-rule)"),
                run.err());
    }

    @Test
    void publish_modelNotTheOneTheCardNames_refused() throws Exception {
        Path mixed = copyOfMet("mixed");
        Files.copy(missed.resolve("model.json"), mixed.resolve("model.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun run = CliRun.of("publish", mixed.toString(), dir.resolve("models-mixed/signal").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains("mixes two fits"), run.err());
    }

    /** A real folder holding the met fit's outputs, as an older Occam or a copy by hand leaves them. */
    private static Path copyOfMet(String name) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(met)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        return copy;
    }
}
