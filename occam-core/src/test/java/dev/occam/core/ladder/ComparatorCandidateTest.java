package dev.occam.core.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseException;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code selection.candidates: [..., {id: vendor, learner: onnx, path: vendor.onnx}]}: read, resolved against the
 * use case's folder, placed on rung 0, never in the default ladder; and without the occam-onnx module the user is
 * told which module to add (ONNX Runtime is not a dependency of the core: occam-onnx tests the scoring).
 */
class ComparatorCandidateTest {

    private static final Path FILE = Path.of("project", "usecase.yaml").toAbsolutePath();
    private static final String USE_CASE = """
            name: demo
            question: Will it rain tomorrow?
            data:
              path: weather.csv
            target: rain
            success:
              metric: auc
              at_least: 0.7
            selection:
              candidates: [logistic, %s]
            """;

    @Test
    void read_onnxCandidate_pathResolvedAgainstTheUseCaseFolderAndPlacedOnRungZero() throws UseCaseException {
        UseCase useCase = UseCaseReader.parse(USE_CASE.formatted(
                "{id: vendor, learner: onnx, path: models/vendor.onnx, options: {output: score}}"), FILE);
        List<Candidate> candidates = Ladder.candidates(Task.CLASSIFICATION, useCase.candidates(), null, Map.of());
        Candidate.OfComparator vendor = (Candidate.OfComparator) candidates.get(0);
        assertEquals("vendor", vendor.id());
        assertEquals(FILE.getParent().resolve("models/vendor.onnx").normalize(), vendor.path());
        assertEquals("score", vendor.output());
        assertEquals(0, vendor.rung());
        assertFalse(vendor.deployable());
        assertEquals("logistic", candidates.get(1).id());
    }

    @Test
    void read_onnxCandidateWithoutPath_refusedSayingWhatToWrite() {
        UseCaseException e = assertThrows(UseCaseException.class,
                () -> UseCaseReader.parse(USE_CASE.formatted("{id: vendor, learner: onnx}"), FILE));
        assertTrue(e.getMessage().contains("needs path") && e.getMessage().contains("learner: onnx, path: vendor.onnx"),
                e.getMessage());
    }

    @Test
    void read_noCandidatesListed_defaultLadderHasNoOnnxCandidate() throws UseCaseException {
        UseCase useCase = UseCaseReader.parse(USE_CASE.replace("  candidates: [logistic, %s]\n", "  alpha: 0.05\n"),
                FILE);
        assertFalse(useCase.candidateFamilies().contains(Candidate.ONNX), useCase.candidateFamilies().toString());
    }

    @Test
    void find_withoutTheOnnxModule_namesTheModuleToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ComparatorRuntime.find("onnx"));
        assertTrue(e.getMessage().contains("occam-onnx") && e.getMessage().contains("OCCAM_ONNX=1"), e.getMessage());
    }
}
