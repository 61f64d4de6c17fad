package dev.occam.core.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The version of Occam that wrote a file, from the jar's manifest (or "development" when run from classes), and
 * the git commit it was built from when known.
 */
public final class Versions {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");

    private Versions() {
    }

    public static String occam() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * The commit of Occam's code: the system property {@code occam.commit} when set (a release sets it), else the
     * HEAD of the git checkout that holds the running classes or jar (read from {@code .git} without running git;
     * worktrees and packed refs followed); null when neither is found (an installed jar outside a checkout).
     */
    public static String commit() {
        String stated = System.getProperty("occam.commit");
        if (stated != null && !stated.isBlank()) {
            return stated.strip();
        }
        try {
            Path here = Path.of(Versions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.exists(git)) {
                    return headOf(git);
                }
            }
        } catch (Exception e) {
            // No code source, a location that is not a file, or an unreadable .git: the commit is not known.
        }
        return null;
    }

    /** The commit {@code git} (a .git folder, or a worktree's .git file) has checked out; null when not a hash. */
    static String headOf(Path git) throws IOException {
        Path gitDir = git;
        if (Files.isRegularFile(git)) {
            // A worktree: ".git" is a file "gitdir: <path>".
            String line = Files.readString(git, StandardCharsets.UTF_8).strip();
            gitDir = git.getParent().resolve(line.substring(line.indexOf(':') + 1).strip()).normalize();
        }
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref:")) {
            return HASH.matcher(head).matches() ? head : null;
        }
        String ref = head.substring(4).strip();
        for (Path dir : new Path[] {gitDir, common}) {
            Path loose = dir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String hash = Files.readString(loose, StandardCharsets.UTF_8).strip();
                return HASH.matcher(hash).matches() ? hash : null;
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && HASH.matcher(line.substring(0, 40)).matches()) {
                    return line.substring(0, 40);
                }
            }
        }
        return null;
    }
}
