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

    /** An OpenAPI 3.0 document of every endpoint, with one predict path and one row schema per model. */
    static ObjectNode openApi(Map<String, ServedModel> models, ServeOptions options) {
        int maxBatchRows = options.maxBatchRows();
        boolean tokens = options.access().tokensFile() != null;
        boolean limited = options.access().rateLimit() > 0;
        ObjectNode root = JSON.objectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "Occam scoring service");
        info.put("version", "1");
        info.put("description", "Scores rows with the models of a folder: predictions, probabilities, reason codes "
                + "and guardrails. Every feature of a model must be sent; null means a missing value.");
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

        simpleGet(paths, "/health", "Whether the server is up, and how many models it serves", object(
                Map.of("status", string(), "models", integer()), "status"));
        if (tokens) {
            ((ObjectNode) paths.get("/health").get("get")).putArray("security"); // open: for load balancers
        }
        ObjectNode metrics = paths.putObject("/metrics").putObject("get");
        metrics.put("summary", "Request counts and latencies in the Prometheus text format");
        metrics.putObject("responses").putObject("200").put("description", "metrics").putObject("content")
                .putObject("text/plain").putObject("schema").put("type", "string");
        simpleGet(paths, "/openapi.json", "This document", JSON.objectNode().put("type", "object"));
        ObjectNode modelEntry = object(Map.of("name", string(), "version", integer(), "family", string(),
                "target", string()), "name", "version", "family");
        ObjectNode listSchema = JSON.objectNode().put("type", "object");
        listSchema.putObject("properties").putObject("models").put("type", "array").set("items", modelEntry);
        simpleGet(paths, "/v1/models", "The models served, with their versions and families", listSchema);
        ObjectNode one = paths.putObject("/v1/models/{name}").putObject("get");
        one.put("summary", "One model: family, target, threshold, parameters, input schema, success verdict");
        nameParameter(one);
        ObjectNode oneResponses = one.putObject("responses");
        oneResponses.putObject("200").put("description", "the model").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        errorResponse(oneResponses, "404", "no model of that name");

        ObjectNode monitor = paths.putObject("/v1/models/{name}/monitor").putObject("get");
        monitor.put("summary", "What the model has seen since its version was loaded: drift per feature (population"
                + " stability index against the training bins), the distribution of its predictions, and selection"
                + " rates by protected group against the four-fifths rule");
        nameParameter(monitor);
        ObjectNode monitorResponses = monitor.putObject("responses");
        monitorResponses.putObject("200").put("description", "the live picture").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        errorResponse(monitorResponses, "404", "no model of that name");

        for (ServedModel m : models.values()) {
            String rowName = "Row-" + m.name();
            schemas.set(rowName, rowSchema(m.model().schema(), options.strict()));
            ObjectNode post = paths.putObject("/v1/models/" + m.name() + "/predict").putObject("post");
            post.put("summary", "Score one row, or a batch of up to " + maxBatchRows + " rows, with " + m.name()
                    + " (" + m.model().family() + " model of " + m.model().target().name() + ")");
            ObjectNode body = post.putObject("requestBody");
            body.put("required", true);
            ObjectNode ref = JSON.objectNode().put("$ref", "#/components/schemas/" + rowName);
            ObjectNode batch = JSON.objectNode().put("type", "object");
            batch.putArray("required").add("rows");
            batch.put("additionalProperties", false);
            ObjectNode rowsProp = batch.putObject("properties").putObject("rows");
            rowsProp.put("type", "array").put("maxItems", maxBatchRows).set("items", ref.deepCopy());
            ObjectNode schema = body.putObject("content").putObject("application/json").putObject("schema");
            schema.putArray("oneOf").add(ref).add(batch);
            ObjectNode responses = post.putObject("responses");
            responses.putObject("200").put("description", "the prediction of each row, with the model version")
                    .putObject("content").putObject("application/json").putObject("schema")
                    .set("$ref", JSON.textNode("#/components/schemas/Answer-" + m.name()));
            schemas.set("Answer-" + m.name(), answerSchema(m.model()));
            errorResponse(responses, "400", "bad JSON, a missing field, a wrong type (named in 'field'), or, when the"
                    + " server runs with --strict, a field the model does not read or a guardrail tripped");
            errorResponse(responses, "404", "no model of that name");
            errorResponse(responses, "408", "the body did not arrive in full within the request timeout");
            errorResponse(responses, "413", "the body is over the size limit or the batch over " + maxBatchRows
                    + " rows");
            errorResponse(responses, "503", "too many large batches in progress; retry after the Retry-After"
                    + " seconds");
        }
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

    private static void simpleGet(ObjectNode paths, String path, String summary, JsonNode schema) {
        ObjectNode get = paths.putObject(path).putObject("get");
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

    private static ObjectNode integer() {
        return JSON.objectNode().put("type", "integer");
    }
}
