package dev.faultline.store.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that interrupts every thread (a trial): the spool's channel, closed by the
 * interrupt, stayed closed for the rest of the run and every error MongoDB did not take was
 * dropped. Its writes go on.
 */
class InterruptedSpoolTest {
    @TempDir
    Path dir;

    private static List<SpoolRecord> one(String m) {
        return List.of(new SpoolRecord("app_errors", new Document("m", m)));
    }

    @Test
    void anInterruptOfTheWritingThreadNeitherFailsTheWriteNorClosesTheSpool() throws Exception {
        OwnSpool spool = new OwnSpool(dir, 1 << 20);
        Thread.currentThread().interrupt();
        assertEquals(1, spool.append(one("a")));
        Thread.currentThread().interrupt();
        assertEquals(1, spool.append(one("b")));
        // A channel closed by an interrupt that came during a write: the file is opened again.
        java.lang.reflect.Field appender = OwnSpool.class.getDeclaredField("appender");
        appender.setAccessible(true);
        ((SpoolAppender) appender.get(spool)).close();
        assertEquals(1, spool.append(one("c")));
        assertNull(spool.error());
        Path file = spool.file();
        spool.close();
        List<SpoolRecord> read = LeftSpools.read(file);
        assertEquals(List.of("a", "b", "c"), read.stream().map(r -> r.document().getString("m")).toList());
    }
}
