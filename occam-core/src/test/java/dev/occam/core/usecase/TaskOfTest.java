package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which reader a use-case file goes to: the task it names, read before its keys are checked. */
class TaskOfTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("usecase.yaml"), yaml);
    }

    @Test
    void taskOf_eachTaskWord_theTask() throws Exception {
        for (Task task : Task.all()) {
            // Keys of other tasks are not checked here: each task's reader checks its own.
            assertEquals(task, UseCaseReader.taskOf(file("name: x\ntask: " + task.word() + "\nhorizon: 12\n")));
        }
    }

    @Test
    void taskOf_noTaskKey_null() throws Exception {
        assertNull(UseCaseReader.taskOf(file("name: x\ntarget: y\n")));
    }

    @Test
    void taskOf_misspeltTask_namesTheLineAndTheNearestTask() throws Exception {
        UseCaseException e = assertThrows(UseCaseException.class,
                () -> UseCaseReader.taskOf(file("name: x\ntask: forcast\n")));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("forecast"), e.getMessage());
    }

    @Test
    void taskOf_missingFile_saysSo() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.taskOf(dir.resolve("no.yaml")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
