package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, point 4: the checksum is not a signature, so a forged model file with a valid checksum must still be
 * refused with a {@link ModelFileException} when it would exhaust memory or the stack (before: it loaded, and the
 * first explanation ran TreeSHAP over a 20,000-deep path, out of memory).
 */
class ForgedModelFileTest {

    @TempDir
    Path dir;

    @Test
    void load_treeTwentyThousandLevelsDeep_refusedNamingTheDepth() throws Exception {
        ObjectNode root = ModelFile.toJson(ModelFileTest.tree(), null);
        root.remove("checksum");
        ArrayNode nodes = ((ObjectNode) root.get("scorer")).putArray("nodes");
        int depth = 20_000;
        // A chain: node i splits to i + 1 on the left and to its own leaf on the right.
        for (int i = 0; i < depth; i++) {
            ObjectNode o = nodes.addObject();
            o.put("id", i).put("n", 10).put("value", 0.5).put("feature", "income").put("less_than", i)
                    .put("missing", "left").put("left", i + 1).put("right", depth + 1 + i);
        }
        for (int i = depth; i <= 2 * depth; i++) {
            nodes.addObject().put("id", i).put("n", 1).put("value", 0.5);
        }
        root.put("checksum", checksum(root));
        Path file = Files.write(dir.resolve("model.json"), Json.MAPPER.writeValueAsBytes(root));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("a tree is 20000 levels deep; a tree may be at most 1000 levels deep"),
                e.getMessage());
    }

    @Test
    void load_jsonNestedDeeperThanJacksonReads_plainMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("model.json"), "{\"format\": " + "[".repeat(5_000)
                + "]".repeat(5_000) + "}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("nested deeper") && !e.getMessage().contains("`"), e.getMessage());
    }

    /** Found by {@code ModelFileFuzzTest}: bytes Jackson reads as UTF-32 threw a bare CharConversionException. */
    @Test
    void load_bytesTakenForUtf32_modelFileException() throws Exception {
        Path seed = Path.of("src/test/resources/dev/occam/runtime/ModelFileFuzzTestInputs/"
                + "fromJson_anyDocumentWithValidChecksum_loadsOrRefuses/utf32-bytes");
        Path file = Files.write(dir.resolve("model.json"), Files.readAllBytes(seed));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().endsWith("not a JSON model file (not UTF-8 text)"), e.getMessage());
    }

    /** As {@code ModelFile} computes it: SHA-256 of the compact JSON without the checksum. */
    private static String checksum(ObjectNode body) throws Exception {
        byte[] canonical = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body)
                .getBytes(StandardCharsets.UTF_8);
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    }
}
