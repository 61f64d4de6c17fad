package dev.occam.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Guardrail;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The scoring service: every model under a folder, over HTTP, with JSON in and out.
 *
 * <pre>
 * POST /v1/models/{name}/predict   one row {"Income": 120, ...} or a batch {"rows": [...]}
 * GET  /v1/models                  names, versions, families
 * GET  /v1/models/{name}           family, target, threshold, parameters, schema, success verdict
 * GET  /health                     {"status": "ok", "models": n}
 * GET  /metrics                    Prometheus text
 * GET  /openapi.json               OpenAPI 3 document with each model's input schema
 * </pre>
 *
 * <p>Built on the JDK's own HTTP server ({@code com.sun.net.httpserver}), so the service adds no dependency to
 * the runtime's. That server delays small answers by ~40 ms (Nagle's algorithm against delayed ACKs) unless
 * {@code sun.net.httpserver.nodelay} is true; {@link #start} sets it, and the request timeout, when they are
 * not given, before the first server of the JVM is created.
 *
 * <p>Every answer is JSON; a refused request gets {@code {"error": ..., "field": ...}} with 400, 404, 405 or 413,
 * and an unexpected failure a bare {@code {"error": "internal error"}} with 500, never a stack trace.
 */
public final class OccamServer implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int REASONS = 3;

    private final ServeOptions options;
    private final ModelStore store;
    private final Metrics metrics = new Metrics();
    private final Consumer<String> log;
    private final HttpServer http;
    private final ExecutorService executor;

    private OccamServer(ServeOptions options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        this.store = new ModelStore(options.dir(), log);
        store.refresh();
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(options.requestTimeout().toSeconds()));
        setIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(options.requestTimeout().toSeconds()));
        this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "occam-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    /**
     * Loads the models under {@code options.dir()}, binds the address and starts answering; a model version
     * written later is picked up within {@code options.poll()}.
     *
     * @param log where one-line notes go: models served, files refused, internal errors (without stack traces)
     * @throws IOException when the folder cannot be read or the address cannot be bound
     */
    public static OccamServer start(ServeOptions options, Consumer<String> log) throws IOException {
        OccamServer server = new OccamServer(options, log);
        server.http.start();
        server.store.startPolling(options.poll());
        return server;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The port the server listens on (the one chosen when started with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The names of the models served now. */
    public List<String> modelNames() {
        return List.copyOf(store.models().keySet());
    }

    /** Rescans the folder now instead of waiting for the next poll. */
    public void reload() {
        store.refresh();
    }

    /** Stops answering (requests in flight get up to a second to finish) and stops watching the folder. */
    @Override
    public void close() {
        store.close();
        http.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String endpoint = "other";
        String modelName = null;
        int status;
        try {
            Answer answer;
            try {
                String path = exchange.getRequestURI().getRawPath();
                String method = exchange.getRequestMethod();
                String[] parts = path.split("/", -1);
                if (path.equals("/health")) {
                    endpoint = "health";
                    requireMethod(method, "GET");
                    answer = json(200, JSON.objectNode().put("status", "ok").put("models", store.models().size()));
                } else if (path.equals("/metrics")) {
                    endpoint = "metrics";
                    requireMethod(method, "GET");
                    answer = new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.text(store.models()).getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/openapi.json")) {
                    endpoint = "openapi";
                    requireMethod(method, "GET");
                    answer = json(200, Documents.openApi(store.models(), options.maxBatchRows()));
                } else if (path.equals("/v1/models") || path.equals("/v1/models/")) {
                    endpoint = "models";
                    requireMethod(method, "GET");
                    answer = json(200, Documents.list(store.models()));
                } else if (parts.length == 4 && path.startsWith("/v1/models/")) {
                    endpoint = "model";
                    ServedModel m = find(parts[3]);
                    requireMethod(method, "GET");
                    modelName = m.name();
                    answer = json(200, Documents.summary(m));
                } else if (parts.length == 5 && path.startsWith("/v1/models/") && parts[4].equals("predict")) {
                    endpoint = "predict";
                    ServedModel m = find(parts[3]);
                    requireMethod(method, "POST");
                    modelName = m.name();
                    answer = json(200, predict(m, readBody(exchange)));
                } else {
                    throw new ApiException(404, "no such endpoint: " + truncate(path)
                            + "; see GET /openapi.json");
                }
            } catch (ApiException e) {
                ObjectNode error = JSON.objectNode().put("error", e.getMessage());
                if (e.field() != null) {
                    error.put("field", e.field());
                }
                if (e.row() != null) {
                    error.put("row", e.row());
                }
                if (e.status() == 405) {
                    exchange.getResponseHeaders().set("Allow", e.field()); // the allowed method, not an input field
                    error.remove("field");
                }
                answer = json(e.status(), error);
            } catch (RuntimeException e) {
                log.accept("internal error on " + truncate(exchange.getRequestURI().getRawPath()) + ": " + e);
                answer = json(500, JSON.objectNode().put("error", "internal error"));
            }
            status = answer.status();
            send(exchange, answer);
        } catch (IOException | RuntimeException e) {
            status = 499; // the client went away, or the answer could not be written
        } finally {
            exchange.close();
        }
        metrics.record(endpoint, modelName, status, System.nanoTime() - start);
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "method " + method + " is not allowed here; use " + allowed, allowed, null);
        }
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

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        int max = options.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = 512;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "bad Content-Length: " + truncate(length));
            }
            if (declared > max) {
                throw new ApiException(413, "the body is " + declared + " bytes, over the limit of " + max);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(16, Math.min(declared, max)));
            byte[] buf = new byte[8192];
            int r;
            while ((r = in.read(buf)) > 0) {
                if (out.size() + r > max) {
                    throw new ApiException(413, "the body is over the limit of " + max + " bytes");
                }
                out.write(buf, 0, r);
            }
            body = out.toByteArray();
        }
        if (body.length == 0) {
            throw new ApiException(400, "the body is empty; send a JSON row or {\"rows\": [...]}");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private ObjectNode predict(ServedModel served, JsonNode body) {
        Model model = served.model();
        ObjectNode answer = JSON.objectNode();
        answer.put("model", served.name());
        answer.put("version", served.version());
        if (body.isObject() && body.size() == 1 && body.has("rows") && model.schema().indexOf("rows") < 0) {
            JsonNode rows = body.get("rows");
            if (!rows.isArray()) {
                throw new ApiException(400, "'rows' must be an array of rows, got " + RowReader.kind(rows), "rows",
                        null);
            }
            if (rows.size() > options.maxBatchRows()) {
                throw new ApiException(413, "a batch of " + rows.size() + " rows is over the limit of "
                        + options.maxBatchRows(), "rows", null);
            }
            List<Row> read = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    read.add(RowReader.read(model.schema(), rows.get(i)));
                } catch (ApiException e) {
                    throw e.inRow(i);
                }
            }
            ArrayNode out = answer.putArray("predictions");
            for (int i = 0; i < read.size(); i++) {
                try {
                    out.add(score(model, read.get(i)));
                } catch (ApiException e) {
                    throw e.inRow(i);
                }
            }
            metrics.rowsScored(served.name(), read.size());
        } else {
            answer.setAll(score(model, RowReader.read(model.schema(), body)));
            metrics.rowsScored(served.name(), 1);
        }
        return answer;
    }

    /** One row's answer: prediction, probability, reasons, guardrails. */
    private ObjectNode score(Model model, Row row) {
        List<Guardrail> guardrails = Guardrail.check(model, row);
        if (options.strict() && !guardrails.isEmpty()) {
            Guardrail g = guardrails.get(0);
            throw new ApiException(400, "field '" + g.field() + "' " + row.get(g.field()) + ": " + g.issue()
                    + " (the server runs with --strict)", g.field(), null);
        }
        Prediction p = model.predict(row);
        Explanation e = model.explain(row);
        ObjectNode o = JSON.objectNode();
        if (model.target().isClassification()) {
            o.put("prediction", p.label());
            o.put("probability", p.probability());
        } else {
            o.put("prediction", p.score());
        }
        ArrayNode reasons = o.putArray("reasons");
        e.reasons(REASONS, Explanation.Direction.RAISES).forEach(reasons::add);
        ArrayNode flags = o.putArray("guardrails");
        for (Guardrail g : guardrails) {
            flags.addObject().put("field", g.field()).put("issue", g.issue());
        }
        return o;
    }

    private static Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, "application/json", MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    /** For tests and the CLI: the models served now, by name. */
    Map<String, ServedModel> served() {
        return store.models();
    }
}
