package dev.occam.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bearer tokens that may call the service, read from a file and read again when it changes, so tokens are
 * added and revoked without a restart.
 *
 * <p>The file: one token per line, optionally preceded by a name and a colon ({@code reporting: 3f9c...}); blank
 * lines and lines starting with {@code #} are ignored. A token is at least 16 characters of letters, digits and
 * {@code -._~+/=} (RFC 6750's token characters). The name (or, without one, the first 8 hex digits of the
 * token's SHA-256) identifies the client in the rate limit and the decision log; the token itself is never
 * written anywhere.
 *
 * <p>Only SHA-256 digests of the tokens are kept; a presented token is digested and looked up, so the comparison
 * does not leak how much of a token was right. The file is checked at most once a second (its modification time
 * and size); when it becomes unreadable or malformed the tokens read before stay in force and the problem is
 * logged once, so a half-written file never locks everyone out or lets everyone in.
 */
final class BearerTokens {

    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");

    private final Path file;
    private final Consumer<String> log;
    private volatile Snapshot snapshot;
    private volatile long nextCheck;

    private BearerTokens(Path file, Consumer<String> log, Snapshot snapshot) {
        this.file = file;
        this.log = log;
        this.snapshot = snapshot;
        this.nextCheck = System.nanoTime() + CHECK_EVERY_NANOS;
    }

    /**
     * Reads the tokens file.
     *
     * @throws IOException naming the file and the line when it cannot be read, is malformed, or holds no token
     */
    static BearerTokens read(Path file, Consumer<String> log) throws IOException {
        Snapshot s = load(file);
        if (s.clients().isEmpty()) {
            throw new IOException(file + ": no token in the tokens file; every request would be refused");
        }
        return new BearerTokens(file, log, s);
    }

    /**
     * The client a request's {@code Authorization} header names, or null when it carries no valid bearer token.
     */
    String client(String authorization) {
        refreshIfDue();
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return snapshot.clients().get(digest(token));
    }

    /** How many tokens are in force now. */
    int size() {
        refreshIfDue();
        return snapshot.clients().size();
    }

    private void refreshIfDue() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        synchronized (this) {
            if (now - nextCheck < 0) {
                return;
            }
            nextCheck = now + CHECK_EVERY_NANOS;
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (a.lastModifiedTime().toMillis() == snapshot.modified() && a.size() == snapshot.size()) {
                    return;
                }
                Snapshot next = load(file);
                if (!next.equals(snapshot)) {
                    log.accept("tokens file " + file + " read again: " + next.clients().size() + " token(s)");
                }
                snapshot = next;
            } catch (IOException e) {
                String line = "cannot read the tokens file again (" + e.getMessage() + "); the "
                        + snapshot.clients().size() + " token(s) read before stay in force";
                if (!line.equals(snapshot.lastProblem())) {
                    log.accept(line);
                    snapshot = snapshot.withProblem(line);
                }
            }
        }
    }

    private static Snapshot load(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> clients = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name = null;
            String token = line;
            int colon = line.indexOf(':');
            if (colon >= 0) {
                name = line.substring(0, colon).trim();
                token = line.substring(colon + 1).trim();
                if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new IOException(file + " line " + (i + 1) + ": a client name is up to 64 letters, digits,"
                            + " '.', '_' or '-'");
                }
            }
            if (!TOKEN.matcher(token).matches()) {
                // The line is not echoed: it may be a real token with a typo.
                throw new IOException(file + " line " + (i + 1) + ": a token is at least 16 letters, digits or"
                        + " -._~+/= characters");
            }
            String d = digest(token);
            clients.put(d, name != null ? name : "token-" + d.substring(0, 8));
        }
        return new Snapshot(a.lastModifiedTime().toMillis(), a.size(), Map.copyOf(clients), null);
    }

    static String digest(String token) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The tokens in force (digest to client name) and the file's stamp when they were read. */
    private record Snapshot(long modified, long size, Map<String, String> clients, String lastProblem) {
        Snapshot withProblem(String problem) {
            return new Snapshot(modified, size, clients, problem);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && s.clients.equals(clients);
        }

        @Override
        public int hashCode() {
            return clients.hashCode();
        }
    }
}
