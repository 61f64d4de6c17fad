package dev.occam.runtime.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to score, as named values: numbers ({@link Number} or numeric text), category levels
 * (text), or null for missing. Immutable.
 */
public final class Row {

    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Row of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return new Row(new LinkedHashMap<>(values));
    }

    public Object get(String name) {
        return values.get(name);
    }

    public Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "Row" + values;
    }
}
