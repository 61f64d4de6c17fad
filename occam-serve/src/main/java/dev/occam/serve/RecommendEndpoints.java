package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.recommend.RecommenderModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of a recommendation model:
 * <pre>
 * POST /v1/models/{name}/recommend  {"user": "C0001", "history": ["Tech support"], "top": 10}
 * POST /v1/models/{name}/similar    {"item": "Tech support", "top": 10}
 * GET  /v1/models/{name}            method, catalogue and user counts, columns
 * </pre>
 * {@code user} and {@code history} are each optional but one is needed: a known user's stored history plus the
 * items in {@code history} (seen since), an unknown user's or an anonymous {@code history} alone; no history at all
 * gives the popularity list, marked. Items the model does not know are listed in {@code ignored_items}. Errors name
 * the field.
 */
final class RecommendEndpoints {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecommendEndpoints() {
    }

    static ObjectNode recommend(ServedRecommender served, JsonNode body) {
        requireObject(body, "{\"user\": \"...\", \"history\": [...], \"top\": 10}");
        String user = text(body, "user");
        List<String> history = new ArrayList<>();
        JsonNode h = body.get("history");
        if (h != null && !h.isNull()) {
            if (!h.isArray()) {
                throw new ApiException(400, "'history' must be a list of items, got " + RowReader.kind(h), "history", null);
            }
            for (int k = 0; k < h.size(); k++) {
                JsonNode item = h.get(k);
                if (!item.isTextual() && !item.isNumber()) {
                    throw new ApiException(400, "'history' item " + k + " must be an item as text, got " + RowReader.kind(item),
                            "history", null);
                }
                history.add(item.asText());
            }
        }
        if (user == null && (h == null || h.isNull())) {
            throw new ApiException(400, "send 'user' (a " + served.model().columns().user() + "), 'history' (a list of "
                    + served.model().columns().item() + " values), or both", "user", null);
        }
        int top = top(body);
        RecommenderModel.UserRecommendations list = served.model().recommend(user, history, top);
        ObjectNode answer = head(served);
        if (user != null) {
            answer.put("user", user);
        }
        answer.put("known_user", list.knownUser());
        answer.put("popularity_fallback", list.popularityFallback());
        ArrayNode items = answer.putArray("items");
        for (RecommenderModel.Recommended r : list.items()) {
            ObjectNode o = items.addObject();
            o.put("rank", r.rank());
            o.put("item", r.item());
            o.put("score", r.score());
            o.put("reason", r.reason());
            ArrayNode because = o.putArray("because");
            r.because().forEach(because::add);
            o.put("from_popularity", r.fromPopularity());
        }
        ArrayNode ignored = answer.putArray("ignored_items");
        list.ignoredItems().forEach(ignored::add);
        return answer;
    }

    static ObjectNode similar(ServedRecommender served, JsonNode body) {
        requireObject(body, "{\"item\": \"...\", \"top\": 10}");
        String item = text(body, "item");
        if (item == null) {
            throw new ApiException(400, "send 'item', a " + served.model().columns().item() + " value", "item", null);
        }
        int top = top(body);
        List<RecommenderModel.Similar> similar;
        try {
            similar = served.model().similar(item, top);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, e.getMessage(), "item", null);
        }
        ObjectNode answer = head(served);
        answer.put("item", item);
        ArrayNode out = answer.putArray("similar");
        for (RecommenderModel.Similar s : similar) {
            out.addObject().put("item", s.item()).put("weight", s.weight());
        }
        if (similar.isEmpty()) {
            answer.put("note", served.model().method().endsWith("popularity")
                    ? "a popularity model knows no similarity between items" : "the model has no positive weight from this item");
        }
        return answer;
    }

    static ObjectNode summary(ServedRecommender served) {
        ObjectNode o = head(served);
        RecommenderModel m = served.model();
        o.put("task", "recommend");
        o.put("use_case", m.useCase());
        o.put("items", m.itemCount());
        o.put("users", m.userCount());
        o.put("parameters", m.recommender().parameterCount());
        ObjectNode columns = o.putObject("columns");
        columns.put("user", m.columns().user());
        columns.put("item", m.columns().item());
        o.put("description", m.describe());
        return o;
    }

    private static ObjectNode head(ServedRecommender served) {
        ObjectNode answer = JSON.objectNode();
        answer.put("model", served.name());
        answer.put("version", served.version());
        answer.put("method", served.model().method());
        return answer;
    }

    private static void requireObject(JsonNode body, String example) {
        if (!body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object such as " + example + ", got " + RowReader.kind(body));
        }
    }

    /** A text (or number) field, null when absent or null. */
    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new ApiException(400, "'" + field + "' must be text, got " + RowReader.kind(v), field, null);
        }
        return v.asText();
    }

    private static int top(JsonNode body) {
        JsonNode v = body.get("top");
        if (v == null || v.isNull()) {
            return DEFAULT_TOP;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1 || v.intValue() > MAX_TOP) {
            throw new ApiException(400, "'top' must be a whole number from 1 to " + MAX_TOP + ", got " + v, "top", null);
        }
        return v.intValue();
    }
}
