package dev.occam.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Guardrail;
import dev.occam.runtime.Model;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.ForecastRow;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.segment.SegmentPrediction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The scoring service: every model under a folder, over HTTP, with JSON in and out.
 *
 * <pre>
 * POST /v1/models/{name}/predict   one row {"Income": 120, ...} or a batch {"rows": [...]}; for a segmentation
 *                                  (task: segment) the answer is {"segment": 2, "probability": 0.93 or null}
 * POST /v1/models/{name}/forecast  a forecasting model's forecast: {"series": "A", "horizon": 12}, both optional
 * POST /v1/models/{name}/recommend a recommendation model's top items; .../similar the items like one item
 * GET  /v1/models                  every model served with its task, version, family or method
 * GET  /v1/models/{name}           family, target, threshold, parameters, schema, success verdict
 * GET  /health                     {"status": "ok", "models": n}
 * GET  /metrics                    Prometheus text
 * GET  /openapi.json               OpenAPI 3 document: operationIds, one path per operation, each model's schemas
 * </pre>
 *
 * <p>Built on Jetty 12's core API (one {@link Handler}, no servlets): a bounded {@link QueuedThreadPool} of
 * {@code threads} answering threads plus one acceptor and one selector, HTTP/1.1 keep-alive, no request log.
 * The JDK's {@code com.sun.net.httpserver} was used before; its single dispatcher thread gave a p99 of several
 * milliseconds at 5,000 requests/s (docs/serve.md).
 *
 * <p>Every answer is JSON; a refused request gets {@code {"error": ..., "field": ...}} with 400, 404, 405 or 413,
 * and an unexpected failure a bare {@code {"error": "internal error"}} with 500, never a stack trace. Requests
 * Jetty refuses before they reach the handler (a malformed request line, an ambiguous URI) get JSON too.
 */
public final class OccamServer implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Limits on a body's shape (a row is two levels deep, a batch three; names are feature names). */
    static final int MAX_DEPTH = 64;
    static final int MAX_DIGITS = 100;
    static final int MAX_NAME = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_DIGITS).maxNameLength(MAX_NAME).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField TEXT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8");
    private static final int REASONS = 3;
    /** Jetty's own threads besides the answering ones: one acceptor, one selector. */
    private static final int ACCEPTORS = 1;
    private static final int SELECTORS = 1;

    private final ServeOptions options;
    private final ModelStore store;
    private final Metrics metrics = new Metrics();
    private final LiveMonitor.Registry monitors = new LiveMonitor.Registry();
    private final Consumer<String> log;
    private final Server http;
    private final ServerConnector connector;
    /** The bearer tokens in force; null when the service is open. */
    private final BearerTokens tokens;
    /** Requests per second per client; null without a limit. */
    private final RateLimiter limiter;
    /** Where every decision goes; null without a decision log. */
    private final DecisionLog decisionLog;
    /** Scores batches of more than {@link ServeOptions#INLINE_BATCH_ROWS} rows, apart from the answering threads. */
    private final ThreadPoolExecutor batchLane;
    /** Names the requests of this run in the decision log: a random prefix and a sequence number. */
    private final String runId = String.format("%08x", new java.security.SecureRandom().nextInt());
    private final AtomicLong requestIds = new AtomicLong();

    private OccamServer(ServeOptions options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        this.store = new ModelStore(options.dir(), log);
        AccessOptions access = options.access();
        this.tokens = access.tokensFile() == null ? null : BearerTokens.read(access.tokensFile(), log);
        this.limiter = access.rateLimit() > 0 ? new RateLimiter(access.rateLimit()) : null;
        store.refresh();
        int threads = options.threads() + ACCEPTORS + SELECTORS;
        // A bounded queue of jobs: past it Jetty refuses new work (the connection is closed) instead of queueing
        // without end. Bodies are read without holding a thread, so a job is short and this is rarely reached.
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads, 60_000,
                new BlockingArrayQueue<>(256, 256, Math.max(1024, 256 * threads)));
        pool.setName("occam-serve");
        pool.setDaemon(true);
        this.http = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        if (access.keystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            if (!Files.isRegularFile(access.keystore())) {
                throw new IOException(access.keystore() + ": no such keystore");
            }
            tls.setKeyStorePath(access.keystore().toString());
            tls.setKeyStorePassword(readPassword(access.keystorePasswordFile()));
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // The certificate names the host clients use; Jetty's check of SNI against it would refuse clients
            // that connect by address (127.0.0.1), which send no SNI.
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);
            this.connector = new ServerConnector(http, ACCEPTORS, SELECTORS,
                    new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(config));
        } else {
            this.connector = new ServerConnector(http, ACCEPTORS, SELECTORS, new HttpConnectionFactory(config));
        }
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(options.requestTimeout().toMillis());
        http.addConnector(connector);
        http.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                OccamServer.this.handle(request, response, callback);
                return true;
            }
        });
        http.setErrorHandler(new JsonErrors());
        http.setStopTimeout(1000);
        this.batchLane = new ThreadPoolExecutor(options.batchThreads(), options.batchThreads(), 0,
                TimeUnit.MILLISECONDS, options.batchQueue() == 0 ? new SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(options.batchQueue()), r -> {
                            Thread t = new Thread(r, "occam-serve-batch");
                            t.setDaemon(true);
                            return t;
                        });
        this.decisionLog = options.decisionLog() == null ? null
                : new DecisionLog(options.decisionLog(), WRITER, log);
    }

    private static String readPassword(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new IOException(file + ": the keystore password file is empty; its first line is the password");
        }
        return lines.get(0);
    }

    /**
     * Loads the models under {@code options.dir()}, binds the address and starts answering; a model version
     * written later is picked up within {@code options.poll()}.
     *
     * @param log where one-line notes go: models served, files refused, internal errors (without stack traces)
     * @throws IOException when the folder, the tokens file or the keystore cannot be read, or the address cannot
     *     be bound
     */
    public static OccamServer start(ServeOptions options, Consumer<String> log) throws IOException {
        OccamServer server = new OccamServer(options, log);
        try {
            server.http.start();
        } catch (IOException e) {
            server.close();
            throw e;
        } catch (Exception e) {
            server.close();
            throw new IOException("cannot start the server on " + options.host() + ":" + options.port() + ": " + e,
                    e);
        }
        server.store.startPolling(options.poll());
        return server;
    }

    /** The port the server listens on (the one chosen when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** "https" when started with a keystore, else "http". */
    public String scheme() {
        return options.access().keystore() != null ? "https" : "http";
    }

    /** The names of the models served now. */
    public List<String> modelNames() {
        return List.copyOf(store.models().keySet());
    }

    /** Rescans the folder now instead of waiting for the next poll. */
    public void reload() {
        store.refresh();
    }

    /**
     * Stops answering (requests in flight get up to a second to finish), stops watching the folder, and writes
     * what the decision log still holds.
     */
    @Override
    public void close() {
        store.close();
        try {
            http.stop();
        } catch (Exception e) {
            log.accept("stopping the server: " + e);
        }
        batchLane.shutdown();
        try {
            batchLane.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (decisionLog != null) {
            decisionLog.close();
        }
    }

    /** One request in flight: what it asked for, who asked, and how to answer it. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final long start = System.nanoTime();
        String endpoint = "other";
        String modelName;
        String client;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void refuse(ApiException e) {
            ObjectNode error = JSON.objectNode().put("error", e.getMessage());
            if (e.field() != null) {
                error.put("field", e.field());
            }
            if (e.row() != null) {
                error.put("row", e.row());
            }
            if (e.header() != null) {
                response.getHeaders().put(e.header(), e.headerValue());
            }
            if (e.status() == 408 || e.status() == 413) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the rest of the body is not read
            }
            send(json(e.status(), error));
        }

        void internal(RuntimeException e) {
            log.accept("internal error on " + truncate(request.getHttpURI().getPath()) + ": " + e);
            send(json(500, JSON.objectNode().put("error", "internal error")));
        }

        /** The client went away (or the connection failed) before the answer. */
        void abandon(Throwable failure) {
            metrics.record(endpoint, modelName, 499, System.nanoTime() - start);
            callback.failed(failure);
        }

        void send(Answer answer) {
            response.setStatus(answer.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(answer.contentType());
            headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, ByteBuffer.wrap(answer.body()), Callback.from(() -> {
                metrics.record(endpoint, modelName, answer.status(), System.nanoTime() - start);
                callback.succeeded();
            }, this::abandon));
        }

        /** Runs a step of the answer, turning a refusal or an unexpected failure into its answer. */
        void run(Runnable step) {
            try {
                step.run();
            } catch (ApiException e) {
                refuse(e);
            } catch (RuntimeException e) {
                internal(e);
            }
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        Exchange x = new Exchange(request, response, callback);
        x.run(() -> route(x));
    }

    private void route(Exchange x) {
        String path = x.request.getHttpURI().getPath();
        String method = x.request.getMethod();
        if (path.equals("/health")) {
            // Open even with tokens, so a load balancer can probe it; it tells no more than the number of models.
            x.endpoint = "health";
            requireMethod(method, "GET");
            x.send(json(200, JSON.objectNode().put("status", "ok").put("models", store.models().size())));
            return;
        }
        x.client = admit(x.request);
        if (path.equals("/metrics")) {
            x.endpoint = "metrics";
            requireMethod(method, "GET");
            x.send(new Answer(200, TEXT_TYPE, metrics.text(store.models(), monitors.current(store.models()),
                    decisionLog).getBytes(StandardCharsets.UTF_8)));
        } else if (path.equals("/openapi.json")) {
            x.endpoint = "openapi";
            requireMethod(method, "GET");
            x.send(json(200, Documents.openApi(store.models(), store.forecasts(), store.recommenders(),
                    store.segmentations(), options)));
        } else if (path.equals("/v1/models") || path.equals("/v1/models/")) {
            x.endpoint = "models";
            requireMethod(method, "GET");
            x.send(json(200, Documents.catalogue(store.models(), store.forecasts(), store.recommenders(),
                    store.segmentations())));
        } else if (path.startsWith("/v1/models/")) {
            String[] parts = path.split("/", -1);
            ServedRecommender recommender = parts.length >= 4 ? store.recommenders().get(parts[3]) : null;
            if (recommender != null || parts.length == 5 && (parts[4].equals("recommend") || parts[4].equals("similar"))) {
                routeRecommender(x, method, path, parts, recommender);
            } else if (parts.length == 5 && parts[4].equals("forecast")) {
                x.endpoint = "forecast";
                ForecastModel f = findForecast(parts[3]);
                requireMethod(method, "POST");
                x.modelName = parts[3];
                new BodyRead(x, body -> x.send(json(200, forecast(parts[3], f, body)))).start();
            } else if (parts.length == 4 && store.segmentations().containsKey(parts[3])) {
                x.endpoint = "model";
                requireMethod(method, "GET");
                x.modelName = parts[3];
                x.send(json(200, Documents.segmentation(store.segmentations().get(parts[3]))));
            } else if (parts.length == 4) {
                x.endpoint = "model";
                ServedModel m = find(parts[3]);
                requireMethod(method, "GET");
                x.modelName = m.name();
                x.send(json(200, Documents.summary(m)));
            } else if (parts.length == 5 && parts[4].equals("monitor")) {
                x.endpoint = "monitor";
                ServedModel m = find(parts[3]);
                requireMethod(method, "GET");
                x.modelName = m.name();
                x.send(json(200, monitors.of(m).toJson()));
            } else if (parts.length == 5 && parts[4].equals("predict")
                    && store.segmentations().containsKey(parts[3])) {
                x.endpoint = "predict";
                ServedSegmentation s = store.segmentations().get(parts[3]);
                requireMethod(method, "POST");
                x.modelName = s.name();
                new BodyRead(x, body -> x.send(json(200, assignSegments(s, parse(body))))).start();
            } else if (parts.length == 5 && parts[4].equals("predict")) {
                x.endpoint = "predict";
                ServedModel m = find(parts[3]);
                requireMethod(method, "POST");
                x.modelName = m.name();
                new BodyRead(x, body -> onBody(x, m, body)).start();
            } else {
                throw noSuchEndpoint(path);
            }
        } else {
            throw noSuchEndpoint(path);
        }
    }

    /** {@code GET /v1/models/{name}}, {@code POST .../recommend} and {@code POST .../similar} of a recommendation model. */
    private void routeRecommender(Exchange x, String method, String path, String[] parts, ServedRecommender r) {
        if (r == null) {
            find(parts[3]); // 400 for a bad name, 404 for no model
            throw new ApiException(404, "model '" + parts[3] + "' is not a recommendation model; it answers "
                    + "POST /v1/models/" + parts[3] + "/predict");
        }
        x.modelName = r.name();
        if (parts.length == 4) {
            x.endpoint = "model";
            requireMethod(method, "GET");
            x.send(json(200, RecommendEndpoints.summary(r)));
        } else if (parts.length == 5 && parts[4].equals("recommend")) {
            x.endpoint = "recommend";
            requireMethod(method, "POST");
            new BodyRead(x, body -> x.send(json(200, RecommendEndpoints.recommend(r, parse(body))))).start();
        } else if (parts.length == 5 && parts[4].equals("similar")) {
            x.endpoint = "similar";
            requireMethod(method, "POST");
            new BodyRead(x, body -> x.send(json(200, RecommendEndpoints.similar(r, parse(body))))).start();
        } else {
            throw noSuchEndpoint(path);
        }
    }

    /**
     * Who is calling, once the request has passed authentication (401 without a valid bearer token when tokens are
     * configured) and the rate limit (429 with {@code Retry-After} when the client's bucket is empty): the token's
     * client name, or the remote address when the service is open.
     */
    private String admit(Request request) {
        String client;
        if (tokens != null) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            client = tokens.client(authorization);
            if (client == null) {
                boolean presented = authorization != null;
                throw new ApiException(401, presented ? "the bearer token is not valid (unknown or revoked)"
                        : "this service needs a bearer token: send 'Authorization: Bearer <token>'")
                        .withHeader(HttpHeader.WWW_AUTHENTICATE.asString(), presented
                                ? "Bearer realm=\"occam\", error=\"invalid_token\"" : "Bearer realm=\"occam\"");
            }
        } else {
            client = Request.getRemoteAddr(request);
        }
        if (limiter != null) {
            long wait = limiter.acquire(client, System.nanoTime());
            if (wait > 0) {
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                throw new ApiException(429, "over the rate limit of " + Json.number(options.access().rateLimit())
                        + " requests per second for this client; retry in " + seconds + " s")
                        .withHeader(HttpHeader.RETRY_AFTER.asString(), Long.toString(seconds));
            }
        }
        return client;
    }

    /** After the body arrived: parse it, then score on this thread, or a large batch on the batch lane. */
    private void onBody(Exchange x, ServedModel m, byte[] bytes) {
        JsonNode body = parse(bytes);
        JsonNode rows = batchRows(m, body);
        if (rows != null && rows.size() > ServeOptions.INLINE_BATCH_ROWS) {
            try {
                batchLane.execute(() -> x.run(() -> x.send(json(200, predict(x, m, body)))));
            } catch (RejectedExecutionException e) {
                throw new ApiException(503, "the server is scoring as many batches as it takes ("
                        + options.batchThreads() + " at a time, " + options.batchQueue() + " waiting); retry shortly"
                        + " or send fewer rows at a time").withHeader(HttpHeader.RETRY_AFTER.asString(), "1");
            }
        } else {
            x.send(json(200, predict(x, m, body)));
        }
    }

    /** The rows of a batch body ({@code {"rows": ...}} for a model without a feature named rows), or null. */
    private static JsonNode batchRows(ServedModel m, JsonNode body) {
        return body.isObject() && body.size() == 1 && body.has("rows") && m.model().schema().indexOf("rows") < 0
                ? body.get("rows") : null;
    }

    private static ApiException noSuchEndpoint(String path) {
        return new ApiException(404, "no such endpoint: " + truncate(path) + "; see GET /openapi.json");
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "method " + method + " is not allowed here; use " + allowed)
                    .withHeader(HttpHeader.ALLOW.asString(), allowed);
        }
    }

    /** A forecasting model by name (404 naming it when there is none; a prediction model's name says so). */
    private ForecastModel findForecast(String name) {
        if (!ModelStore.NAME.matcher(name).matches()) {
            throw new ApiException(400, "a model name is lowercase letters, digits and '-', got '" + truncate(name)
                    + "'");
        }
        ForecastModel f = store.forecasts().get(name);
        if (f == null) {
            throw new ApiException(404, store.models().containsKey(name) ? "'" + name + "' is not a forecasting "
                    + "model; POST /v1/models/" + name + "/predict scores rows"
                    : "no forecasting model named '" + name + "'");
        }
        return f;
    }

    /**
     * The forecast of one series or all: the body is {@code {}} or empty, or names {@code series} (a text) and
     * {@code horizon} (a whole number of steps, 1 to 10000; default the use case's).
     */
    private static ObjectNode forecast(String name, ForecastModel model, byte[] bytes) {
        JsonNode body = bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()
                ? JSON.objectNode() : parse(bytes);
        if (!body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object such as {\"series\": \"A\", \"horizon\": 12}");
        }
        JsonNode s = body.get("series");
        if (s != null && !s.isNull() && !s.isTextual() && !s.isNumber()) {
            throw new ApiException(400, "field 'series' must be the series' name as text, got " + s, "series", null);
        }
        String series = s == null || s.isNull() ? null : s.asText();
        if (series != null && model.seriesColumn() != null && !model.byKey().containsKey(series)) {
            throw new ApiException(404, "field 'series': no series '" + truncate(series) + "' in "
                    + model.seriesColumn(), "series", null);
        }
        if (series != null && model.seriesColumn() == null) {
            throw new ApiException(400, "field 'series': this model forecasts one series; leave series out",
                    "series", null);
        }
        JsonNode h = body.get("horizon");
        int horizon = model.horizon();
        if (h != null && !h.isNull()) {
            if (!h.canConvertToInt() || !h.isIntegralNumber() || h.asInt() < 1 || h.asInt() > 10_000) {
                throw new ApiException(400, "field 'horizon' must be a whole number of steps from 1 to 10000, got "
                        + h, "horizon", null);
            }
            horizon = h.asInt();
        }
        ObjectNode answer = JSON.objectNode();
        answer.put("model", name);
        answer.put("method", model.method());
        answer.put("frequency", model.frequency().word());
        answer.put("horizon", horizon);
        ArrayNode rows = answer.putArray("forecast");
        for (ForecastRow r : model.forecast(series == null ? (model.seriesColumn() == null ? "" : null) : series,
                horizon)) {
            ObjectNode o = rows.addObject();
            if (model.seriesColumn() != null) {
                o.put(model.seriesColumn(), r.series());
            }
            o.put(model.timeColumn(), r.time());
            o.put("forecast", r.forecast());
            o.put("lower_80", r.lower80());
            o.put("upper_80", r.upper80());
            o.put("lower_95", r.lower95());
            o.put("upper_95", r.upper95());
        }
        return answer;
    }

    private ServedModel find(String name) {
        if (!ModelStore.NAME.matcher(name).matches()) {
            throw new ApiException(400, "a model name is lowercase letters, digits and '-', got '" + truncate(name)
                    + "'");
        }
        ServedModel m = store.models().get(name);
        if (m == null) {
            throw new ApiException(404, "no model named '" + name + "'; GET /v1/models lists them");
        }
        return m;
    }

    /**
     * Reads a request body without holding a thread while it arrives: Jetty's demand-based {@link Content.Source}
     * calls {@link #run()} again when more bytes are there, so a client trickling its body costs a connection, not
     * an answering thread. Refused with 413 from the declared length before reading or as soon as the body passes
     * the limit, and with 408 when it has not arrived in full within the request timeout (a client sending nothing
     * at all is closed by Jetty's idle timeout after the same time).
     */
    private final class BodyRead implements Runnable {
        private final Exchange x;
        private final Consumer<byte[]> then;
        private final long deadline;
        private final int max = options.maxBodyBytes();
        private final long declared;
        private byte[] body;
        private int size;

        BodyRead(Exchange x, Consumer<byte[]> then) {
            this.x = x;
            this.then = then;
            this.deadline = x.start + options.requestTimeout().toNanos();
            this.declared = x.request.getLength(); // -1 when not declared (chunked); Jetty refuses a malformed one
        }

        void start() {
            if (declared > max) {
                throw new ApiException(413, "the body is " + declared + " bytes, over the limit of " + max);
            }
            body = new byte[declared >= 0 ? (int) declared : Math.min(max, 1024)];
            read();
        }

        @Override
        public void run() {
            x.run(this::read);
        }

        private void read() {
            while (true) {
                Content.Chunk chunk = x.request.read();
                if (chunk == null) {
                    if (System.nanoTime() - deadline > 0) {
                        throw late();
                    }
                    x.request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (!chunk.isLast() && chunk.getFailure() instanceof TimeoutException) {
                        throw late(); // Jetty's idle timeout: nothing arrived for the whole timeout
                    }
                    x.abandon(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if ((long) size + n > max) {
                    chunk.release();
                    throw new ApiException(413, "the body is over the limit of " + max + " bytes");
                }
                if (size + n > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(max, Math.max(size + n, 2L * body.length)));
                }
                bytes.get(body, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    if (size == 0) {
                        throw new ApiException(400, "the body is empty; send a JSON row or {\"rows\": [...]}");
                    }
                    then.accept(size == body.length ? body : Arrays.copyOf(body, size));
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw late();
                }
            }
        }

        private ApiException late() {
            return new ApiException(408, "the body did not arrive within " + options.requestTimeout().toSeconds()
                    + " s (" + size + (declared >= 0 ? " of " + declared : "") + " bytes came)");
        }
    }

    /** The body as JSON; {@code ApiException} 400 in plain words when it is not (fuzzed by {@code RequestFuzzTest}). */
    static JsonNode parse(byte[] body) {
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, BodyErrors.plain(e, MAX_DEPTH, MAX_DIGITS, MAX_NAME));
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
        }
    }

    private ObjectNode predict(Exchange x, ServedModel served, JsonNode body) {
        Model model = served.model();
        ObjectNode answer = JSON.objectNode();
        answer.put("model", served.name());
        answer.put("version", served.version());
        String request = runId + "-" + requestIds.incrementAndGet();
        LiveMonitor monitor = monitors.of(served);
        JsonNode rows = batchRows(served, body);
        if (rows != null) {
            if (!rows.isArray()) {
                throw new ApiException(400, "'rows' must be an array of rows, got " + RowReader.kind(rows), "rows",
                        null);
            }
            if (rows.size() > options.maxBatchRows()) {
                throw new ApiException(413, "a batch of " + rows.size() + " rows is over the limit of "
                        + options.maxBatchRows(), "rows", null);
            }
            List<RowReader.Read> read = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    read.add(RowReader.read(model.schema(), rows.get(i), options.strict()));
                } catch (ApiException e) {
                    throw e.inRow(i);
                }
            }
            // Guardrails first, so that with --strict a refused batch leaves no trace in the monitor or the log.
            List<List<Guardrail>> guardrails = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                try {
                    guardrails.add(guardrails(model, read.get(i).row()));
                } catch (ApiException e) {
                    throw e.inRow(i);
                }
            }
            ArrayNode out = answer.putArray("predictions");
            for (int i = 0; i < read.size(); i++) {
                ObjectNode o = score(model, read.get(i), guardrails.get(i), monitor, rows.get(i));
                out.add(o);
                record(x, served, request, i, rows.get(i), o);
            }
            metrics.rowsScored(served.name(), read.size());
        } else {
            RowReader.Read read = RowReader.read(model.schema(), body, options.strict());
            ObjectNode o = score(model, read, guardrails(model, read.row()), monitor, body);
            answer.setAll(o);
            record(x, served, request, -1, body, o);
            metrics.rowsScored(served.name(), 1);
        }
        return answer;
    }

    /**
     * A segmentation's answer: for one row {@code segment} (from 1, as the profiles number them) and {@code
     * probability} (the membership probability, null where the method has none: k-means, k-prototypes); for
     * {@code {"rows": [...]}} one such object per row under {@code predictions}. Rows are read as a model's are.
     */
    private ObjectNode assignSegments(ServedSegmentation served, JsonNode body) {
        ObjectNode answer = JSON.objectNode();
        answer.put("model", served.name());
        answer.put("version", served.version());
        Schema schema = served.segmentation().schema();
        boolean batch = body.isObject() && body.size() == 1 && body.has("rows") && schema.indexOf("rows") < 0;
        if (!batch) {
            answer.setAll(segmentOf(served, RowReader.read(schema, body, options.strict())));
            metrics.rowsScored(served.name(), 1);
            return answer;
        }
        JsonNode rows = body.get("rows");
        if (!rows.isArray()) {
            throw new ApiException(400, "'rows' must be an array of rows, got " + RowReader.kind(rows), "rows", null);
        }
        if (rows.size() > options.maxBatchRows()) {
            throw new ApiException(413, "a batch of " + rows.size() + " rows is over the limit of "
                    + options.maxBatchRows(), "rows", null);
        }
        ArrayNode out = answer.putArray("predictions");
        for (int i = 0; i < rows.size(); i++) {
            try {
                out.add(segmentOf(served, RowReader.read(schema, rows.get(i), options.strict())));
            } catch (ApiException e) {
                throw e.inRow(i);
            }
        }
        metrics.rowsScored(served.name(), rows.size());
        return answer;
    }

    private static ObjectNode segmentOf(ServedSegmentation served, RowReader.Read read) {
        SegmentPrediction p = served.segmentation().assign(read.row());
        ObjectNode o = JSON.objectNode();
        o.put("segment", p.segment());
        if (p.hasProbability()) {
            o.put("probability", p.probability());
        } else {
            o.putNull("probability");
        }
        ArrayNode ignored = o.putArray("ignored_fields");
        read.ignored().forEach(ignored::add);
        return o;
    }

    /** The guardrails a row trips; with --strict, the first is a refusal. */
    private List<Guardrail> guardrails(Model model, Row row) {
        List<Guardrail> guardrails = Guardrail.check(model, row);
        if (options.strict() && !guardrails.isEmpty()) {
            Guardrail g = guardrails.get(0);
            throw new ApiException(400, "field '" + g.field() + "' " + row.get(g.field()) + ": " + g.issue()
                    + " (the server runs with --strict)", g.field(), null);
        }
        return guardrails;
    }

    /**
     * One row's answer: prediction, probability (classification; multiclass also every class's) or the interval's
     * ends (regression), reasons, guardrails, and the fields sent that the model does not read. Counted by the
     * model's monitor.
     */
    private ObjectNode score(Model model, RowReader.Read read, List<Guardrail> guardrails, LiveMonitor monitor,
            JsonNode sent) {
        Row row = read.row();
        Prediction p = model.predict(row);
        Explanation e = model.explain(row);
        ObjectNode o = JSON.objectNode();
        if (model.target().isClassification()) {
            o.put("prediction", p.label());
            o.put("probability", p.probability());
        } else if (model.target().isMulticlass()) {
            o.put("prediction", p.label());
            o.put("probability", p.probability());
            ObjectNode probabilities = o.putObject("probabilities");
            p.probabilities().forEach(probabilities::put);
        } else {
            o.put("prediction", p.score());
            if (p.hasInterval()) {
                o.put("lower", p.lower());
                o.put("upper", p.upper());
                o.put("interval_level", model.interval().level());
            }
        }
        ArrayNode reasons = o.putArray("reasons");
        e.predictionReasons(REASONS).forEach(reasons::add);
        ArrayNode flags = o.putArray("guardrails");
        for (Guardrail g : guardrails) {
            flags.addObject().put("field", g.field()).put("issue", g.issue());
        }
        ArrayNode ignored = o.putArray("ignored_fields");
        read.ignored().forEach(ignored::add);
        monitor.observe(row, sent, p);
        return o;
    }

    /**
     * Puts one decision on record (when there is a decision log): when, which request and row, who asked, the
     * model (name, version, SHA-256 of its file, checksum of its content), the inputs or their SHA-256, and the
     * answer. The answer's nodes are shared, not copied: nothing changes them once built.
     */
    private void record(Exchange x, ServedModel served, String request, int row, JsonNode sent, ObjectNode answer) {
        if (decisionLog == null) {
            return;
        }
        ObjectNode line = JSON.objectNode();
        line.put("time", Instant.now().toString());
        line.put("request", request);
        if (row >= 0) {
            line.put("row", row);
        }
        line.put("client", x.client);
        line.put("model", served.name());
        line.put("version", served.version());
        line.put("model_sha256", served.fileSha256());
        line.put("model_checksum", served.checksum());
        if (decisionLog.options().fullInputs()) {
            line.set("inputs", sent);
        } else {
            line.put("inputs_sha256", inputsDigest(sent));
        }
        answer.fields().forEachRemaining(e -> line.set(e.getKey(), e.getValue()));
        decisionLog.record(line);
    }

    /** The SHA-256 of a row as compact JSON, its fields in the order sent: what {@code --log-inputs digest} logs. */
    static String inputsDigest(JsonNode row) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(WRITER.writeValueAsBytes(row)));
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the inputs", e);
        }
    }

    private static Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, JSON_TYPE, WRITER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private record Answer(int status, HttpField contentType, byte[] body) {
    }

    /**
     * Answers for requests Jetty refuses before the handler sees them (a malformed request line or header, an
     * ambiguous URI) and for failures escaping the handler: {@code {"error": ...}} as JSON, never HTML or a trace.
     */
    private static final class JsonErrors extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            byte[] body = errorBody(code, message);
            response.getHeaders().put(JSON_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON_TYPE);
            return ByteBuffer.wrap(errorBody(status, reason));
        }

        private static byte[] errorBody(int code, String message) {
            String text = code >= 500 || message == null || message.isBlank() ? "internal error" : message;
            if (code < 500 && (message == null || message.isBlank())) {
                text = "bad request";
            }
            return json(code, JSON.objectNode().put("error", truncate(text))).body();
        }
    }

    /** For tests and the CLI: the models served now, by name. */
    Map<String, ServedModel> served() {
        return store.models();
    }
}
