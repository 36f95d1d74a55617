package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spool or queue size too small for a few records (a unit left out: {@code spool.max-size=10}):
 * accepted as written, every record past it dropped and counted, and one warning line that names
 * the key, the value and where it came from.
 */
class SizeWarningTest {
    @Test
    void aSpoolSizeWithoutItsUnitIsWarnedAbout() {
        Config c = Setup.with().property("spool.max-size", "10").load();
        assertEquals(10, c.spoolMaxSize());
        assertEquals(List.of("faultline: spool.max-size=10 (system property faultline.spool.max-size) gives the spool 10 bytes, less than"
                + " a few records (one takes 1-20 KB): what does not fit is dropped and counted as spool_full; a number alone is"
                + " bytes: a size with its unit, such as 64MB, was likely meant"), c.warnings());
    }

    @Test
    void aQueueByteBudgetWithoutItsUnitIsWarnedAbout() {
        List<String> warnings = Setup.with().env("FAULTLINE_QUEUE_MAX_BYTES", "512").load().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(true, warnings.get(0).startsWith("faultline: queue.max-bytes=512 (environment variable FAULTLINE_QUEUE_MAX_BYTES)"
                + " gives the queue 512 bytes"), warnings.get(0));
    }

    @Test
    void aSmallSizeWithItsUnitIsWarnedAboutWithoutTheHintAboutAUnit() {
        List<String> warnings = Setup.with().property("spool.max-size", "10KB").load().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(true, warnings.get(0).endsWith("counted as spool_full"), warnings.get(0));
    }

    @Test
    void sizesThatHoldRecordsAndTheDefaultsAreNotWarnedAbout() {
        assertEquals(List.of(), Setup.with().property("spool.max-size", "64KB").property("queue.max-bytes", "1MB").load().warnings());
        assertEquals(List.of(), Setup.with().load().warnings());
    }
}
