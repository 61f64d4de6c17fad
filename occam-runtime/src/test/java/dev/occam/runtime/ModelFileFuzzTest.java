package dev.occam.runtime;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Issue 18, point 9: a model file, whatever it holds, loads or is refused with an {@link IllegalArgumentException}
 * (what {@link ModelFile#load} turns into a {@link ModelFileException}); anything else is a finding. The checksum is
 * recomputed for each input, since anyone forging a file can do the same, so the fuzzer reaches the parts' readers.
 * Without {@code JAZZER_FUZZ=1} the seed corpus ({@code ModelFileFuzzTestInputs/}: every family's file) is a
 * regression test.
 */
class ModelFileFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fromJson_anyDocumentWithValidChecksum_loadsOrRefuses(FuzzedDataProvider data) throws Exception {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException notJson) {
            return; // not JSON, or not text (bytes Jackson takes for UTF-32): load reports it
        }
        if (root == null || !root.isObject()) {
            return;
        }
        ObjectNode body = (ObjectNode) root;
        body.remove("checksum");
        byte[] canonical = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body)
                .getBytes(StandardCharsets.UTF_8);
        body.put("checksum", "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical)));
        try {
            Model model = ModelFile.fromJson(body);
            model.describe();
        } catch (IllegalArgumentException refused) {
            // A clear refusal: what load reports as a ModelFileException.
        }
    }
}
