package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, point 1: what the store serves, refuses and drops, each said in the log. */
class ModelStoreSafetyTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private static final String CARD_MISSED = "{\"format\": \"occam-card/1\", \"success\": {\"metric\": \"auc\","
            + " \"at_least\": 0.99, \"value\": 0.8, \"met\": false, \"verdict\": \"AUC 0.80 is below 0.99\"}}";

    @Test
    void refresh_modelFolderRemoved_loggedAsNoLongerServed() throws Exception {
        Path churn = dir.resolve("churn");
        Files.createDirectories(churn);
        ModelFile.save(Fixtures.logistic(0), churn.resolve("model.json"));
        ModelStore store = new ModelStore(dir, log::add);
        store.refresh();
        assertEquals(1, store.models().size());
        Files.delete(churn.resolve("model.json"));
        store.refresh();
        assertTrue(store.models().isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("no longer serving churn (was version 0")), log.toString());
    }

    @Test
    void refresh_bareModelWhoseFitMissedItsBar_refusedWithTheReason() throws Exception {
        Path churn = dir.resolve("churn");
        Files.createDirectories(churn);
        ModelFile.save(Fixtures.logistic(0), churn.resolve("model.json"));
        Files.writeString(churn.resolve("card.json"), CARD_MISSED);
        ModelStore store = new ModelStore(dir, log::add);
        store.refresh();
        assertTrue(store.models().isEmpty(), "a fit that missed its bar is not served from a bare model.json");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused " + churn.resolve("model.json"))
                && l.contains("missed the use case's success bar") && l.contains("AUC 0.80 is below 0.99")),
                log.toString());
    }

    @Test
    void refresh_publishedVersionWhoseFitMissedItsBar_servedBecausePublishingIsExplicit() throws Exception {
        Path v1 = dir.resolve("churn").resolve("versions").resolve("1");
        Files.createDirectories(v1);
        ModelFile.save(Fixtures.logistic(0), v1.resolve("model.json"));
        Files.writeString(v1.resolve("card.json"), CARD_MISSED);
        ModelStore store = new ModelStore(dir, log::add);
        store.refresh();
        assertEquals(1, store.models().get("churn").version());
    }

    /** occam fit --out DIR/churn makes churn a link to its last set in DIR/.churn.occam/; switching it is served. */
    @Test
    void refresh_folderIsLinkSwitchedToAnotherSet_newSetServedAndHiddenStoreIgnored() throws Exception {
        Path store = dir.resolve(".churn.occam");
        Path a = Files.createDirectories(store.resolve("a"));
        Path b = Files.createDirectories(store.resolve("b"));
        ModelFile.save(Fixtures.logistic(0), a.resolve("model.json"));
        ModelFile.save(Fixtures.logistic(1), b.resolve("model.json"));
        Files.createSymbolicLink(dir.resolve("churn"), Path.of(".churn.occam", "a"));
        ModelStore models = new ModelStore(dir, log::add);
        models.refresh();
        String first = models.models().get("churn").checksum();
        Path link = dir.resolve(".tmp-link");
        Files.createSymbolicLink(link, Path.of(".churn.occam", "b"));
        Files.move(link, dir.resolve("churn"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        models.refresh();
        assertFalse(first.equals(models.models().get("churn").checksum()), "the switched set is served");
        assertEquals(1, models.models().size());
        assertFalse(log.stream().anyMatch(l -> l.contains(".churn.occam'")), "the hidden store is skipped: " + log);
    }

    @Test
    void refresh_linkToAFolderOutside_ignoredAndSaid(@TempDir Path elsewhere) throws Exception {
        ModelFile.save(Fixtures.logistic(0), elsewhere.resolve("model.json"));
        Files.createSymbolicLink(dir.resolve("churn"), elsewhere);
        ModelStore store = new ModelStore(dir, log::add);
        store.refresh();
        assertTrue(store.models().isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.contains("'churn': it links outside")), log.toString());
    }
}
