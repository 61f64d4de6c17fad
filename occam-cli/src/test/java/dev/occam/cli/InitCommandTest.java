package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.usecase.UseCaseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void init_newFile_writesTemplateThatParses() throws Exception {
        Path file = dir.resolve("usecase.yaml");
        CliRun run = CliRun.of("init", file.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(Files.readString(file).contains("success:"));
        assertTrue(UseCaseReader.read(file).name().matches("[a-z0-9-]+"));
    }

    @Test
    void init_existingFile_refusedWithoutForce() throws Exception {
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, "mine");
        CliRun run = CliRun.of("init", file.toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("--force"), run.err());
        assertEquals("mine", Files.readString(file));
        assertEquals(OccamCommand.OK, CliRun.of("init", file.toString(), "--force").exitCode());
    }
}
