package dev.occam.runtime.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * The model file of a segmentation: one JSON document, {@code "format": "occam-segment/1"}, holding the use case's
 * name, the chosen method, the columns read ({@code schema}), the preparation and segmenter ({@code model}, as
 * {@link SegmentModel} writes itself: centres, mixture weights, means and covariances), one profile sentence per
 * segment, provenance, and a SHA-256 checksum of the canonical content as {@code occam-model/1} files have. Doubles
 * are written in their shortest exact form, so a loaded segmentation assigns bit-identically.
 */
public final class SegmentationFile {

    public static final String FORMAT = "occam-segment/1";

    private SegmentationFile() {
    }

    /** The document, with {@code extra} fields (provenance) merged in before the checksum. */
    public static ObjectNode toJson(Segmentation s, ObjectNode extra) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("name", s.name());
        root.put("method", s.method());
        root.put("segments", s.segmentCount());
        root.put("parameters", s.model().segmenter().parameterCount());
        root.set("schema", Json.schemaToJson(s.schema()));
        root.set("model", Json.MAPPER.valueToTree(s.model()));
        ArrayNode profiles = root.putArray("profiles");
        s.profiles().forEach(profiles::add);
        return ModelFile.seal(root, extra);
    }

    /** Writes the file atomically: a reader never sees half a file. */
    public static void save(Segmentation s, Path path, ObjectNode extra) throws IOException {
        AtomicFiles.write(path, Json.MAPPER.writeValueAsBytes(toJson(s, extra)));
    }

    /**
     * @throws ModelFileException naming the file and what is wrong: not JSON, another format, a bad checksum, a
     *     malformed part
     */
    public static Segmentation load(Path path) throws IOException {
        return ModelFile.load(path, SegmentationFile::fromJson);
    }

    /** Reads a segmentation from its document, checking the format and the checksum. */
    public static Segmentation fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a segmentation document");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new IllegalArgumentException("unknown format " + (format == null ? "(none)" : "'" + format.asText()
                    + "'") + "; a segmentation file is " + FORMAT);
        }
        ModelFile.checkChecksum(root);
        SegmentModel model;
        try {
            model = Json.MAPPER.treeToValue(Json.required(root, "model"), SegmentModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed field 'model': " + e.getOriginalMessage(), e);
        }
        List<String> profiles = new ArrayList<>();
        Json.required(root, "profiles").forEach(p -> profiles.add(p.asText()));
        return new Segmentation(Json.required(root, "name").asText(), Json.required(root, "method").asText(),
                Json.schemaFromJson(Json.required(root, "schema")), model, profiles);
    }
}
