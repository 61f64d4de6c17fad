package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Another place to play a use case's ladder than this process ({@link FitJob}, the {@code local} engine): an
 * engine reads the data itself, plays the rungs it has on the same seeded folds, chooses with
 * {@link dev.occam.core.select.Selection} and writes the same files as {@link FitJob}. Engines are found with
 * {@link ServiceLoader} (a {@code META-INF/services/dev.occam.core.jobs.FitEngine} entry in their jar), so the
 * command line does not depend on them at compile time and users who never use one never download it.
 */
public interface FitEngine {

    /** What the user asked of the engine beyond the use case. */
    record Settings(String master) {
    }

    /** The engine's name, as {@code occam fit --engine NAME} gives it. */
    String name();

    /**
     * @throws DataException when the data cannot be read
     * @throws IllegalArgumentException when the data do not fit the use case (message names what)
     * @throws IOException when an output cannot be written
     */
    FitResult fit(UseCase useCase, Path outputDirectory, Settings settings, FitJob.Progress progress)
            throws DataException, IOException;

    /** The engine of that name on the class path, if one is there. */
    static Optional<FitEngine> named(String name) {
        for (FitEngine engine : ServiceLoader.load(FitEngine.class)) {
            if (engine.name().equals(name)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    /** The names of the engines on the class path. */
    static List<String> available() {
        List<String> out = new ArrayList<>();
        ServiceLoader.load(FitEngine.class).forEach(e -> out.add(e.name()));
        return out;
    }
}
