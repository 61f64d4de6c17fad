package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailTest {

    @TempDir
    Path dir;

    private static Model withRanges() {
        Frame training = new Frame(List.of(new NumericColumn("income", new double[] {100, 959, Double.NaN, 300}),
                new CategoricalColumn("home", List.of("own", "rent", "other"), new int[] {0, 1, 2, 1})));
        return ModelFileTest.logisticPipeline().withTypicalValues(training);
    }

    private static Row row(Object income, Object home) {
        Map<String, Object> v = new HashMap<>();
        v.put("income", income);
        v.put("home", home);
        return Row.of(v);
    }

    @Test
    void check_outsideRangeAndUnseenLevel_flagsEachWithTheBound() {
        List<Guardrail> flags = Guardrail.check(withRanges(), row(1000.0, "boat"));
        assertEquals(new Guardrail("income", "above the training range (max 959)"), flags.get(0));
        assertTrue(flags.get(1).issue().startsWith("unseen category 'boat'"), flags.toString());
        assertEquals(List.of(new Guardrail("income", "below the training range (min 100)")),
                Guardrail.check(withRanges(), row(99.5, "own")));
        assertEquals(List.of(), Guardrail.check(withRanges(), row(959.0, null)));
    }

    @Test
    void saveThenLoad_ranges_keptAndOldFilesWithoutRangesStillLoad() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.save(withRanges(), file);
        Model loaded = Occam.load(file);
        assertEquals(959.0, loaded.typicalValues().max(0));
        assertEquals(100.0, loaded.typicalValues().min(0));
        assertTrue(Double.isNaN(loaded.typicalValues().min(1)));

        // A file as Occam wrote it before ranges were recorded: typical values, no "ranges" block.
        Model m = withRanges();
        Model old = new Model(m.family(), m.target(), m.preparation(), m.scorer(), m.decision(),
                new TypicalValues(m.schema(), new double[] {300, 1}));
        Path oldFile = dir.resolve("old.json");
        ModelFile.save(old, oldFile);
        assertTrue(!Files.readString(oldFile).contains("\"ranges\""));
        Model fromOld = Occam.load(oldFile);
        assertTrue(!fromOld.typicalValues().hasRange(0));
        assertEquals(List.of(), Guardrail.check(fromOld, row(1e9, "own")));
    }
}
