package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 18, point 9: a request body, whatever its bytes, is read as a row or refused with 400 (an
 * {@link ApiException}); anything else thrown (a 500) is a finding. Without {@code JAZZER_FUZZ=1} this runs the
 * seed corpus in {@code RequestFuzzTestInputs/} as a regression test; see docs/architecture.md#fuzzing.
 */
class RequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parseAndRead_anyBody_rowOr400(byte[] body) {
        JsonNode node;
        try {
            node = OccamServer.parse(body);
            if (node.has("rows") && node.get("rows").isArray()) {
                for (JsonNode row : node.get("rows")) {
                    RowReader.read(Fixtures.RAW, row, false);
                }
            } else {
                RowReader.read(Fixtures.RAW, node, true);
            }
        } catch (ApiException e) {
            assertEquals(400, e.status(), e.getMessage());
        }
    }
}
