package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.store.spool.LeftSpools;
import dev.faultline.store.spool.OwnSpool;
import dev.faultline.store.spool.SpoolRecord;
import dev.faultline.store.spool.SpoolTarget;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM replays the left spool files for its own database, and those of earlier agents that do not say. */
class LeftReplayTest {
    @TempDir
    Path dir;

    /** A file a run for {@code database} left (null: an earlier agent's, without its first record). */
    private Path leftFor(String database) {
        OwnSpool spool = new OwnSpool(dir, null, database, 1 << 20);
        spool.append(List.of(new SpoolRecord("app_errors", new Document("message", "x"))));
        Path file = spool.file();
        spool.close();
        return file;
    }

    @Test
    void onlyFilesForItsOwnDatabaseOrThatDoNotSayAreTaken() throws Exception {
        Path a = leftFor("shop_a");
        Path b = leftFor("shop_b");
        Path old = leftFor(null);
        assertEquals("shop_a", SpoolTarget.of(a));
        assertEquals(null, SpoolTarget.of(old));

        Health health = new Health();
        LeftReplay forA = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health, "shop_a");
        forA.scan(null);
        assertTrue(forA.pending());
        assertEquals(1, forA.foreign(), "shop_b's file left alone");

        LeftReplay forC = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health, "shop_c");
        forC.scan(null);
        assertTrue(forC.pending(), "the earlier agent's file, which does not say");
        assertEquals(2, forC.foreign());

        assertTrue(SpoolTarget.anyFor(LeftSpools.in(dir, null), "shop_c"), "the earlier agent's file");
        java.nio.file.Files.delete(old);
        assertFalse(SpoolTarget.anyFor(LeftSpools.in(dir, null), "shop_c"), "an exit for shop_c has nothing to store: no client");
        assertTrue(SpoolTarget.anyFor(LeftSpools.in(dir, null), "shop_b"));
    }
}
