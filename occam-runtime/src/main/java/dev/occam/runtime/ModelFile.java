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
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(path + ": " + e.getMessage());
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
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new IllegalArgumentException("unknown model format "
                    + (format == null ? "(none)" : "'" + format.asText() + "'") + "; this Occam reads " + FORMAT);
        }
        ObjectNode body = ((ObjectNode) root).deepCopy();
        JsonNode stored = body.remove("checksum");
        if (stored == null) {
            throw new IllegalArgumentException("missing field 'checksum'");
        }
        String actual = checksum(body);
        if (!actual.equals(stored.asText())) {
            throw new IllegalArgumentException("checksum mismatch: the file was changed after Occam wrote it");
        }
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

    private static String checksum(JsonNode body) {
        try {
            byte[] canonical = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the model checksum", e);
        }
    }
}
