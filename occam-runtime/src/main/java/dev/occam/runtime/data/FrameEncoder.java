package dev.occam.runtime.data;

/**
 * Reads a frame's rows in a schema's encoding: columns matched by name, category codes translated through their
 * level names (a frame loaded from new data numbers its levels its own way), a level the schema does not know
 * read as missing. {@code Model} and the segmentation read new data through it, so both read a file alike.
 */
public final class FrameEncoder {

    private final Schema schema;
    private final Column[] columns;
    private final int[][] codeMap;
    private final int rows;

    /** @throws IllegalArgumentException naming the column the frame lacks, or a numeric column holding text */
    public FrameEncoder(Schema schema, Frame frame) {
        this.schema = schema;
        this.rows = frame.rows();
        columns = new Column[schema.size()];
        codeMap = new int[schema.size()][];
        for (int j = 0; j < schema.size(); j++) {
            Feature f = schema.feature(j);
            if (!frame.hasColumn(f.name())) {
                throw new IllegalArgumentException("the data has no column '" + f.name()
                        + "', which the model needs; it has " + frame.schema().names());
            }
            Column c = frame.column(f.name());
            columns[j] = c;
            if (f.isNumeric() && c instanceof CategoricalColumn cc) {
                int bad = 0;
                while (bad < cc.size() - 1 && cc.isMissing(bad)) {
                    bad++; // the first row that holds text
                }
                throw new IllegalArgumentException("column '" + f.name() + "' must be numeric, but row " + (bad + 1)
                        + " holds '" + cc.level(bad) + "'");
            }
            if (f.isCategorical() && c instanceof CategoricalColumn cc) {
                int[] map = new int[cc.levels().size()];
                for (int k = 0; k < map.length; k++) {
                    map[k] = f.code(cc.levels().get(k));
                }
                codeMap[j] = map;
            }
        }
    }

    /** How many rows the frame has. */
    public int rows() {
        return rows;
    }

    /** Row {@code i} encoded against the schema. */
    public double[] row(int i) {
        double[] x = new double[columns.length];
        rowInto(i, x);
        return x;
    }

    /** Row {@code i} written into {@code x} (as long as the schema), every value of it: no allocation per row. */
    public void rowInto(int i, double[] x) {
        for (int j = 0; j < x.length; j++) {
            Column c = columns[j];
            if (c instanceof CategoricalColumn cc) {
                int code = cc.code(i);
                int mapped = code < 0 ? -1 : codeMap[j][code];
                x[j] = mapped < 0 ? Double.NaN : mapped;
            } else {
                double v = ((NumericColumn) c).value(i);
                // A category read as a number in new data (levels "0"/"1"): look it up by its text.
                x[j] = schema.feature(j).isNumeric() || Double.isNaN(v) ? v : schema.encodeValue(j, v);
            }
        }
    }

    /**
     * Rows {@code from .. from + length - 1} written row-major into {@code tile} (row r at {@code r * width}, width
     * the schema's size), each value as {@link #rowInto} writes it. Read a column at a time: each column's slice is
     * read contiguously (through its index for a view), where row by row every value is a jump of a column's length.
     */
    public void rowsInto(int from, int length, double[] tile) {
        int width = columns.length;
        for (int j = 0; j < width; j++) {
            Column c = columns[j];
            if (c instanceof CategoricalColumn cc) {
                int[] map = codeMap[j];
                for (int r = 0; r < length; r++) {
                    int code = cc.code(from + r);
                    int mapped = code < 0 ? -1 : map[code];
                    tile[r * width + j] = mapped < 0 ? Double.NaN : mapped;
                }
            } else if (schema.feature(j).isNumeric()) {
                NumericColumn nc = (NumericColumn) c;
                for (int r = 0; r < length; r++) {
                    tile[r * width + j] = nc.value(from + r);
                }
            } else {
                NumericColumn nc = (NumericColumn) c;
                for (int r = 0; r < length; r++) {
                    double v = nc.value(from + r);
                    tile[r * width + j] = Double.isNaN(v) ? v : schema.encodeValue(j, v);
                }
            }
        }
    }
}
