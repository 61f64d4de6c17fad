package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.report.ReportWriter;
import dev.occam.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * occam-report's tests read a fit folder checked into its test resources instead of fitting (so they need no
 * training code). This fits the same use case with the current code, as {@code occam fit} does, and checks that the
 * checked-in folder still has the fields a fit writes today and that the report renders from both, so the fixture
 * cannot silently drift. When it fails, regenerate the fixture with the command in its README.
 */
class ReportFixtureTest {

    static final Path FIXTURE = Path.of("..", "occam-report", "src", "test", "resources", "synthetic-credit");
    static final List<String> DOCUMENTS = List.of("card.json", "leaderboard.json", "model.json", "report-data.json");

    @TempDir
    static Path dir;

    static Path fresh;

    @BeforeAll
    static void fitTheFixturesUseCase() {
        fresh = dir.resolve("fresh");
        CliRun fit = CliRun.of("fit", FIXTURE.resolve("usecase.yaml").toString(), "--out", fresh.toString());
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err());
    }

    @Test
    void fixture_freshFitOfItsUseCase_sameFieldsInEveryDocument() throws Exception {
        for (String name : DOCUMENTS) {
            Set<String> now = fields(Results.MAPPER.readTree(fresh.resolve(name).toFile()));
            Set<String> checkedIn = fields(Results.MAPPER.readTree(FIXTURE.resolve("fit").resolve(name).toFile()));
            Set<String> missing = new TreeSet<>(now);
            missing.removeAll(checkedIn);
            Set<String> extra = new TreeSet<>(checkedIn);
            extra.removeAll(now);
            assertTrue(missing.isEmpty() && extra.isEmpty(), name + " of the fixture " + FIXTURE.resolve("fit")
                    + " differs from what occam fit writes today: it lacks " + missing + " and has " + extra
                    + ", which a fit no longer writes; regenerate it (see its README.md)");
            assertTrue(now.size() > 10, name + " has only " + now);
        }
    }

    @Test
    void fixture_freshFitOfItsUseCase_sameChoiceAndSuccess() throws Exception {
        JsonNode now = Results.MAPPER.readTree(fresh.resolve("card.json").toFile());
        JsonNode checkedIn = Results.MAPPER.readTree(FIXTURE.resolve("fit").resolve("card.json").toFile());
        assertEquals("logistic", checkedIn.at("/selection/chosen").asText());
        assertEquals(checkedIn.at("/selection/chosen"), now.at("/selection/chosen"));
        assertEquals(checkedIn.at("/success/met"), now.at("/success/met"));
    }

    @Test
    void report_freshFitAndFixture_bothRenderEverySection() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("fixture"));
        for (String name : DOCUMENTS) {
            Files.copy(FIXTURE.resolve("fit").resolve(name), copy.resolve(name));
        }
        for (Path folder : List.of(fresh, copy)) {
            String html = Files.readString(ReportWriter.write(folder));
            int last = -1;
            for (String id : List.of("verdict", "leaderboard", "curves", "model", "examples", "fairness", "data",
                    "provenance")) {
                int at = html.indexOf("<section id=\"" + id + "\"");
                assertTrue(at > last, folder + ": section " + id + " out of order or missing");
                last = at;
            }
            assertFalse(html.contains("{{"), folder + ": a placeholder was left");
            assertTrue(html.contains("Will this applicant &lt;fail&gt; to repay?"), folder + ": the question");
        }
    }

    /**
     * Every field path of a document, array elements merged ({@code candidates[].auc}): the shape a fit writes,
     * not its numbers, which the machine's timings and any change of method may move.
     */
    static Set<String> fields(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                paths.add(child);
                collect(field.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, path + "[]", paths);
            }
        }
    }
}
