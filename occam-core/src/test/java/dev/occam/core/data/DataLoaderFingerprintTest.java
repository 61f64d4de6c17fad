package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints pin the data: the same data, the same fingerprint; any change, another. */
class DataLoaderFingerprintTest {

    @TempDir
    Path dir;

    private static Frame query(String sql) throws DataException {
        return DataLoader.load(DataSource.query(sql, null));
    }

    @Test
    void ofFile_knownContent_isItsSha256() throws IOException, DataException {
        Path file = Files.writeString(dir.resolve("abc.csv"), "abc");

        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DataFingerprint.ofFile(file));
    }

    @Test
    void ofFile_missingFile_namesFile() {
        Path file = dir.resolve("gone.csv");

        DataException e = assertThrows(DataException.class, () -> DataFingerprint.ofFile(file));

        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void of_fileSource_isTheFileFingerprint() throws IOException, DataException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n");
        DataSource source = DataSource.file(Path.of("a.csv"), dir);

        assertEquals(DataFingerprint.ofFile(file), DataFingerprint.of(source, DataLoader.load(source)));
    }

    @Test
    void ofFrame_sameContentFromDifferentSources_equal() throws IOException, DataException {
        Path file = Files.writeString(dir.resolve("a.csv"), "x,g\n1.5,b\nNA,a\n3,\n");
        Frame fromFile = DataLoader.load(DataSource.file(file));
        Frame fromQuery = query("SELECT * FROM (VALUES (1.5::DOUBLE, 'b'), (NULL, 'a'), (3, NULL)) t(x, g)");

        assertEquals(DataFingerprint.ofFrame(fromFile), DataFingerprint.ofFrame(fromQuery));
    }

    @Test
    void ofFrame_oneValueChanged_differs() throws DataException {
        Frame a = query("SELECT * FROM (VALUES (1.5, 'b'), (2.0, 'a')) t(x, g)");
        Frame b = query("SELECT * FROM (VALUES (1.5, 'b'), (2.5, 'a')) t(x, g)");

        assertNotEquals(DataFingerprint.ofFrame(a), DataFingerprint.ofFrame(b));
    }

    @Test
    void ofFrame_levelRenamedOrColumnRenamed_differs() throws DataException {
        Frame a = query("SELECT * FROM (VALUES ('a'), ('b')) t(g)");
        Frame renamedLevel = query("SELECT * FROM (VALUES ('a'), ('c')) t(g)");
        Frame renamedColumn = query("SELECT * FROM (VALUES ('a'), ('b')) t(h)");

        assertNotEquals(DataFingerprint.ofFrame(a), DataFingerprint.ofFrame(renamedLevel));
        assertNotEquals(DataFingerprint.ofFrame(a), DataFingerprint.ofFrame(renamedColumn));
    }

    @Test
    void of_querySource_coversQueryTextAndContent() throws DataException {
        DataSource one = DataSource.query("SELECT 1 AS x", null);
        DataSource same = DataSource.query("SELECT 1 AS x", null);
        DataSource other = DataSource.query("SELECT 2 - 1 AS x", null);
        Frame frame = DataLoader.load(one);

        assertEquals(DataFingerprint.of(one, frame), DataFingerprint.of(same, DataLoader.load(same)));
        assertNotEquals(DataFingerprint.of(one, frame), DataFingerprint.of(other, DataLoader.load(other)));
        assertNotEquals(DataFingerprint.of(one, frame), DataFingerprint.ofFrame(frame));
    }
}
