package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Decision;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.scorer.LinearScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, point 4: a numeric column with no value at all (DuckDB reads it as text) is scored as missing by
 * {@code occam predict}, as {@code occam explain} and {@code occam serve} (null) already did; before, predict refused
 * it.
 */
class AllMissingColumnTest {

    @TempDir
    Path dir;

    @Test
    void predictCsv_numericColumnAllNa_scoredAsMissingLikeExplain() throws Exception {
        Schema schema = new Schema(List.of(Feature.numeric("x1"), Feature.numeric("x2")));
        Model model = new Model("logistic", TargetInfo.classification("y", "1", "0"),
                List.of(new Imputation(schema, new double[] {0.25, -1.5})),
                new LinearScorer(schema, LinearScorer.Link.LOGIT, 0.1, new double[] {1.5, 0.5}, new boolean[2],
                        LinearScorer.Inference.fitOnly(3, Map.of())),
                new Decision.AtThreshold(0.5), null);
        Path modelFile = dir.resolve("model.json");
        ModelFile.save(model, modelFile);
        Path data = Files.writeString(dir.resolve("rows.csv"), "x1,x2\nNA,1.0\nNA,-2.0\n,0.5\n");

        String csv = PredictJob.predictCsv(modelFile, data);

        String[] lines = csv.split("\n");
        assertEquals(4, lines.length, csv);
        Map<String, Object> row = new HashMap<>();
        row.put("x1", null);
        row.put("x2", 1.0);
        double expected = model.predict(Row.of(row)).probability();
        assertEquals(expected, Double.parseDouble(lines[1].split(",")[1]), 0.0, csv);
        assertTrue(ExplainJob.explainRow(modelFile, data, 1).contains("x1"));
    }
}
