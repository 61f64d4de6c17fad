package dev.occam.core.usecase;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Issue 18, point 9: use-case text, whatever it holds, is read or refused with a {@link UseCaseException}; anything
 * else is a finding. No data is read ({@link UseCaseReader#parse} checks the text only). Without
 * {@code JAZZER_FUZZ=1} this runs the seed corpus {@code UseCaseFuzzTestInputs/} (the shipped examples and odd
 * YAML) as a regression test.
 */
class UseCaseFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parse_anyText_useCaseOrUseCaseException(String yaml) {
        if (yaml == null) {
            return; // Jazzer passes null too; a file always has text
        }
        try {
            UseCaseReader.parse(yaml, Path.of("fuzz", "usecase.yaml"));
        } catch (UseCaseException refused) {
            // A clear refusal, naming the line.
        }
    }
}
