package dev.occam.runtime.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.ModelFileException;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model file of a recommendation use case: one JSON document, {@code "format": "occam-recommend/1"}, sealed
 * with a SHA-256 checksum of its canonical content as {@link dev.occam.runtime.ModelFile} is. It holds the
 * columns, the item labels ({@code items}: label of code 0, 1, ...), the known users' labels and histories
 * ({@code users}; {@code history} as {@code row_starts}, {@code items}, {@code weights}, one row per user) and the
 * fitted recommender ({@code recommender}, a {@link SavedRecommender}). Doubles are written in their shortest
 * exact form, so a loaded model recommends exactly what the fitted one did.
 */
public final class RecommenderModelFile {

    public static final String FORMAT = "occam-recommend/1";

    private RecommenderModelFile() {
    }

    /** The model as a JSON document, with {@code extra} fields (provenance) merged in before the checksum. */
    public static ObjectNode toJson(RecommenderModel model, ObjectNode extra) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("use_case", model.useCase());
        root.put("method", model.method());
        root.put("parameters", model.recommender().parameterCount());
        ObjectNode columns = root.putObject("columns");
        RecommenderModel.Columns c = model.columns();
        columns.put("user", c.user());
        columns.put("item", c.item());
        if (c.rating() != null) {
            columns.put("rating", c.rating());
        }
        if (c.time() != null) {
            columns.put("time", c.time());
        }
        ArrayNode items = root.putArray("items");
        model.itemLabels().forEach(items::add);
        ArrayNode users = root.putArray("users");
        model.userLabels().forEach(users::add);
        ObjectNode history = root.putObject("history");
        ArrayNode starts = history.putArray("row_starts");
        for (int s : model.historyStarts()) {
            starts.add(s);
        }
        ArrayNode codes = history.putArray("items");
        for (int i : model.historyItems()) {
            codes.add(i);
        }
        history.set("weights", Json.array(model.historyWeights()));
        root.set("recommender", Recommenders.toTree(model.recommender()));
        return ModelFile.seal(root, extra);
    }

    /** Writes the model atomically: a reader never sees half a file, and a failed write leaves the old one. */
    public static void save(RecommenderModel model, Path path, ObjectNode extra) throws IOException {
        AtomicFiles.write(path, Json.MAPPER.writeValueAsBytes(toJson(model, extra)));
    }

    /**
     * @throws ModelFileException naming the file and what is wrong: not JSON, another format, a bad checksum, or a
     *     malformed part
     */
    public static RecommenderModel load(Path path) throws IOException {
        return ModelFile.load(path, RecommenderModelFile::fromJson);
    }

    /** Reads the model from its JSON document, checking format and checksum. */
    public static RecommenderModel fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a model document");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new IllegalArgumentException("not a recommendation model: its format is "
                    + (format == null ? "(none)" : "'" + format.asText() + "'") + ", expected " + FORMAT);
        }
        ModelFile.checkChecksum(root);
        JsonNode c = Json.required(root, "columns");
        RecommenderModel.Columns columns = new RecommenderModel.Columns(Json.required(c, "user").asText(),
                Json.required(c, "item").asText(), c.hasNonNull("rating") ? c.get("rating").asText() : null,
                c.hasNonNull("time") ? c.get("time").asText() : null);
        JsonNode history = Json.required(root, "history");
        return new RecommenderModel(Json.required(root, "use_case").asText(), columns,
                Recommenders.fromTree(Json.required(root, "recommender")), texts(Json.required(root, "items")),
                texts(Json.required(root, "users")), Json.ints(Json.required(history, "row_starts")),
                Json.ints(Json.required(history, "items")), Json.doubles(Json.required(history, "weights")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
