package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JDBC result into a {@link Frame}, column by column into growing primitive arrays (a million rows
 * of boxed values would cost several times the memory). Numbers become {@link NumericColumn}s with
 * {@code NaN} for NULL; text, booleans, dates and times become {@link CategoricalColumn}s with their levels
 * in String order and NULL or empty text as missing.
 */
final class ResultReader {

    /** How a column's values are fetched. */
    private enum Kind {
        NUMBER,
        BOOLEAN,
        TEXT
    }

    /** Java classes drivers report for numbers that have no standard JDBC type (DuckDB's HUGEINT, UBIGINT). */
    private static final Set<String> NUMBER_CLASSES = Set.of(
            "java.math.BigInteger", "java.math.BigDecimal", "java.lang.Long", "java.lang.Integer",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float");

    private ResultReader() {
    }

    /**
     * @param label names the source at the start of error messages
     * @throws DataException when the result has no columns, a nameless or repeated column name, or a column
     *     that is neither a number nor text (a list, a struct, binary data)
     */
    static Frame read(ResultSet rs, String label) throws SQLException, DataException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        if (n == 0) {
            throw new DataException(label + ": the result has no columns");
        }
        String[] names = new String[n];
        Kind[] kinds = new Kind[n];
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < n; j++) {
            String name = meta.getColumnLabel(j + 1);
            if (name == null || name.isBlank()) {
                throw new DataException(label + ": column " + (j + 1) + " has no name; name it (in SQL, with AS)");
            }
            if (!seen.add(name)) {
                throw new DataException(label + ": column '" + name
                        + "' appears more than once; give each column its own name (in SQL, with AS)");
            }
            names[j] = name;
            kinds[j] = kind(meta.getColumnType(j + 1), meta.getColumnClassName(j + 1));
            if (kinds[j] == null) {
                throw new DataException(label + ": column '" + name + "' has type " + meta.getColumnTypeName(j + 1)
                        + ", which is neither a number nor text; convert it or leave it out (in SQL, with CAST)");
            }
        }

        NumberBuffer[] numbers = new NumberBuffer[n];
        TextBuffer[] texts = new TextBuffer[n];
        for (int j = 0; j < n; j++) {
            if (kinds[j] == Kind.NUMBER) {
                numbers[j] = new NumberBuffer();
            } else {
                texts[j] = new TextBuffer();
            }
        }
        while (rs.next()) {
            for (int j = 0; j < n; j++) {
                int c = j + 1;
                switch (kinds[j]) {
                    case NUMBER -> {
                        double v = rs.getDouble(c);
                        numbers[j].add(rs.wasNull() ? Double.NaN : v);
                    }
                    case BOOLEAN -> {
                        boolean b = rs.getBoolean(c);
                        texts[j].add(rs.wasNull() ? null : Boolean.toString(b));
                    }
                    case TEXT -> texts[j].add(rs.getString(c));
                    default -> throw new AssertionError(kinds[j]);
                }
            }
        }

        List<Column> columns = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            columns.add(numbers[j] != null ? numbers[j].column(names[j]) : texts[j].column(names[j]));
        }
        return new Frame(columns);
    }

    /** The kind for a JDBC type, or null when the column can be neither a number nor a category. */
    private static Kind kind(int jdbcType, String className) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.NUMERIC, Types.DECIMAL -> Kind.NUMBER;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            // Dates and times are categories for now: their text as the driver renders it.
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TEXT;
            // Vendor types: numbers by their Java class, the rest (enums, UUIDs, intervals) by their text.
            case Types.OTHER, Types.JAVA_OBJECT -> NUMBER_CLASSES.contains(className) ? Kind.NUMBER : Kind.TEXT;
            default -> null;
        };
    }

    /** A growing {@code double[]}. */
    private static final class NumberBuffer {

        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        NumericColumn column(String name) {
            return new NumericColumn(name, Arrays.copyOf(values, size));
        }
    }

    /** Dictionary-codes text as it arrives, in first-seen order; {@link #column} re-codes to sorted levels. */
    private static final class TextBuffer {

        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> levels = new ArrayList<>();
        private int[] values = new int[1024];
        private int size;

        void add(String text) {
            int code = CategoricalColumn.MISSING;
            if (text != null && !text.isEmpty()) {
                Integer known = codes.get(text);
                if (known == null) {
                    known = levels.size();
                    codes.put(text, known);
                    levels.add(text);
                }
                code = known;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = code;
        }

        CategoricalColumn column(String name) {
            String[] sorted = levels.toArray(new String[0]);
            Arrays.sort(sorted);
            int[] recode = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                recode[codes.get(sorted[i])] = i;
            }
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = values[i] == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : recode[values[i]];
            }
            return new CategoricalColumn(name, Arrays.asList(sorted), out);
        }
    }
}
