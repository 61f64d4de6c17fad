package dev.occam.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium (Debian's {@code chromium}), run on a local file with every host name unresolvable,
 * so a page that tried to fetch anything would fail, and its content-security policy would report it.
 */
final class Chromium {

    private final Path profile;

    Chromium(Path profile) {
        this.profile = profile;
    }

    /** The executable, or a failure that says how to install it (the test must not skip silently). */
    static String executable() {
        for (String candidate : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, candidate))) {
                    return Path.of(dir, candidate).toString();
                }
            }
        }
        throw new AssertionError("chromium is not installed: the report is tested in a real headless browser;"
                + " install it with 'apt-get install -y chromium' (.ci/run does this as root)");
    }

    /** The DOM after the page's scripts ran (5 s of virtual time, which does not depend on the machine's speed). */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, List.of("--dump-dom"));
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
    }

    private String run(Path page, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000"));
        command.addAll(extra);
        command.add(page.toAbsolutePath().toUri().toString());
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 3 minutes");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
