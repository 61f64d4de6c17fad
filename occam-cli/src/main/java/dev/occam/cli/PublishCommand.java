package dev.occam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code occam publish OUT MODELS/<name>}: the one explicit step that puts a fitted model where {@code occam serve}
 * serves it. The fit's {@code model.json} and {@code card.json} are copied into a hidden folder beside the versions
 * and renamed to {@code versions/<n+1>} in one step, so the server sees the whole version or none of it.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Publishes the model of a fit's output folder OUT as the next version of"
        + " MODELS/<name> (versions/<n+1>/model.json and card.json), for 'occam serve MODELS'. Refuses a fit that"
        + " missed its success bar unless --force; never publishes a fit without a deployable model.")
final class PublishCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    @Parameters(index = "0", paramLabel = "OUT", description = "the output folder of 'occam fit'")
    Path out;

    @Parameters(index = "1", paramLabel = "MODELS/NAME", description = "the model's folder in the served folder;"
            + " its name is lowercase letters, digits and '-'")
    Path target;

    @Option(names = "--force", description = "publish even though the fit missed its success bar")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = target.toAbsolutePath().normalize().getFileName().toString();
        if (!NAME.matcher(name).matches()) {
            throw new Errors.UserError("cannot publish as '" + name + "': a served model's name is lowercase"
                    + " letters, digits and '-'");
        }
        Path model = out.resolve("model.json");
        Path card = out.resolve("card.json");
        if (!Files.isRegularFile(card)) {
            throw new Errors.UserError(out + " has no card.json: publish the output folder of 'occam fit'");
        }
        JsonNode cardJson = readCard(card);
        if (!Files.isRegularFile(model)) {
            String chosen = cardJson.path("selection").path("chosen").asText("nothing");
            throw new Errors.UserError(out + " has no model.json: its fit chose no deployable model (chosen: "
                    + chosen + "), so there is nothing to publish");
        }
        byte[] modelBytes = Files.readAllBytes(model);
        String sha = cardJson.path("model_sha256").asText(null);
        if (sha != null && !sha.equals(sha256(modelBytes))) {
            throw new Errors.UserError(model + " is not the model " + card + " describes (its SHA-256 is "
                    + sha256(modelBytes) + ", the card names " + sha + "): the folder mixes two fits; fit again");
        }
        Model loaded;
        try {
            loaded = ModelFile.fromJson(Json.MAPPER.readTree(modelBytes));
        } catch (IOException | RuntimeException e) {
            throw new Errors.UserError(model + " does not load: " + e.getMessage());
        }
        JsonNode success = cardJson.path("success");
        boolean met = success.path("met").asBoolean(false);
        if (!met && !force) {
            throw new Errors.UserError("not published: the fit missed its success bar ("
                    + success.path("verdict").asText("card.json says success.met is false")
                    + "); pass --force to publish it anyway");
        }
        Path versions = target.resolve("versions");
        Files.createDirectories(versions);
        Path staged = Files.createTempDirectory(versions, ".publish-");
        try {
            Files.write(staged.resolve("model.json"), modelBytes);
            Files.copy(card, staged.resolve("card.json"));
            long n = highestVersion(versions) + 1;
            while (true) {
                Path version = versions.resolve(Long.toString(n));
                try {
                    Files.move(staged, version, StandardCopyOption.ATOMIC_MOVE);
                    printLine("published " + name + " version " + n + " (" + loaded.family() + (met ? ""
                            : ", success bar missed, --force") + "): " + version);
                    return OccamCommand.OK;
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException taken) {
                    n++; // another publish took this number meanwhile
                }
            }
        } finally {
            deleteStaged(staged);
        }
    }

    private static JsonNode readCard(Path card) throws IOException {
        try {
            JsonNode root = Json.MAPPER.readTree(card.toFile());
            if (root == null || !root.isObject()) {
                throw new Errors.UserError(card + " is not a card written by 'occam fit'");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Errors.UserError(card + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static long highestVersion(Path versions) throws IOException {
        long highest = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(versions)) {
            for (Path v : s) {
                String n = v.getFileName().toString();
                if (VERSION.matcher(n).matches()) {
                    highest = Math.max(highest, Long.parseLong(n));
                }
            }
        }
        return highest;
    }

    private static void deleteStaged(Path staged) throws IOException {
        if (!Files.exists(staged)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(staged)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(staged);
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void printLine(String text) {
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
    }
}
