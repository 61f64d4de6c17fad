package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.TypicalValues;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.forecast.ForecastModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents that describe models: the list, one model's summary, and the OpenAPI 3 document of the
 * service with each model's input schema. Built from the loaded models; nothing is read from disk here.
 */
final class Documents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Documents() {
    }

    static ObjectNode list(Map<String, ServedModel> models) {
        ObjectNode root = JSON.objectNode();
        ArrayNode list = root.putArray("models");
        models.values().forEach(m -> {
            ObjectNode o = list.addObject();
            o.put("name", m.name());
            o.put("version", m.version());
            o.put("task", m.model().target().task().word());
            o.put("family", m.model().family());
            o.put("target", m.model().target().name());
        });
        return root;
    }

    /** Adds the segmentations served to a {@link #list} answer, each with its task, method and segment count. */
    static ObjectNode withSegmentations(ObjectNode list, Map<String, ServedSegmentation> segmentations) {
        ArrayNode models = (ArrayNode) list.get("models");
        segmentations.values().forEach(s -> models.add(segmentation(s)));
        return list;
    }

    /** A segmentation's summary: name, version, task, method, segments, the columns it reads and its profiles. */
    static ObjectNode segmentation(ServedSegmentation served) {
        ObjectNode o = JSON.objectNode();
        o.put("name", served.name());
        o.put("version", served.version());
        o.put("task", "segment");
        o.put("method", served.segmentation().method());
        o.put("segments", served.segmentation().segmentCount());
        ArrayNode columns = o.putArray("columns");
        served.segmentation().schema().names().forEach(columns::add);
        ArrayNode profiles = o.putArray("profiles");
        served.segmentation().profiles().forEach(profiles::add);
        return o;
    }

    static ObjectNode summary(ServedModel served) {
        Model model = served.model();
        ObjectNode root = JSON.objectNode();
        root.put("name", served.name());
        root.put("version", served.version());
        root.put("checksum", served.checksum());
        root.put("family", model.family());
        TargetInfo t = model.target();
        ObjectNode target = root.putObject("target");
        target.put("name", t.name());
        target.put("task", t.task().word());
        if (t.isMulticlass()) {
            ArrayNode levels = target.putArray("levels");
            t.levels().forEach(levels::add);
        }
        if (t.isClassification()) {
            target.put("positive", t.positive());
            target.put("negative", t.negative());
            root.put("threshold", model.threshold());
        }
        root.put("parameters", model.parameterCount());
        if (model.interval() != null) {
            root.set("interval", model.interval().toJson());
        }
        ArrayNode features = root.putArray("schema");
        Schema schema = model.schema();
        TypicalValues typical = model.typicalValues();
        for (int i = 0; i < schema.size(); i++) {
            Feature f = schema.feature(i);
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            o.put("type", f.isNumeric() ? "numeric" : "categorical");
            if (f.isCategorical()) {
                ArrayNode levels = o.putArray("levels");
                f.levels().forEach(levels::add);
            }
            if (typical != null) {
                Object v = typical.value(i);
                if (v instanceof Double d) {
                    o.put("typical", d);
                } else if (v != null) {
                    o.put("typical", v.toString());
                }
                if (typical.hasRange(i)) {
                    o.put("min", typical.min(i));
                    o.put("max", typical.max(i));
                }
            }
        }
        if (served.success() != null) {
            root.set("success", served.success());
        }
        return root;
    }

    /**
     * Every model served, with its task: the prediction models ({@link #list}), then the forecasting, recommendation
     * and segmentation models, each with what its own endpoint needs to be called.
     */
    static ObjectNode catalogue(Map<String, ServedModel> models, Map<String, ForecastModel> forecasts,
            Map<String, ServedRecommender> recommenders, Map<String, ServedSegmentation> segmentations) {
        ObjectNode root = withSegmentations(list(models), segmentations);
        ArrayNode list = (ArrayNode) root.get("models");
        forecasts.values().forEach(f -> {
            ObjectNode o = list.addObject();
            o.put("name", f.name());
            o.put("task", "forecast");
            o.put("method", f.method());
            o.put("target", f.target());
            o.put("frequency", f.frequency().word());
            o.put("horizon", f.horizon());
            if (f.seriesColumn() != null) {
                o.put("series_column", f.seriesColumn());
                o.put("series", f.series().size());
            }
        });
        recommenders.values().forEach(r -> {
            ObjectNode o = list.addObject();
            o.put("name", r.name());
            o.put("version", r.version());
            o.put("task", "recommend");
            o.put("method", r.model().method());
            o.put("user_column", r.model().columns().user());
            o.put("item_column", r.model().columns().item());
        });
        return root;
    }

    /**
     * An OpenAPI 3.0 document of every endpoint. Each operation has an {@code operationId} and one path, with the
     * model's name as a path parameter ({@code /v1/models/{name}/predict}), so a client generated from it keeps
     * working when models are added or renamed. The row and answer schemas of each model served now are
     * components ({@code Row-<name>}, {@code Answer-<name>}), offered to the operation as {@code anyOf} (a row may
     * satisfy several models' schemas, so {@code oneOf} would refuse it) and mapped by name under the operation's
     * {@code x-occam-models}.
     */
    static ObjectNode openApi(Map<String, ServedModel> models, Map<String, ForecastModel> forecasts,
            Map<String, ServedRecommender> recommenders, Map<String, ServedSegmentation> segmentations,
            ServeOptions options) {
        int maxBatchRows = options.maxBatchRows();
        boolean tokens = options.access().tokensFile() != null;
        boolean limited = options.access().rateLimit() > 0;
        ObjectNode root = JSON.objectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "Occam scoring service");
        info.put("version", "1");
        info.put("description", "Scores rows with the models of a folder: predictions, probabilities, reason codes "
                + "and guardrails; forecasts, recommendations and segments from models of those tasks. Every "
                + "feature of a model must be sent; null means a missing value.");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        if (tokens) {
            // Every endpoint but /health needs the token (/health overrides this with an empty requirement).
            components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
            root.putArray("security").addObject().putArray("bearer");
        }
        schemas.set("Error", object(Map.of("error", string(), "field", string(), "row", integer()), "error"));
        schemas.set("Guardrail", object(Map.of("field", string(), "issue", string()), "field", "issue"));

        simpleGet(paths, "/health", "health", "Whether the server is up, and how many models it serves", object(
                Map.of("status", string(), "models", integer()), "status"));
        if (tokens) {
            ((ObjectNode) paths.get("/health").get("get")).putArray("security"); // open: for load balancers
        }
        ObjectNode metrics = paths.putObject("/metrics").putObject("get");
        metrics.put("operationId", "metrics");
        metrics.put("summary", "Request counts and latencies in the Prometheus text format");
        metrics.putObject("responses").putObject("200").put("description", "metrics").putObject("content")
                .putObject("text/plain").putObject("schema").put("type", "string");
        simpleGet(paths, "/openapi.json", "openApi", "This document", JSON.objectNode().put("type", "object"));
        ObjectNode modelEntry = object(Map.of("name", string(), "version", integer(), "task", string(),
                "family", string(), "method", string(), "target", string()), "name", "task");
        ObjectNode listSchema = JSON.objectNode().put("type", "object");
        listSchema.putObject("properties").putObject("models").put("type", "array").set("items", modelEntry);
        simpleGet(paths, "/v1/models", "listModels", "Every model served, with its task (classification,"
                + " multiclass, regression, forecast, recommend, segment), version and family or method", listSchema);
        ObjectNode one = paths.putObject("/v1/models/{name}").putObject("get");
        one.put("operationId", "getModel");
        one.put("summary", "One model: family, target, threshold, parameters, input schema, success verdict (or a"
                + " forecasting, recommendation or segmentation model's own summary)");
        nameParameter(one);
        ObjectNode oneResponses = one.putObject("responses");
        oneResponses.putObject("200").put("description", "the model").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        errorResponse(oneResponses, "404", "no model of that name");

        ObjectNode monitor = paths.putObject("/v1/models/{name}/monitor").putObject("get");
        monitor.put("operationId", "getMonitor");
        monitor.put("summary", "What the model has seen since its version was loaded: drift per feature (population"
                + " stability index against the training bins), the distribution of its predictions, and selection"
                + " rates by protected group against the four-fifths rule");
        nameParameter(monitor);
        ObjectNode monitorResponses = monitor.putObject("responses");
        monitorResponses.putObject("200").put("description", "the live picture").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        errorResponse(monitorResponses, "404", "no model of that name");

        predict(paths, schemas, models, segmentations, options);
        forecast(paths, schemas, forecasts);
        recommend(paths, schemas, recommenders);

        for (JsonNode path : paths) {
            path.fields().forEachRemaining(op -> {
                ObjectNode responses = (ObjectNode) op.getValue().get("responses");
                if (tokens && !op.getValue().has("security")) {
                    errorResponse(responses, "401", "no valid bearer token (see the WWW-Authenticate header)");
                }
                if (limited && !op.getValue().has("security")) {
                    errorResponse(responses, "429", "over the rate limit; retry after the Retry-After seconds");
                }
            });
        }
        return root;
    }

    /** {@code POST /v1/models/{name}/predict}: every prediction model's and segmentation's row and answer. */
    private static void predict(ObjectNode paths, ObjectNode schemas, Map<String, ServedModel> models,
            Map<String, ServedSegmentation> segmentations, ServeOptions options) {
        int maxBatchRows = options.maxBatchRows();
        ObjectNode post = paths.putObject("/v1/models/{name}/predict").putObject("post");
        post.put("operationId", "predict");
        List<String> served = new ArrayList<>();
        ArrayNode rows = JSON.arrayNode();
        ArrayNode answers = JSON.arrayNode();
        ObjectNode byModel = JSON.objectNode();
        for (ServedModel m : models.values()) {
            schemas.set("Row-" + m.name(), rowSchema(m.model().schema(), options.strict()));
            schemas.set("Answer-" + m.name(), answerSchema(m.model()));
            served.add(m.name() + " (" + m.model().family() + " model of " + m.model().target().name() + ")");
            mapModel(byModel, m.name(), m.model().target().task().word(), rows, answers);
        }
        for (ServedSegmentation s : segmentations.values()) {
            schemas.set("Row-" + s.name(), rowSchema(s.segmentation().schema(), options.strict()));
            schemas.set("Answer-" + s.name(), segmentAnswerSchema());
            served.add(s.name() + " (" + s.segmentation().method() + " segmentation)");
            mapModel(byModel, s.name(), "segment", rows, answers);
        }
        post.put("summary", "Score one row, or a batch of up to " + maxBatchRows + " rows, with the named model;"
                + " for a segmentation, the row's segment");
        post.put("description", "Models served now: " + (served.isEmpty() ? "none" : String.join(", ", served))
                + ". Each one's row and answer schemas are components Row-<name> and Answer-<name>, mapped under"
                + " x-occam-models.");
        post.set("x-occam-models", byModel);
        nameParameter(post);
        schemas.set("Row", rows.isEmpty() ? JSON.objectNode().put("type", "object") : JSON.objectNode().set("anyOf", rows));
        ObjectNode batch = JSON.objectNode().put("type", "object");
        batch.putArray("required").add("rows");
        batch.put("additionalProperties", false);
        batch.putObject("properties").putObject("rows").put("type", "array").put("maxItems", maxBatchRows)
                .set("items", ref("Row"));
        schemas.set("Batch", batch);
        ObjectNode body = post.putObject("requestBody");
        body.put("required", true);
        body.putObject("content").putObject("application/json").putObject("schema").putArray("oneOf")
                .add(ref("Row")).add(ref("Batch"));
        schemas.set("Answer", answers.isEmpty() ? JSON.objectNode().put("type", "object")
                : JSON.objectNode().set("anyOf", answers));
        ObjectNode responses = post.putObject("responses");
        responses.putObject("200").put("description", "the prediction of each row, with the model version")
                .putObject("content").putObject("application/json").set("schema", ref("Answer"));
        errorResponse(responses, "400", "bad JSON, a missing field, a wrong type (named in 'field'), or, when the"
                + " server runs with --strict, a field the model does not read or a guardrail tripped");
        errorResponse(responses, "404", "no model of that name");
        errorResponse(responses, "408", "the body did not arrive in full within the request timeout");
        errorResponse(responses, "413", "the body is over the size limit or the batch over " + maxBatchRows + " rows");
        errorResponse(responses, "503", "too many large batches in progress; retry after the Retry-After seconds");
    }

    private static void mapModel(ObjectNode byModel, String name, String task, ArrayNode rows, ArrayNode answers) {
        byModel.putObject(name).put("task", task).put("row", "#/components/schemas/Row-" + name)
                .put("answer", "#/components/schemas/Answer-" + name);
        rows.add(ref("Row-" + name));
        answers.add(ref("Answer-" + name));
    }

    /** {@code POST /v1/models/{name}/forecast}: a forecasting model's forecast, for one series or all. */
    private static void forecast(ObjectNode paths, ObjectNode schemas, Map<String, ForecastModel> forecasts) {
        ObjectNode post = paths.putObject("/v1/models/{name}/forecast").putObject("post");
        post.put("operationId", "forecast");
        post.put("summary", "The named forecasting model's forecast with 80% and 95% intervals, one row per series"
                + " and future time");
        List<String> served = new ArrayList<>();
        forecasts.values().forEach(f -> served.add(f.name() + " (" + f.method() + ", " + f.frequency().word()
                + (f.seriesColumn() == null ? ", one series" : ", series in column " + f.seriesColumn()) + ")"));
        post.put("description", "Forecasting models served now: " + (served.isEmpty() ? "none" : String.join(", ",
                served)) + ". Each row holds the series column (when the model has one) and the time column (ISO"
                + " dates), named as in the model's data.");
        nameParameter(post);
        ObjectNode request = JSON.objectNode().put("type", "object");
        ObjectNode rp = request.putObject("properties");
        rp.putObject("series").put("type", "string").put("description", "one series' name; leave out for every"
                + " series (and for a model of one series)");
        rp.putObject("horizon").put("type", "integer").put("minimum", 1).put("maximum", 10_000)
                .put("description", "steps ahead; default the use case's horizon");
        schemas.set("ForecastRequest", request);
        ObjectNode row = JSON.objectNode().put("type", "object").put("additionalProperties", true);
        ObjectNode fp = row.putObject("properties");
        for (String f : List.of("forecast", "lower_80", "upper_80", "lower_95", "upper_95")) {
            fp.putObject(f).put("type", "number");
        }
        ObjectNode answer = object(Map.of("model", string(), "method", string(), "frequency", string(),
                "horizon", integer()), "model", "forecast");
        ((ObjectNode) answer.get("properties")).putObject("forecast").put("type", "array").set("items", row);
        schemas.set("ForecastAnswer", answer);
        post.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                .set("schema", ref("ForecastRequest"));
        ObjectNode responses = post.putObject("responses");
        responses.putObject("200").put("description", "the forecast").putObject("content")
                .putObject("application/json").set("schema", ref("ForecastAnswer"));
        errorResponse(responses, "400", "a field of the wrong type or out of range (named in 'field')");
        errorResponse(responses, "404", "no forecasting model of that name, or no such series");
    }

    /** {@code POST /v1/models/{name}/recommend} and {@code .../similar}: a recommendation model's answers. */
    private static void recommend(ObjectNode paths, ObjectNode schemas, Map<String, ServedRecommender> recommenders) {
        List<String> served = new ArrayList<>();
        recommenders.values().forEach(r -> served.add(r.name() + " (" + r.model().method() + "; users are "
                + r.model().columns().user() + ", items " + r.model().columns().item() + ")"));
        String servedNow = "Recommendation models served now: " + (served.isEmpty() ? "none" : String.join(", ",
                served)) + ".";
        ObjectNode top = JSON.objectNode().put("type", "integer").put("minimum", 1)
                .put("maximum", RecommendEndpoints.MAX_TOP).put("default", RecommendEndpoints.DEFAULT_TOP);

        ObjectNode request = JSON.objectNode().put("type", "object");
        ObjectNode rp = request.putObject("properties");
        rp.putObject("user").put("type", "string").put("description", "a known user; leave out for a new one");
        rp.putObject("history").put("type", "array").put("description", "items the user has had, beside or instead"
                + " of the user's known history").putObject("items").put("type", "string");
        rp.set("top", top.deepCopy());
        schemas.set("RecommendRequest", request);
        ObjectNode item = object(Map.of("rank", integer(), "item", string(), "score", number(), "reason", string(),
                "from_popularity", JSON.objectNode().put("type", "boolean")), "rank", "item");
        ((ObjectNode) item.get("properties")).putObject("because").put("type", "array").putObject("items")
                .put("type", "string");
        ObjectNode answer = object(Map.of("model", string(), "version", integer(), "method", string(),
                "user", string(), "known_user", JSON.objectNode().put("type", "boolean"),
                "popularity_fallback", JSON.objectNode().put("type", "boolean")), "model", "items");
        ObjectNode ap = (ObjectNode) answer.get("properties");
        ap.putObject("items").put("type", "array").set("items", item);
        ap.putObject("ignored_items").put("type", "array").putObject("items").put("type", "string");
        schemas.set("RecommendAnswer", answer);
        ObjectNode post = paths.putObject("/v1/models/{name}/recommend").putObject("post");
        post.put("operationId", "recommend");
        post.put("summary", "The named recommendation model's top items for a user, a history, or both");
        post.put("description", servedNow);
        nameParameter(post);
        post.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .set("schema", ref("RecommendRequest"));
        ObjectNode responses = post.putObject("responses");
        responses.putObject("200").put("description", "the ranked items").putObject("content")
                .putObject("application/json").set("schema", ref("RecommendAnswer"));
        errorResponse(responses, "400", "neither user nor history, or a field of the wrong type (named in 'field')");
        errorResponse(responses, "404", "no recommendation model of that name");

        ObjectNode similarRequest = JSON.objectNode().put("type", "object");
        similarRequest.putArray("required").add("item");
        ObjectNode sp = similarRequest.putObject("properties");
        sp.putObject("item").put("type", "string");
        sp.set("top", top.deepCopy());
        schemas.set("SimilarRequest", similarRequest);
        ObjectNode similarAnswer = object(Map.of("model", string(), "version", integer(), "method", string(),
                "item", string(), "note", string()), "model", "similar");
        ((ObjectNode) similarAnswer.get("properties")).putObject("similar").put("type", "array")
                .set("items", object(Map.of("item", string(), "weight", number()), "item", "weight"));
        schemas.set("SimilarAnswer", similarAnswer);
        ObjectNode similar = paths.putObject("/v1/models/{name}/similar").putObject("post");
        similar.put("operationId", "similar");
        similar.put("summary", "The items most like one item, by the named recommendation model's weights");
        similar.put("description", servedNow);
        nameParameter(similar);
        similar.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .set("schema", ref("SimilarRequest"));
        ObjectNode similarResponses = similar.putObject("responses");
        similarResponses.putObject("200").put("description", "the similar items").putObject("content")
                .putObject("application/json").set("schema", ref("SimilarAnswer"));
        errorResponse(similarResponses, "400", "no item, or a field of the wrong type (named in 'field')");
        errorResponse(similarResponses, "404", "no recommendation model of that name, or an unknown item");
    }

    private static ObjectNode segmentAnswerSchema() {
        ObjectNode one = JSON.objectNode().put("type", "object");
        ObjectNode p = one.putObject("properties");
        p.putObject("segment").put("type", "integer").put("description", "the row's segment, from 1");
        p.putObject("probability").put("type", "number").put("nullable", true).put("description",
                "the membership probability; null where the method has none (k-means, k-prototypes)");
        p.putObject("ignored_fields").put("type", "array").putObject("items").put("type", "string");
        ObjectNode answer = JSON.objectNode().put("type", "object");
        ObjectNode a = answer.putObject("properties");
        a.set("model", string());
        a.set("version", integer());
        a.putObject("predictions").put("type", "array").put("description", "for a batch, one per row in order")
                .set("items", one.deepCopy());
        p.fields().forEachRemaining(e -> a.set(e.getKey(), e.getValue().deepCopy()));
        return answer;
    }

    private static ObjectNode ref(String component) {
        return JSON.objectNode().put("$ref", "#/components/schemas/" + component);
    }

    /** A row: every feature required; other fields are ignored and listed, or refused when strict. */
    private static ObjectNode rowSchema(Schema schema, boolean strict) {
        ObjectNode row = JSON.objectNode().put("type", "object").put("additionalProperties", !strict);
        ArrayNode required = row.putArray("required");
        ObjectNode props = row.putObject("properties");
        for (Feature f : schema.features()) {
            required.add(f.name());
            ObjectNode p = props.putObject(f.name());
            if (f.isNumeric()) {
                p.put("type", "number").put("nullable", true);
            } else {
                p.put("type", "string").put("nullable", true);
                p.put("description", "one of the training levels " + f.levels()
                        + "; another level is scored as missing and flagged as a guardrail");
                ArrayNode examples = JSON.arrayNode();
                f.levels().stream().limit(1).forEach(examples::add);
                if (!examples.isEmpty()) {
                    p.set("example", examples.get(0));
                }
            }
        }
        return row;
    }

    private static ObjectNode answerSchema(Model model) {
        TargetInfo target = model.target();
        ObjectNode prediction = JSON.objectNode().put("type", "object");
        ObjectNode props = prediction.putObject("properties");
        if (target.isClassification()) {
            props.putObject("prediction").put("type", "string").putArray("enum").add(target.positive())
                    .add(target.negative());
            props.putObject("probability").put("type", "number").put("description",
                    "probability that " + target.name() + " = " + target.positive());
        } else if (target.isMulticlass()) {
            ArrayNode classes = props.putObject("prediction").put("type", "string")
                    .put("description", "the most probable class").putArray("enum");
            target.levels().forEach(classes::add);
            props.putObject("probability").put("type", "number").put("description",
                    "probability of the called class");
            ObjectNode each = props.putObject("probabilities").put("type", "object").put("description",
                    "every class's probability; they sum to 1");
            ObjectNode byClass = each.putObject("properties");
            target.levels().forEach(l -> byClass.putObject(l).put("type", "number"));
        } else {
            props.putObject("prediction").put("type", "number");
            PredictionInterval interval = model.interval();
            if (interval != null) {
                String words = interval.percent() + "% prediction interval: prediction ± "
                        + Json.number(interval.halfWidth()) + ", " + interval.methodWords();
                props.putObject("lower").put("type", "number").put("description", "lower end of the " + words);
                props.putObject("upper").put("type", "number").put("description", "upper end of the " + words);
                props.putObject("interval_level").put("type", "number").put("description",
                        "the share of new values the interval is meant to hold, " + Json.number(interval.level()));
            }
        }
        props.putObject("reasons").put("type", "array").put("description", target.isMulticlass()
                ? "the top 3 reasons that raised the called class's score" : target.isClassification()
                ? "the top 3 reasons that raised the score"
                : "the top 3 reasons by size, each saying whether it raises or lowers the prediction")
                .putObject("items").put("type", "string");
        props.putObject("guardrails").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/Guardrail");
        props.putObject("ignored_fields").put("type", "array").put("description",
                "fields sent that the model does not read (an ID, a protected attribute), not scored")
                .putObject("items").put("type", "string");
        ObjectNode answer = JSON.objectNode().put("type", "object");
        ObjectNode a = answer.putObject("properties");
        a.set("model", string());
        a.set("version", integer());
        a.putObject("predictions").put("type", "array").put("description", "for a batch, one per row in order")
                .set("items", prediction.deepCopy());
        props.fields().forEachRemaining(e -> a.set(e.getKey(), e.getValue().deepCopy()));
        return answer;
    }

    private static void simpleGet(ObjectNode paths, String path, String operationId, String summary, JsonNode schema) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("operationId", operationId);
        get.put("summary", summary);
        get.putObject("responses").putObject("200").put("description", "ok").putObject("content")
                .putObject("application/json").set("schema", schema);
    }

    private static void nameParameter(ObjectNode op) {
        ObjectNode p = op.putArray("parameters").addObject();
        p.put("name", "name").put("in", "path").put("required", true);
        p.putObject("schema").put("type", "string").put("pattern", "^[a-z0-9-]+$");
    }

    private static void errorResponse(ObjectNode responses, String status, String description) {
        responses.putObject(status).put("description", description).putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    }

    private static ObjectNode object(Map<String, ObjectNode> properties, String... required) {
        ObjectNode o = JSON.objectNode().put("type", "object");
        ObjectNode props = o.putObject("properties");
        new java.util.TreeMap<>(properties).forEach(props::set);
        ArrayNode req = o.putArray("required");
        for (String r : required) {
            req.add(r);
        }
        return o;
    }

    private static ObjectNode string() {
        return JSON.objectNode().put("type", "string");
    }

    private static ObjectNode number() {
        return JSON.objectNode().put("type", "number");
    }

    private static ObjectNode integer() {
        return JSON.objectNode().put("type", "integer");
    }
}
