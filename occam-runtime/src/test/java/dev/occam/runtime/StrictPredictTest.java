package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Model#predictStrict}: unknown and missing keys refused, by name, as {@code occam serve --strict} does. */
class StrictPredictTest {

    private static final Model MODEL = ModelFileTest.logisticPipeline();

    @Test
    void predictStrict_everyFeatureGiven_sameAsPredict() {
        Map<String, Object> values = Map.of("income", 420.0, "home", "rent");

        assertEquals(MODEL.predict(values).probability(), MODEL.predictStrict(values).probability(), 0.0);
    }

    @Test
    void predictStrict_nullValue_isAMissingValueGivenOnPurpose() {
        Map<String, Object> values = new HashMap<>();
        values.put("income", null);
        values.put("home", "own");

        assertEquals(MODEL.predict(values).probability(), MODEL.predictStrict(values).probability(), 0.0);
    }

    @Test
    void predictStrict_misspeltKey_namesTheUnknownAndTheMissingKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MODEL.predictStrict(Map.of("Income", 420.0, "home", "rent", "id", 7)));

        assertEquals("unknown keys 'Income', 'id' (the model reads [income, home]); missing key 'income' (put null"
                + " for a value that is not known)", e.getMessage());
        // The lenient call scores the same map, income as missing.
        MODEL.predict(Map.of("Income", 420.0, "home", "rent", "id", 7));
    }

    @Test
    void predictStrict_emptyMap_namesEveryFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MODEL.predictStrict(Map.of()));

        assertEquals("missing keys 'income', 'home' (put null for a value that is not known)", e.getMessage());
    }
}
