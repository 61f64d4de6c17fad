package dev.occam.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.Forecaster;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.GlobalBoostedModel;
import dev.occam.runtime.forecast.SeriesModel;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.Scorers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The model file of a forecasting use case: one JSON document, {@code "format": "occam-forecast/1"}, sealed by a
 * SHA-256 checksum of its content as {@link ModelFile} seals its own. It holds the use case's columns, the
 * frequency, the chosen method, every series' fitted forecaster (each with its {@code method} property, see
 * {@link Forecaster}) or, for the global model, its last values and scale, and the global model's trees. Doubles are
 * written in their shortest exact form, so forecasts after load are bit-identical.
 */
public final class ForecastModelFile {

    public static final String FORMAT = "occam-forecast/1";

    private ForecastModelFile() {
    }

    /** The model as a JSON document, with {@code extra} fields (provenance) merged in before the checksum. */
    public static ObjectNode toJson(ForecastModel model, ObjectNode extra) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("name", model.name());
        ObjectNode target = root.putObject("target");
        target.put("name", model.target());
        target.put("task", Task.FORECAST.word());
        root.put("time", model.timeColumn());
        if (model.seriesColumn() != null) {
            root.put("series", model.seriesColumn());
        }
        root.put("frequency", model.frequency().word());
        root.put("method", model.method());
        root.put("horizon", model.horizon());
        if (model.global() != null) {
            GlobalBoostedModel g = model.global();
            ObjectNode global = root.putObject("global");
            ArrayNode lags = global.putArray("lags");
            for (int k : g.lags()) {
                lags.add(k);
            }
            global.put("window", g.window());
            ArrayNode quantiles = global.putArray("error_quantiles");
            for (double[] row : g.quantiles()) {
                quantiles.add(Json.array(row));
            }
            global.set("trees", g.trees().toJson());
        }
        ArrayNode series = root.putArray("series_models");
        for (SeriesModel s : model.series()) {
            ObjectNode node = series.addObject();
            node.put("key", s.key());
            node.put("last_time", s.lastTime().toString());
            if (s.forecaster() != null) {
                node.set("forecaster", Json.MAPPER.valueToTree(s.forecaster()));
            } else {
                node.set("tail", Json.array(s.tail()));
                node.put("scale", s.scale());
            }
        }
        return ModelFile.seal(root, extra);
    }

    /** Writes the model atomically. */
    public static void save(ForecastModel model, Path path, ObjectNode extra) throws IOException {
        AtomicFiles.write(path, Json.MAPPER.writeValueAsBytes(toJson(model, extra)));
    }

    /**
     * Reads a forecast model file.
     *
     * @throws ModelFileException naming the file and what is wrong: not JSON, another format, a bad checksum, or
     *     a malformed part
     */
    public static ForecastModel load(Path path) throws IOException {
        return ModelFile.load(path, ForecastModelFile::fromJson);
    }

    /** Reads a model from its JSON document, checking format and checksum. */
    public static ForecastModel fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a model document");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new IllegalArgumentException("unknown forecast model format "
                    + (format == null ? "(none)" : "'" + format.asText() + "'") + "; this Occam reads " + FORMAT);
        }
        ModelFile.checkChecksum(root);
        Frequency frequency = Frequency.fromWord(Json.required(root, "frequency").asText());
        GlobalBoostedModel global = null;
        JsonNode g = root.get("global");
        if (g != null) {
            JsonNode q = Json.required(g, "error_quantiles");
            double[][] quantiles = new double[q.size()][];
            for (int i = 0; i < quantiles.length; i++) {
                quantiles[i] = Json.doubles(q.get(i));
            }
            global = new GlobalBoostedModel(Json.ints(Json.required(g, "lags")), Json.required(g, "window").asInt(),
                    frequency, Scorers.fromJson(Json.required(g, "trees")), quantiles);
        }
        List<SeriesModel> series = new ArrayList<>();
        for (JsonNode node : Json.required(root, "series_models")) {
            String key = Json.required(node, "key").asText();
            LocalDateTime last = LocalDateTime.parse(Json.required(node, "last_time").asText());
            JsonNode f = node.get("forecaster");
            try {
                series.add(f != null
                        ? new SeriesModel(key, last, Json.MAPPER.treeToValue(f, Forecaster.class), null, 1)
                        : new SeriesModel(key, last, null, Json.doubles(Json.required(node, "tail")),
                                Json.required(node, "scale").doubleValue()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("series '" + key + "': malformed forecaster ("
                        + e.getOriginalMessage() + ")");
            }
        }
        JsonNode seriesColumn = root.get("series");
        return new ForecastModel(Json.required(root, "name").asText(),
                Json.required(Json.required(root, "target"), "name").asText(), Json.required(root, "time").asText(),
                seriesColumn == null ? null : seriesColumn.asText(), frequency, Json.required(root, "method").asText(),
                Json.required(root, "horizon").asInt(), series, global);
    }
}
