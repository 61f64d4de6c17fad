package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow or batch-heavy clients must not starve the others (issue 18, point 2): real HTTP on 127.0.0.1.
 *
 * <p>Before bodies were read asynchronously, each connection trickling its body held an answering thread for
 * as long as it trickled; with as many slow clients as threads, an ordinary request waited until one finished
 * (9-15 s in the measurement). On the old code this test fails: the ordinary requests are not
 * answered at all until a slow body completes ("header parser received no bytes" after ~8 s)..
 */
class SlowClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "{\"income\": 1000, \"home\": \"own\", \"age\": 30}";

    @TempDir
    Path dir;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Opens a connection that sends the headers of a predict request, then its body one byte every {@code gap}. */
    private Thread trickle(int port, Duration gap) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        byte[] body = ROW.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/models/credit/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread t = new Thread(() -> {
            try {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(gap.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection or the test ended
            }
        }, "slow-client");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/models/credit/predict")).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void predict_besideThreeSlowClients_ordinaryRequestsAnsweredWithinASecond() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        ServeOptions options = ServeOptions.defaults(dir, "127.0.0.1", 0).withThreads(4);
        server = OccamServer.start(options, line -> { });
        assertEquals(200, post(ROW).statusCode()); // warm: the first answer loads classes
        List<Thread> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // the case: three clients, one byte every 2 s
            slow.add(trickle(server.port(), Duration.ofSeconds(2)));
        }
        Thread.sleep(2500); // every slow client has sent its headers and two bytes and is waiting to send more
        double seconds = 0;
        HttpResponse<String> r = null;
        for (int k = 0; k < 5; k++) {
            long start = System.nanoTime();
            r = post(ROW);
            seconds = Math.max(seconds, (System.nanoTime() - start) / 1e9);
        }
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(seconds < 1.0, "the slowest of five ordinary requests beside three slow clients took " + seconds + " s");
        for (Thread t : slow) {
            assertTrue(t.isAlive(), "the slow clients were still sending when the ordinary request was answered");
        }
    }

    @Test
    void predict_bodyTricklingPastTheRequestTimeout_408AndConnectionClosed() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        ServeOptions options = ServeOptions.defaults(dir, "127.0.0.1", 0).withRequestTimeout(Duration.ofSeconds(1));
        server = OccamServer.start(options, line -> { });
        trickle(server.port(), Duration.ofMillis(300)); // each byte within the idle timeout; the body takes ~13 s
        Socket socket = sockets.get(0);
        socket.setSoTimeout(10_000);
        long start = System.nanoTime();
        String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertTrue(error.get("error").asText().contains("1 s"), answer);
        assertTrue(seconds < 3, "refused after " + seconds + " s");
    }

    /**
     * Batches of more than 10 rows are scored on their own lane (one thread, none waiting here): a crowd of large
     * batches gets 503 with Retry-After for those that do not fit, and single rows are answered beside them. Before
     * the lane, every batch ran on an answering thread and none was refused.
     */
    @Test
    void predict_crowdOfLargeBatches_overflowRefused503AndSingleRowsAnsweredBeside() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0).withThreads(4).withBatchLane(1, 0),
                line -> { });
        String batch = "{\"rows\": [" + String.join(",", java.util.Collections.nCopies(1000, ROW)) + "]}";
        int ok = 0;
        int refused = 0;
        // Eight batches at once against one batch thread and no queue; on a machine fast enough to score each
        // before the next arrives none is refused, so the crowd is sent again (at most five times).
        for (int round = 0; round < 5 && refused == 0; round++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> batches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batches.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/models/credit/predict")).POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long start = System.nanoTime();
            HttpResponse<String> single = post(ROW);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, single.statusCode());
            assertTrue(seconds < 1.0, "a single row beside eight batches took " + seconds + " s");
            for (var f : batches) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) {
                    ok++;
                    assertEquals(1000, JSON.readTree(r.body()).get("predictions").size());
                } else {
                    assertEquals(503, r.statusCode(), r.body());
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                    refused++;
                }
            }
        }
        assertTrue(ok >= 1 && refused >= 1, ok + " batches answered, " + refused + " refused");
    }

    /**
     * The soak of issue 18, point 9: single-row p99 with slow clients present (six connections trickling their
     * bodies, twice the threads that once stalled the server) stays within twice its quiet value. Quiet and loaded
     * blocks alternate and the median block's p99 is compared, so that the machine's other work weighs on both
     * alike; below a millisecond the scheduler's jitter, not the service, sets the p99, so the bound is 2x or
     * quiet + 1 ms, whichever is larger. (Batch-heavy clients are point 2's, tested above: on two cores a batch
     * scoring flat out takes a core from the single rows whatever the service does.)
     */
    @Test
    void predict_soakWithSlowClients_p99WithinTwiceQuiet() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0).withThreads(4), line -> { });
        for (int i = 0; i < 500; i++) {
            assertEquals(200, post(ROW).statusCode()); // warm: JIT and connections
        }
        double[] quiet = new double[3];
        double[] loaded = new double[3];
        for (int block = 0; block < 3; block++) {
            quiet[block] = p99Millis(300);
            for (int i = 0; i < 6; i++) {
                trickle(server.port(), Duration.ofMillis(500));
            }
            Thread.sleep(200);
            loaded[block] = p99Millis(300);
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }
        java.util.Arrays.sort(quiet);
        java.util.Arrays.sort(loaded);
        double bound = Math.max(2 * quiet[1], quiet[1] + 1.0);
        assertTrue(loaded[1] <= bound, "single-row p99 " + loaded[1] + " ms beside six slow clients, "
                + quiet[1] + " ms quiet (blocks: quiet " + java.util.Arrays.toString(quiet) + ", loaded "
                + java.util.Arrays.toString(loaded) + ")");
    }

    /** The p99 of {@code n} single-row requests sent one after another, in milliseconds. */
    private double p99Millis(int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = post(ROW);
            ms[i] = (System.nanoTime() - start) / 1e6;
            assertEquals(200, r.statusCode(), r.body());
        }
        java.util.Arrays.sort(ms);
        return ms[(int) (n * 0.99)];
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes(); // until the server closes the connection
    }
}
