package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearScorerTest {

    @TempDir
    Path dir;

    private static final Schema INPUT = new Schema(List.of(Feature.numeric("a"), Feature.numeric("b"),
            Feature.numeric("c"), Feature.numeric("d")));

    /** A lasso-like scorer: one coefficient shrunk to zero, one column aliased, fit statistics only. */
    private static LinearScorer penalised() {
        Map<String, Double> fit = new LinkedHashMap<>();
        fit.put("lambda", 0.0123);
        fit.put("nonzero", 2.0);
        return new LinearScorer(INPUT, LinearScorer.Link.LOGIT, -0.5, new double[] {0.25, 0.0, -1.5, 0.0},
                new boolean[] {false, false, false, true}, LinearScorer.Inference.fitOnly(5, fit));
    }

    @Test
    void parameterCount_zeroAndAliasedCoefficients_notCounted() {
        assertEquals(3, penalised().parameterCount());
    }

    @Test
    void saveAndLoad_fitStatisticsWithoutTermInference_kept() throws Exception {
        Model model = Model.of("lasso", TargetInfo.classification("default", "yes", "no"), penalised());
        Path file = dir.resolve("lasso.json");
        ModelFile.save(model, file);
        String text = Files.readString(file);
        assertFalse(text.contains("std_error"), text);
        assertFalse(text.contains("\"statistic\""), text);
        assertTrue(text.contains("\"lambda\" : 0.0123"), text);

        LinearScorer loaded = (LinearScorer) ModelFile.load(file).scorer();
        assertNull(loaded.inference().statistic());
        assertFalse(loaded.inference().hasTermInference());
        assertEquals(penalised().inference().fit(), loaded.inference().fit());
        assertEquals(3, loaded.parameterCount());
        assertEquals(penalised().describe(), loaded.describe());
        assertTrue(loaded.describe().contains("lambda: 0.0123"), loaded.describe());
        assertFalse(loaded.describe().contains("std. error"), loaded.describe());
    }
}
