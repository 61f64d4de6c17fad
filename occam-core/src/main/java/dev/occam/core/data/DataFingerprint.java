package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which data a model saw, as {@code sha256:<hex>}, for provenance: the same data give the same
 * fingerprint, and any change to them gives another.
 */
public final class DataFingerprint {

    private static final String PREFIX = "sha256:";

    private DataFingerprint() {
    }

    /**
     * The fingerprint of a loaded source: of the file's bytes for a file source; for a query, of the query
     * text and the loaded frame's content (a query's text alone does not pin the data it returns). A JDBC
     * URL is left out, as it may carry credentials and does not change what the data are.
     *
     * @param frame the frame {@link DataLoader#load} returned for {@code source}
     * @throws DataException when the file cannot be read
     */
    public static String of(DataSource source, Frame frame) throws DataException {
        Objects.requireNonNull(source, "source");
        if (source.path() != null) {
            return ofFile(source.resolvedPath());
        }
        MessageDigest digest = sha256();
        update(digest, source.sql());
        update(digest, ofFrame(frame));
        return PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of a file's bytes, as {@code sha256:<hex>}.
     *
     * @throws DataException naming the file when it is missing or unreadable
     */
    public static String ofFile(Path file) throws DataException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
        return PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of a frame's content, as {@code sha256:<hex>}: column by column in frame order, each its
     * name, type, levels and values (numbers by their bits, with one {@code NaN}; categories by their
     * codes). Two frames with equal content have equal fingerprints whichever source they came from.
     */
    public static String ofFrame(Frame frame) {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        buffer.putInt(frame.columnCount()).putInt(frame.rows());
        for (Column column : frame.columns()) {
            flush(digest, buffer);
            update(digest, column.name());
            update(digest, column.feature().type().name());
            if (column instanceof NumericColumn numeric) {
                for (double v : numeric.values()) {
                    if (buffer.remaining() < Long.BYTES) {
                        flush(digest, buffer);
                    }
                    buffer.putLong(Double.doubleToLongBits(v)); // collapses every NaN into one
                }
            } else if (column instanceof CategoricalColumn categorical) {
                buffer.putInt(categorical.levels().size());
                flush(digest, buffer);
                for (String level : categorical.levels()) {
                    update(digest, level);
                }
                for (int code : categorical.codes()) {
                    if (buffer.remaining() < Integer.BYTES) {
                        flush(digest, buffer);
                    }
                    buffer.putInt(code);
                }
            }
        }
        flush(digest, buffer);
        return PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so that ("ab", "c") and ("a", "bc") differ. */
    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static void flush(MessageDigest digest, ByteBuffer buffer) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
