package dev.occam.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.prep.Transform;
import dev.occam.runtime.prep.Transforms;
import dev.occam.runtime.scorer.Scorer;
import dev.occam.runtime.scorer.Scorers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The model file: one JSON document a person can read (coefficients, trees, preparation, the calibrator
 * when there is one: Platt's a and b, or isotonic breakpoints), versioned
 * by {@code "format": "occam-model/1"} and sealed by a SHA-256 checksum of its content. Doubles are
 * written in their shortest exact decimal form, so a loaded model scores bit-identically to the saved
 * one. The fit's {@link FitDiagnostics} are kept as a {@code diagnostics} object (converged, method,
 * findings); a file without one, written before they were recorded, loads with {@link FitDiagnostics#CLEAN}.
 * The training distributions ({@code distributions}: per feature, decile cut points and counts per bin, see
 * {@link FeatureDistribution}) are optional in the same way: files written before load without them.
 */
public final class ModelFile {

    public static final String FORMAT = "occam-model/1";

    private ModelFile() {
    }

    /** The model as a JSON document, with {@code extra} fields (provenance) merged in before the checksum. */
    public static ObjectNode toJson(Model model, ObjectNode extra) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("family", model.family());
        ObjectNode target = root.putObject("target");
        TargetInfo t = model.target();
        target.put("name", t.name());
        target.put("task", t.task().word());
        if (t.isClassification()) {
            target.put("positive", t.positive());
            target.put("negative", t.negative());
            root.put("threshold", model.threshold());
        }
        if (t.isMulticlass()) {
            ArrayNode levels = target.putArray("levels");
            t.levels().forEach(levels::add);
        }
        root.put("parameters", model.parameterCount());
        root.set("schema", Json.schemaToJson(model.schema()));
        ArrayNode prep = root.putArray("preparation");
        for (Transform step : model.preparation()) {
            prep.add(step.toJson());
        }
        root.set("scorer", model.scorer().toJson());
        if (model.calibration() != null) {
            root.set("calibration", model.calibration().toJson());
        }
        if (model.typicalValues() != null) {
            root.set("typical", model.typicalValues().toJson());
            ObjectNode ranges = model.typicalValues().rangesToJson();
            if (ranges != null) {
                root.set("ranges", ranges);
            }
            ObjectNode distributions = model.typicalValues().distributionsToJson();
            if (distributions != null) {
                root.set("distributions", distributions);
            }
        }
        root.set("diagnostics", model.diagnostics().toJson());
        if (model.interval() != null) {
            root.set("interval", model.interval().toJson());
        }
        return seal(root, extra);
    }

    /** Writes the model atomically: a reader never sees half a file, and a failed write leaves the old one. */
    public static void save(Model model, Path path, ObjectNode extra) throws IOException {
        AtomicFiles.write(path, Json.MAPPER.writeValueAsBytes(toJson(model, extra)));
    }

    public static void save(Model model, Path path) throws IOException {
        save(model, path, null);
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException naming the file and what is wrong: not JSON, an unknown format, a bad
     *     checksum, or a malformed part
     */
    public static Model load(Path path) throws IOException {
        return load(path, ModelFile::fromJson);
    }

    /**
     * Reads a fitted file of any kind: its bytes, its JSON, then {@code fromJson}; every problem is a
     * {@link ModelFileException} naming the file (the one reader behind the model, forecast and recommendation files).
     */
    public static <T> T load(Path path, java.util.function.Function<JsonNode, T> fromJson) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(path + ": no such model file");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ModelFileException(path + ": not a model file Occam reads: it is nested deeper, or holds a"
                    + " longer number or name, than Occam writes");
        } catch (JsonProcessingException e) {
            throw new ModelFileException(path + ": not a JSON model file (" + e.getOriginalMessage() + ")");
        } catch (java.io.CharConversionException e) {
            // Found by ModelFileFuzzTest: bytes Jackson takes for UTF-32 are not JSON text either.
            throw new ModelFileException(path + ": not a JSON model file (not UTF-8 text)");
        }
        try {
            return fromJson.apply(root);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(path + ": " + e.getMessage());
        }
    }

    /**
     * Finishes a fitted file's document: the {@code extra} fields (provenance) the document does not already have are
     * added, then the {@code checksum} of the whole.
     */
    public static ObjectNode seal(ObjectNode root, ObjectNode extra) {
        if (extra != null) {
            extra.fields().forEachRemaining(e -> {
                if (!root.has(e.getKey())) {
                    root.set(e.getKey(), e.getValue());
                }
            });
        }
        root.put("checksum", checksum(root));
        return root;
    }

    /**
     * Checks a fitted file's {@code checksum} against the rest of its document.
     *
     * @throws IllegalArgumentException when it is missing or does not match
     */
    public static void checkChecksum(JsonNode root) {
        ObjectNode body = ((ObjectNode) root).deepCopy();
        JsonNode stored = body.remove("checksum");
        if (stored == null) {
            throw new IllegalArgumentException("missing field 'checksum'");
        }
        if (!checksum(body).equals(stored.asText())) {
            throw new IllegalArgumentException("checksum mismatch: the file was changed after Occam wrote it");
        }
    }

    /**
     * The {@code format} a model file declares ("occam-model/1", "occam-forecast/1", "occam-recommend/1", ...), so a
     * caller can choose the loader; null when the file is JSON without one (or not a JSON object). Only the top-level
     * fields are scanned (nested values are skipped unparsed), so a large file is not read into memory.
     *
     * @throws ModelFileException when the file is missing or not JSON
     */
    public static String format(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new ModelFileException(path + ": no such model file");
        }
        try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(path.toFile())) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("format")) {
                    return p.getValueAsString();
                }
                p.skipChildren();
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new ModelFileException(path + ": not a JSON model file (" + e.getOriginalMessage() + ")");
        } catch (java.io.CharConversionException e) {
            throw new ModelFileException(path + ": not a JSON model file (not UTF-8 text)");
        }
    }

    /**
     * Reads a model from its JSON document, checking format and checksum, and that its parts are of a size the
     * runtime can hold (a tree at most {@code TreeEnsembleScorer.Tree.MAX_DEPTH} levels deep): the checksum is not
     * a signature, so a forged file must fail here with a message rather than exhaust the stack or the memory.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Model fromJson(JsonNode root) {
        try {
            return read(root);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the model is nested too deeply to read (a damaged or forged file)");
        }
    }

    private static Model read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a model document");
        }
        JsonNode format = root.get("format");
        if (format != null && format.asText().startsWith("occam-segment/")) {
            throw new IllegalArgumentException("this is a segmentation (format '" + format.asText() + "'), not a "
                    + "prediction model: assign rows with 'occam predict' or Occam.loadSegmentation");
        }
        if (format == null || !FORMAT.equals(format.asText())) {
            if (format != null && format.asText().equals("occam-recommend/1")) {
                throw new IllegalArgumentException("a recommendation model (format 'occam-recommend/1'): load it with"
                        + " Occam.loadRecommender, or use occam predict MODEL users.csv --top 10");
            }
            throw new IllegalArgumentException("unknown model format "
                    + (format == null ? "(none)" : "'" + format.asText() + "'") + "; this Occam reads " + FORMAT);
        }
        checkChecksum(root);
        String family = Json.required(root, "family").asText();
        JsonNode t = Json.required(root, "target");
        String task = Json.required(t, "task").asText();
        Task kind = Task.fromWord(task);
        String name = Json.required(t, "name").asText();
        TargetInfo target = kind == Task.CLASSIFICATION ? TargetInfo.classification(name,
                Json.required(t, "positive").asText(), Json.required(t, "negative").asText())
                : kind == Task.MULTICLASS ? TargetInfo.multiclass(name, levels(Json.required(t, "levels")))
                : TargetInfo.regression(name);
        List<Transform> prep = new ArrayList<>();
        for (JsonNode step : Json.required(root, "preparation")) {
            prep.add(Transforms.fromJson(step));
        }
        Scorer scorer = Scorers.fromJson(Json.required(root, "scorer"));
        // The file keeps a two-class model's decision as its threshold (the other tasks' policy is fixed).
        Decision decision = target.isClassification()
                ? new Decision.AtThreshold(Json.required(root, "threshold").doubleValue())
                : target.task().defaultDecision();
        Model model = new Model(family, target, prep, scorer, decision, null);
        JsonNode typical = root.get("typical");
        if (typical != null) {
            model = new Model(family, target, prep, scorer, decision, TypicalValues.fromJson(typical, root.get("ranges"),
                    root.get("distributions"), model.schema()));
        }
        // Files written before diagnostics were recorded have none: a clean fit.
        model = model.withDiagnostics(FitDiagnostics.fromJson(root.get("diagnostics")));
        JsonNode interval = root.get("interval");
        if (interval != null) {
            // Files written before intervals have none; the model then predicts without one.
            model = model.withInterval(PredictionInterval.fromJson(interval));
        }
        JsonNode calibration = root.get("calibration");
        if (calibration != null) {
            // Files written before calibration existed have no such field and load uncalibrated.
            model = model.withCalibration(Calibrator.fromJson(calibration));
        }
        return model;
    }

    private static List<String> levels(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(l -> out.add(l.asText()));
        return out;
    }

    /** The SHA-256 of the document written compactly, as every fitted file stores it in {@code checksum}. */
    public static String checksum(JsonNode body) {
        try {
            byte[] canonical = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the model checksum", e);
        }
    }
}
