package dev.occam.core.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git commit read from a checkout's .git without running git: loose refs, packed refs, worktrees. */
class VersionsTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void headOf_looseRef_readsTheRefsHash() throws Exception {
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), HASH + "\n");
        assertEquals(HASH, Versions.headOf(dir.resolve(".git")));
    }

    @Test
    void headOf_packedRef_readsPackedRefs() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + HASH + " refs/heads/main\n");
        assertEquals(HASH, Versions.headOf(dir.resolve(".git")));
    }

    @Test
    void headOf_worktreeFile_followsGitdirAndCommondir() throws Exception {
        Path common = Files.createDirectories(dir.resolve("main/.git/refs/heads"));
        Path worktree = Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
        Files.writeString(worktree.resolve("HEAD"), "ref: refs/heads/topic\n");
        Files.writeString(worktree.resolve("commondir"), "../..\n");
        Files.writeString(common.resolve("topic"), HASH + "\n");
        Path checkout = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(checkout.resolve(".git"), "gitdir: " + worktree + "\n");
        assertEquals(HASH, Versions.headOf(checkout.resolve(".git")));
    }

    @Test
    void headOf_detachedHeadAndGarbage_hashOrNull() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), HASH + "\n");
        assertEquals(HASH, Versions.headOf(dir.resolve(".git")));
        Files.writeString(dir.resolve(".git/HEAD"), "not a hash\n");
        assertNull(Versions.headOf(dir.resolve(".git")));
    }
}
