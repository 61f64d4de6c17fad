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
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Row;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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
    private static final ObjectMapper MAPPER = new ObjectMapper()
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
    private final Consumer<String> log;
    private final Server http;
    private final ServerConnector connector;

    private OccamServer(ServeOptions options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        this.store = new ModelStore(options.dir(), log);
        store.refresh();
        int threads = options.threads() + ACCEPTORS + SELECTORS;
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("occam-serve");
        pool.setDaemon(true);
        this.http = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        this.connector = new ServerConnector(http, ACCEPTORS, SELECTORS, new HttpConnectionFactory(config));
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
        try {
            http.stop();
        } catch (Exception e) {
            log.accept("stopping the server: " + e);
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String endpoint = "other";
        String modelName = null;
        Answer answer;
        try {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            try {
                if (path.equals("/health")) {
                    endpoint = "health";
                    requireMethod(method, "GET");
                    answer = json(200, JSON.objectNode().put("status", "ok").put("models", store.models().size()));
                } else if (path.equals("/metrics")) {
                    endpoint = "metrics";
                    requireMethod(method, "GET");
                    answer = new Answer(200, TEXT_TYPE, metrics.text(store.models()).getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/openapi.json")) {
                    endpoint = "openapi";
                    requireMethod(method, "GET");
                    answer = json(200, Documents.openApi(store.models(), options.maxBatchRows()));
                } else if (path.equals("/v1/models") || path.equals("/v1/models/")) {
                    endpoint = "models";
                    requireMethod(method, "GET");
                    answer = json(200, Documents.list(store.models()));
                } else if (path.startsWith("/v1/models/")) {
                    String[] parts = path.split("/", -1);
                    if (parts.length == 4) {
                        endpoint = "model";
                        ServedModel m = find(parts[3]);
                        requireMethod(method, "GET");
                        modelName = m.name();
                        answer = json(200, Documents.summary(m));
                    } else if (parts.length == 5 && parts[4].equals("predict")) {
                        endpoint = "predict";
                        ServedModel m = find(parts[3]);
                        requireMethod(method, "POST");
                        modelName = m.name();
                        answer = json(200, predict(m, readBody(request)));
                    } else {
                        throw noSuchEndpoint(path);
                    }
                } else {
                    throw noSuchEndpoint(path);
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
                    response.getHeaders().put(HttpHeader.ALLOW, e.field()); // the allowed method, not an input field
                    error.remove("field");
                }
                answer = json(e.status(), error);
            } catch (IOException e) {
                metrics.record(endpoint, modelName, 499, System.nanoTime() - start); // the client went away
                callback.failed(e);
                return;
            }
        } catch (RuntimeException e) {
            log.accept("internal error on " + truncate(request.getHttpURI().getPath()) + ": " + e);
            answer = json(500, JSON.objectNode().put("error", "internal error"));
        }
        send(response, answer, callback, endpoint, modelName, start);
    }

    private void send(Response response, Answer answer, Callback callback, String endpoint, String modelName,
            long start) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(answer.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), Callback.from(() -> {
            metrics.record(endpoint, modelName, answer.status(), System.nanoTime() - start);
            callback.succeeded();
        }, failure -> {
            metrics.record(endpoint, modelName, 499, System.nanoTime() - start);
            callback.failed(failure);
        }));
    }

    private static ApiException noSuchEndpoint(String path) {
        return new ApiException(404, "no such endpoint: " + truncate(path) + "; see GET /openapi.json");
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

    /** The body, refused with 413 from its declared length before reading or as soon as it passes the limit. */
    private JsonNode readBody(Request request) throws IOException {
        int max = options.maxBodyBytes();
        long declared = request.getLength(); // -1 when not declared (chunked); Jetty refuses a malformed one
        if (declared > max) {
            throw new ApiException(413, "the body is " + declared + " bytes, over the limit of " + max);
        }
        byte[] body = new byte[declared >= 0 ? (int) declared : Math.min(max, 1024)];
        int size = 0;
        InputStream in = Content.Source.asInputStream(request);
        while (true) {
            if (size == body.length) {
                if (declared >= 0 || size == max) {
                    if (in.read() < 0) {
                        break;
                    }
                    throw new ApiException(413, "the body is over the limit of " + max + " bytes");
                }
                body = Arrays.copyOf(body, (int) Math.min(max, 2L * body.length));
            }
            int r = in.read(body, size, body.length - size);
            if (r < 0) {
                break;
            }
            size += r;
        }
        if (size == 0) {
            throw new ApiException(400, "the body is empty; send a JSON row or {\"rows\": [...]}");
        }
        try {
            return READER.readTree(body, 0, size);
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

    /** One row's answer: prediction, probability (classification; multiclass also every class's) or the interval's ends (regression), reasons, guardrails. */
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
        return o;
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
