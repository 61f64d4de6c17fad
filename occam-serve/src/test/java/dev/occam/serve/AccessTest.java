package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the service (issue 18, point 6): bearer tokens, TLS, a per-client rate limit; real HTTP(S). */
class AccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "{\"income\": 1000, \"home\": \"own\", \"age\": 30}";
    private static final String ALICE = "alice-0123456789abcdef";
    private static final String BOB = "bob-fedcba9876543210";

    @TempDir
    Path dir;

    private Path models;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @BeforeEach
    void writeModel() throws IOException {
        models = dir.resolve("models");
        Fixtures.write(Fixtures.logistic(0), models, "credit", 1);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(HttpClient c, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.scheme() + "://127.0.0.1:" + server.port()
                + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(ROW)) : b.GET();
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> predict(String token) throws Exception {
        return send(client, "POST", "/v1/models/credit/predict", token);
    }

    @Test
    void tokens_missingWrongOrRevoked_401WithWwwAuthenticate_validAnswered_healthOpen() throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "# who may call\nalice: " + ALICE + "\n\n");
        server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0)
                .withAccess(AccessOptions.OPEN.withTokens(tokens)), line -> { });

        HttpResponse<String> none = predict(null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"occam\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(JSON.readTree(none.body()).get("error").asText().contains("bearer token"), none.body());
        HttpResponse<String> wrong = predict(BOB);
        assertEquals(401, wrong.statusCode());
        assertEquals("Bearer realm=\"occam\", error=\"invalid_token\"",
                wrong.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(200, predict(ALICE).statusCode());
        assertEquals(401, send(client, "GET", "/metrics", null).statusCode());
        assertEquals(401, send(client, "GET", "/v1/models", null).statusCode());
        assertEquals(200, send(client, "GET", "/health", null).statusCode());

        // Rotation without a restart: Bob replaces Alice; the file is checked at most once a second.
        Files.writeString(tokens, "bob: " + BOB + "\n");
        Files.setLastModifiedTime(tokens, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(1100);
        assertEquals(401, predict(ALICE).statusCode(), "a revoked token is refused");
        assertEquals(200, predict(BOB).statusCode(), "a new token is accepted");

        // A malformed file keeps the tokens in force rather than locking everyone out.
        Files.writeString(tokens, "bob: short\n");
        Files.setLastModifiedTime(tokens, FileTime.from(Instant.now().plusSeconds(10)));
        Thread.sleep(1100);
        assertEquals(200, predict(BOB).statusCode());
    }

    @Test
    void tokens_fileWithoutAToken_serverRefusesToStart() throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "# nobody yet\n");
        IOException e = assertThrows(IOException.class, () -> OccamServer.start(ServeOptions.defaults(models,
                "127.0.0.1", 0).withAccess(AccessOptions.OPEN.withTokens(tokens)), line -> { }));
        assertTrue(e.getMessage().contains("no token"), e.getMessage());
    }

    /** A keystore made by keytool in the test, a real TLS handshake on 127.0.0.1, the certificate trusted by the client. */
    @Test
    void keystore_httpsRequest_answeredOverTls() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path password = dir.resolve("password.txt");
        Files.writeString(password, "changeit-123\n");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "occam", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit-123", "-keypass", "changeit-123")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), out);

        server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0)
                .withAccess(AccessOptions.OPEN.withKeystore(keystore, password)), line -> { });
        assertEquals("https", server.scheme());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit-123".toCharArray());
            Certificate cert = ks.getCertificate("occam");
            trust.load(null, null);
            trust.setCertificateEntry("occam", cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> r = send(https, "POST", "/v1/models/credit/predict", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("credit", JSON.readTree(r.body()).get("model").asText());
        assertTrue(r.sslSession().isPresent());
        // Plain HTTP on the TLS port gets no answer, and a client that does not trust the certificate is refused.
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void rateLimit_burstOverTheRate_429WithRetryAfter_perClient() throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "alice: " + ALICE + "\nbob: " + BOB + "\n");
        server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0).withAccess(AccessOptions.OPEN
                .withTokens(tokens).withRateLimit(AccessOptions.parseRate("3/s"))), line -> { });
        List<Integer> alice = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = predict(ALICE);
            alice.add(r.statusCode());
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        // A bucket of 3 refilled at 3/s: the first three pass; six requests in well under a second cannot all.
        assertEquals(List.of(200, 200, 200), alice.subList(0, 3), alice.toString());
        assertTrue(limited != null, "no request was limited: " + alice);
        long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry >= 1 && retry <= 1, "Retry-After " + retry);
        assertTrue(JSON.readTree(limited.body()).get("error").asText().contains("rate limit of 3 requests"),
                limited.body());
        assertEquals(200, predict(BOB).statusCode(), "another client has its own bucket");
        assertEquals(200, send(client, "GET", "/health", null).statusCode(), "health is not limited");
        Thread.sleep(1100);
        assertEquals(200, predict(ALICE).statusCode(), "the bucket refills");
        String metrics = send(client, "GET", "/metrics", BOB).body();
        assertTrue(metrics.contains("status=\"429\""), metrics);
    }

    @Test
    void parseRate_forms_perSecond() {
        assertEquals(50, AccessOptions.parseRate("50/s"));
        assertEquals(50, AccessOptions.parseRate("50"));
        assertEquals(2, AccessOptions.parseRate("120/min"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessOptions.parseRate("fast")).getMessage()
                .contains("'fast'"));
        assertThrows(IllegalArgumentException.class, () -> AccessOptions.parseRate("0/s"));
    }
}
