package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.recommend.RecommenderModelFile;
import dev.occam.runtime.segment.SegmentationFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The models of a folder, reloaded while the server runs.
 *
 * <p>Layout: one sub-folder per model, named with lowercase letters, digits and '-' (the name in the URL).
 * In it, versions side by side as {@code versions/<n>/model.json} (n = 1, 2, ...), each optionally with the
 * {@code card.json} {@code occam fit} wrote beside it ({@code occam publish} adds them); or, for a single
 * unversioned model, a bare {@code model.json} (version 0), as {@code occam fit --out DIR/<name>} writes it (then
 * {@code <name>} is a link to the set that fit wrote last, in {@code .<name>.occam/}; hidden folders are skipped).
 * The highest version whose file loads is served. A bare {@code model.json} whose card says its fit missed the
 * success bar is refused: only {@code occam publish --force} serves such a model.
 *
 * <p>Every change is one line in the log: a model served (new or another version), a file refused (once), a model
 * no longer served (its files are gone).
 *
 * <p>Reload: {@link #refresh()} rescans the folder (the server calls it every second) and swaps the whole set of
 * loaded models in one {@link AtomicReference}, so a request sees either the old set or the new one and none is
 * dropped. A file is only read again when its size or modification time changed. A file that does not load
 * (truncated, corrupt, a bad checksum, an unknown format) is refused with one line in the log and the model
 * keeps serving what it served before: a lower version, or the previous content of the same slot.
 */
final class ModelStore {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private final Path dir;
    private final Path realDir;
    private final Consumer<String> log;
    private final AtomicReference<Map<String, ServedModel>> models = new AtomicReference<>(Map.of());
    /** Recommendation models ({@code occam-recommend/1} files), kept apart: they answer other endpoints. */
    private final AtomicReference<Map<String, ServedRecommender>> recommenders = new AtomicReference<>(Map.of());
    private final Map<Path, LoadedRecommender> loadedRecommenders = new HashMap<>();
    /** The segmentations served now ({@code occam-segment/1} files), by name; kept apart from the models. */
    private final AtomicReference<Map<String, ServedSegmentation>> segmentations = new AtomicReference<>(Map.of());
    /** Every segmentation file read so far, by path, with the stamp (modified time and size) it had. */
    private final Map<Path, Map.Entry<String, ServedSegmentation>> loadedSegmentations = new HashMap<>();
    /** Every file read so far, by path, with the stamp it had and what came of it. */
    private final Map<Path, Loaded> loaded = new HashMap<>();
    /** Log lines already written, so a refused file or an ignored folder is told once, not every second. */
    private final Set<String> told = new HashSet<>();
    private ScheduledExecutorService poller;
    /** The forecasting models ({@code occam-forecast/1} files) served now, by name; swapped as {@link #models}. */
    private final AtomicReference<Map<String, ForecastModel>> forecasts = new AtomicReference<>(Map.of());
    /** Forecast files read so far, by path, with the stamp they had. */
    private final Map<Path, LoadedForecast> loadedForecasts = new HashMap<>();

    /** @throws IOException when the folder does not exist or cannot be read */
    ModelStore(Path dir, Consumer<String> log) throws IOException {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder of models");
        }
        this.realDir = dir.toRealPath();
        this.log = log;
    }

    /** The models served now, by name; an immutable snapshot. */
    Map<String, ServedModel> models() {
        return models.get();
    }

    /** The forecasting models served now, by name; an immutable snapshot. */
    Map<String, ForecastModel> forecasts() {
        return forecasts.get();
    }

    /** The recommendation models served now, by name; an immutable snapshot. */
    Map<String, ServedRecommender> recommenders() {
        return recommenders.get();
    }

    /** The segmentations served now, by name; an immutable snapshot. */
    Map<String, ServedSegmentation> segmentations() {
        return segmentations.get();
    }

    /** Rescans the folder now and swaps in what changed. Never throws: a problem is logged and skipped. */
    synchronized void refresh() {
        Map<String, ServedModel> previous = models.get();
        Map<String, ServedModel> next = new TreeMap<>();
        Map<String, ServedRecommender> previousRecommenders = recommenders.get();
        Map<String, ServedRecommender> nextRecommenders = new TreeMap<>();
        Map<String, ForecastModel> nextForecasts = new TreeMap<>();
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(folders::add);
        } catch (IOException e) {
            tell("cannot list " + dir + ": " + e.getMessage() + "; serving the models already loaded");
            return;
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (name.startsWith(".") || !isModelFolder(folder)) {
                continue; // hidden: the sets occam fit switches between (.<name>.occam), editors' files
            }
            if (!NAME.matcher(name).matches()) {
                tell("ignoring folder '" + name + "': a model name is lowercase letters, digits and '-'");
                continue;
            }
            if (newestIsRecommender(folder)) {
                ServedRecommender r = chooseRecommender(name, folder, previousRecommenders.get(name));
                if (r != null) {
                    nextRecommenders.put(name, r);
                }
                continue;
            }
            ServedModel chosen = choose(name, folder, previous.get(name));
            if (chosen != null) {
                next.put(name, chosen);
            } else {
                ForecastModel forecast = forecastIn(folder, forecasts.get().get(name));
                if (forecast != null) {
                    nextForecasts.put(name, forecast);
                }
            }
        }
        for (Map.Entry<String, ServedModel> e : next.entrySet()) {
            ServedModel before = previous.get(e.getKey());
            if (before == null || before.version() != e.getValue().version()
                    || !java.util.Objects.equals(before.checksum(), e.getValue().checksum())) {
                log.accept("serving " + e.getKey() + " version " + e.getValue().version() + " ("
                        + e.getValue().model().family() + ", " + e.getValue().file() + ")");
            }
        }
        for (Map.Entry<String, ServedRecommender> e : nextRecommenders.entrySet()) {
            ServedRecommender before = previousRecommenders.get(e.getKey());
            if (before == null || before.version() != e.getValue().version()
                    || !java.util.Objects.equals(before.checksum(), e.getValue().checksum())) {
                log.accept("serving " + e.getKey() + " version " + e.getValue().version() + " (" + e.getValue().model().method()
                        + " recommender, " + e.getValue().file() + ")");
            }
        }
        recommenders.set(Collections.unmodifiableMap(nextRecommenders));
        for (Map.Entry<String, ServedModel> e : previous.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                log.accept("no longer serving " + e.getKey() + " (was version " + e.getValue().version() + ", "
                        + e.getValue().file() + "): no loadable model file is left in its folder");
            }
        }
        models.set(Collections.unmodifiableMap(next));
        for (Map.Entry<String, ForecastModel> e : nextForecasts.entrySet()) {
            if (forecasts.get().get(e.getKey()) != e.getValue()) {
                log.accept("serving " + e.getKey() + " (forecast, " + e.getValue().method() + ")");
            }
        }
        forecasts.set(Collections.unmodifiableMap(nextForecasts));
        segmentations.set(Collections.unmodifiableMap(segmentations(folders, next)));
    }

    /**
     * The forecasting model in a folder's bare {@code model.json} (read again only when its stamp changed), or the
     * one served before when the file became unreadable; null when there is none.
     */
    private ForecastModel forecastIn(Path folder, ForecastModel current) {
        Path file = folder.resolve("model.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String stamp;
        try {
            if (!file.toRealPath().startsWith(realDir)) {
                return null;
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = a.lastModifiedTime() + "/" + a.size();
        } catch (IOException e) {
            return current;
        }
        LoadedForecast before = loadedForecasts.get(file);
        if (before != null && before.stamp().equals(stamp)) {
            return before.model() != null ? before.model() : current;
        }
        ForecastModel model = null;
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (root != null && ForecastModelFile.FORMAT.equals(root.path("format").asText())) {
                model = ForecastModelFile.fromJson(root);
            }
        } catch (IOException | RuntimeException e) {
            tell("refused " + file + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        loadedForecasts.put(file, new LoadedForecast(stamp, model));
        return model != null ? model : current;
    }

    /** Whether the folder's newest model file says it is a recommendation model. */
    private boolean newestIsRecommender(Path folder) {
        for (Candidate c : candidates(folder)) {
            if (Files.isRegularFile(c.file())) {
                try {
                    return RecommenderModelFile.FORMAT.equals(ModelFile.format(c.file()));
                } catch (IOException e) {
                    return false; // the prediction loader tells why the file is refused
                }
            }
        }
        return false;
    }

    /** As {@link #choose}, for recommendation models. */
    private ServedRecommender chooseRecommender(String name, Path folder, ServedRecommender current) {
        for (Candidate c : candidates(folder)) {
            Path file = c.file();
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String stamp;
            try {
                if (!file.toRealPath().startsWith(realDir)) {
                    tell("refused " + file + ": it links outside " + dir);
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                stamp = a.lastModifiedTime() + "/" + a.size();
            } catch (IOException e) {
                continue;
            }
            LoadedRecommender before = loadedRecommenders.get(file);
            ServedRecommender served = null;
            if (before != null && before.stamp().equals(stamp)) {
                served = before.model();
            } else {
                try {
                    JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
                    served = new ServedRecommender(name, c.version(), file, root.path("checksum").asText(null),
                            RecommenderModelFile.fromJson(root));
                } catch (IOException | RuntimeException e) {
                    tell("refused " + file + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                loadedRecommenders.put(file, new LoadedRecommender(stamp, served));
            }
            if (served != null) {
                return served;
            }
            if (current != null && current.version() == c.version()) {
                return current;
            }
        }
        return null;
    }

    /** For each folder serving no model, its newest file when that is a segmentation that loads. */
    private Map<String, ServedSegmentation> segmentations(List<Path> folders, Map<String, ServedModel> served) {
        Map<String, ServedSegmentation> out = new TreeMap<>();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (served.containsKey(name) || !NAME.matcher(name).matches() || !isModelFolder(folder)) {
                continue;
            }
            for (Candidate c : candidates(folder)) {
                if (Files.isRegularFile(c.file())) {
                    ServedSegmentation s = loadSegmentation(name, c);
                    if (s != null) {
                        out.put(name, s);
                    }
                    break;
                }
            }
        }
        return out;
    }

    private ServedSegmentation loadSegmentation(String name, Candidate c) {
        String stamp;
        try {
            if (!c.file().toRealPath().startsWith(realDir)) {
                return null; // told by the model loader
            }
            stamp = Files.getLastModifiedTime(c.file()) + "/" + Files.size(c.file());
        } catch (IOException e) {
            return null;
        }
        Map.Entry<String, ServedSegmentation> before = loadedSegmentations.get(c.file());
        if (before != null && before.getKey().equals(stamp)) {
            return before.getValue();
        }
        ServedSegmentation s = null;
        try {
            if (SegmentationFile.FORMAT.equals(ModelFile.format(c.file()))) {
                s = new ServedSegmentation(name, c.version(), c.file(), SegmentationFile.load(c.file()));
                log.accept("serving " + name + " version " + c.version() + " (segmentation, " + c.file() + ")");
            }
        } catch (IOException | RuntimeException e) {
            tell("refused " + c.file() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        loadedSegmentations.put(c.file(), new java.util.AbstractMap.SimpleImmutableEntry<>(stamp, s));
        return s;
    }

    /**
     * A real folder, or a link to a folder inside this one ({@code occam fit --out DIR/<name>} makes {@code <name>}
     * a link to the set it wrote last, in {@code DIR/.<name>.occam/}).
     */
    private boolean isModelFolder(Path folder) {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isSymbolicLink(folder) || !Files.isDirectory(folder)) {
            return false;
        }
        try {
            if (folder.toRealPath().startsWith(realDir)) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        tell("ignoring folder '" + folder.getFileName() + "': it links outside " + dir);
        return false;
    }

    /** The newest loadable version of one model, or what it served before when its slot became unreadable. */
    private ServedModel choose(String name, Path folder, ServedModel current) {
        for (Candidate c : candidates(folder)) {
            if (!Files.isRegularFile(c.file())) {
                continue;
            }
            ServedModel m = load(name, c);
            if (m != null) {
                return m;
            }
            if (current != null && current.version() == c.version()) {
                return current; // the same slot was overwritten with a bad file: keep what it held
            }
        }
        return null;
    }

    /** A folder's model files, newest version first, the bare {@code model.json} (version 0) last. */
    private List<Candidate> candidates(Path folder) {
        List<Candidate> candidates = new ArrayList<>();
        Path versions = folder.resolve("versions");
        if (Files.isDirectory(versions, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(versions)) {
                for (Path v : s) {
                    String n = v.getFileName().toString();
                    if (VERSION.matcher(n).matches()) {
                        candidates.add(new Candidate(Long.parseLong(n), v.resolve("model.json")));
                    }
                }
            } catch (IOException e) {
                tell("cannot list " + versions + ": " + e.getMessage());
            }
        }
        candidates.add(new Candidate(0, folder.resolve("model.json")));
        candidates.sort(Comparator.comparingLong(Candidate::version).reversed());
        return candidates;
    }

    /** The model in a file, from the cache when the file has not changed; null (logged once) when it does not load. */
    private ServedModel load(String name, Candidate c) {
        Path file = c.file();
        Stamp stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Path card = file.resolveSibling("card.json");
            BasicFileAttributes ca = Files.isRegularFile(card) ? Files.readAttributes(card, BasicFileAttributes.class)
                    : null;
            Path real = file.toRealPath();
            // The real path too: a folder that is a link switched to another set reads as the same path.
            stamp = new Stamp(real.toString(), a.lastModifiedTime().toString(), a.size(),
                    ca == null ? "" : ca.lastModifiedTime().toString(), ca == null ? -1 : ca.size());
            if (!real.startsWith(realDir)) {
                tell("refused " + file + ": it links outside " + dir);
                return null;
            }
        } catch (IOException e) {
            return null; // removed while scanning
        }
        Loaded before = loaded.get(file);
        if (before != null && before.stamp().equals(stamp)) {
            return before.model();
        }
        ServedModel model = null;
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode root = Json.MAPPER.readTree(bytes);
            if (ForecastModelFile.FORMAT.equals(root.path("format").asText())) {
                loaded.put(file, new Loaded(stamp, null));
                return null; // a forecasting model: forecastIn serves it
            }
            if (SegmentationFile.FORMAT.equals(root.path("format").asText())) {
                // A segmentation is served apart (segmentations()), not refused.
                loaded.put(file, new Loaded(stamp, null));
                return null;
            }
            Model m = ModelFile.fromJson(root);
            JsonNode card = readCard(file.resolveSibling("card.json"));
            JsonNode success = card == null ? null : card.get("success");
            if (c.version() == 0 && success != null && success.path("met").isBoolean()
                    && !success.path("met").asBoolean()) {
                // A bare model.json is what occam fit left; versions/<n> are published on purpose (occam publish).
                throw new IllegalArgumentException("its fit missed the use case's success bar (card.json: "
                        + success.path("verdict").asText("success.met is false") + "); publish it on purpose with"
                        + " occam publish --force to serve it");
            }
            model = new ServedModel(name, c.version(), file, root.path("checksum").asText(null), sha256(bytes), m,
                    success == null || !success.isObject() ? null : success, FairnessWatch.fromCard(card, m.target()));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? "not a complete JSON model file (" + j.getOriginalMessage() + ")"
                    : String.valueOf(e.getMessage());
            tell("refused " + file + ": " + why.replace('\n', ' '));
        }
        loaded.put(file, new Loaded(stamp, model));
        return model;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private JsonNode readCard(Path card) {
        if (!Files.isRegularFile(card)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(card.toFile());
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            tell("ignoring " + card + ": " + e.getMessage());
            return null;
        }
    }

    private void tell(String line) {
        if (told.add(line)) {
            log.accept(line);
        }
    }

    /** Rescans every {@code period} on a daemon thread until {@link #close()}. */
    synchronized void startPolling(java.time.Duration period) {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "occam-serve-reload");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, period.toMillis());
        poller.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.accept("reload failed: " + e + "; serving the models already loaded");
        }
    }

    synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private record Candidate(long version, Path file) {
    }

    /** What identifies a version of a model file and its card: modification times and sizes. */
    private record Stamp(String real, String modified, long size, String cardModified, long cardSize) {
    }

    private record Loaded(Stamp stamp, ServedModel model) {
    }

    private record LoadedForecast(String stamp, ForecastModel model) {
    }

    private record LoadedRecommender(String stamp, ServedRecommender model) {
    }
}
