package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, point 5: SQL from a use case reads its own folder's files and touches nothing else on disk. */
class UseCaseSqlSandboxTest {

    @TempDir
    Path useCaseFolder;

    @TempDir
    Path elsewhere;

    private void data() throws Exception {
        Files.writeString(useCaseFolder.resolve("d.csv"), "x,y\n1,0\n2,1\n3,0\n");
    }

    @Test
    void load_queryOfAFileBesideTheUseCase_reads() throws Exception {
        data();
        Frame f = DataLoader.load(DataSource.query("SELECT * FROM read_csv('d.csv')", useCaseFolder));
        assertEquals(3, f.rows());
    }

    @Test
    void load_twoStatementsWritingAFile_refusedAndNothingWritten() throws Exception {
        data();
        Path target = elsewhere.resolve("stolen.csv");
        String sql = "COPY (SELECT 42 AS x) TO '" + target + "'; SELECT * FROM read_csv('d.csv')";
        DataException e = assertThrows(DataException.class,
                () -> DataLoader.load(DataSource.query(sql, useCaseFolder)));
        assertTrue(e.getMessage().contains("more than one statement"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void load_statementOtherThanSelect_refusedNamingIt() {
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(DataSource.query(
                "COPY (SELECT 1) TO '" + elsewhere.resolve("x.csv") + "'", useCaseFolder)));
        assertTrue(e.getMessage().contains("starts with 'COPY'"), e.getMessage());
    }

    @Test
    void load_queryReadingAFileOutsideItsFolder_refusedByTheSandbox() throws Exception {
        Files.writeString(elsewhere.resolve("secret.csv"), "password\nhunter2\n");
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(DataSource.query(
                "SELECT * FROM read_csv('" + elsewhere.resolve("secret.csv") + "')", useCaseFolder)));
        assertFalse(e.getMessage().contains("hunter2"));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("permission")
                || e.getMessage().contains("disabled"), e.getMessage());
    }

    @Test
    void load_queryLiftingItsOwnLimits_refused() throws Exception {
        data();
        assertThrows(DataException.class, () -> DataLoader.load(DataSource.query(
                "SET enable_external_access = true", useCaseFolder)));
    }

    @Test
    void load_semicolonInsideAString_isOneStatement() throws Exception {
        data();
        Frame f = DataLoader.load(DataSource.query("SELECT x, 'a;b' AS t FROM read_csv('d.csv') -- done;",
                useCaseFolder));
        assertEquals(3, f.rows());
    }

    @Test
    void currentRule_readingAFile_refusedByTheSandbox() throws Exception {
        Files.writeString(elsewhere.resolve("secret.txt"), "1");
        Frame table = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3})));
        DataException e = assertThrows(DataException.class, () -> SqlRule.open(table,
                "(SELECT CAST(content AS DOUBLE) FROM read_text('" + elsewhere.resolve("secret.txt") + "'))"));
        assertTrue(e.getMessage().startsWith("current_rule"), e.getMessage());
    }

    @Test
    void currentRule_endingTheStatementToWriteAFile_refused() {
        Path target = elsewhere.resolve("out.csv");
        Frame table = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3})));
        DataException e = assertThrows(DataException.class, () -> SqlRule.open(table,
                "x) AS DOUBLE) FROM data; COPY data TO '" + target + "'; SELECT (1"));
        assertTrue(e.getMessage().contains("holds a ';'"), e.getMessage());
        assertFalse(Files.exists(target));
    }
}
