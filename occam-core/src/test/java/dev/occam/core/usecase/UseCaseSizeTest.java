package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, point 4: a huge use-case file is refused at once, saying why (before: read, for minutes at 60 MB). */
class UseCaseSizeTest {

    @TempDir
    Path dir;

    @Test
    void read_fileOverOneMebibyte_refusedAtOnceNamingTheSize() throws Exception {
        Files.writeString(dir.resolve("d.csv"), "x,y\n1,0\n");
        StringBuilder yaml = new StringBuilder("name: big\nquestion: q?\ndata:\n  path: d.csv\ntarget: y\n"
                + "success:\n  metric: auc\n  at_least: 0.6\n");
        while (yaml.length() <= UseCaseReader.MAX_BYTES) {
            yaml.append("# padding padding padding padding padding padding padding padding padding padding\n");
        }
        Path file = Files.writeString(dir.resolve("usecase.yaml"), yaml);
        UseCaseException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(UseCaseException.class, () -> UseCaseReader.read(file)));
        assertTrue(e.getMessage().contains("a use case is at most 1,048,576 bytes of YAML"), e.getMessage());
        assertThrows(UseCaseException.class, () -> UseCaseReader.taskOf(file));
    }
}
