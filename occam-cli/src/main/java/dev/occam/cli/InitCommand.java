package dev.occam.cli;

import dev.occam.core.usecase.UseCaseTemplate;
import dev.occam.runtime.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Writes a commented use-case template to fill in.")
final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "usecase.yaml", paramLabel = "FILE",
            description = "where to write the template (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--force", description = "replace FILE if it exists")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(file) && !force) {
            throw new Errors.UserError(file + " already exists; pass --force to replace it");
        }
        AtomicFiles.write(file, UseCaseTemplate.text().getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("wrote " + file + ": fill in the data, the target and the success bar, then run"
                + " 'occam fit " + file + "'");
        return OccamCommand.OK;
    }
}
