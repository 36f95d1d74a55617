package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallSiteCacheTest {
    private final CallSiteCache cache = new CallSiteCache();
    private final CallSiteCache.Entry entry = cache.entry("shop.Checkout", "order {} failed");
    private int walks;

    private CallSiteCache.Walk at(String method, int line) {
        return () -> {
            walks++;
            return new CallSiteCache.Site("shop.Checkout", method, "Checkout.java", line);
        };
    }

    @Test
    void theFirstEightCallsAreWalkedThenTheSiteComesFromMemory() {
        for (int i = 0; i < CallSiteCache.TRUSTED_AFTER; i++) {
            assertEquals(42, entry.site(at("pay", 42)).line);
        }
        assertEquals(CallSiteCache.TRUSTED_AFTER, walks);
        assertEquals(42, entry.site(at("pay", 42)).line);
        assertEquals(CallSiteCache.TRUSTED_AFTER, walks, "from memory");
    }

    @Test
    void aTrustedSiteIsStillWalkedOneCallInSixteen() {
        trust("pay", 42);
        walks = 0;
        for (int i = 0; i < 16 * CallSiteCache.RECHECK; i++) {
            entry.site(at("pay", 42));
        }
        assertEquals(16, walks);
    }

    @Test
    void aSecondSiteAfterTrustIsFoundWithinSixteenCallsAndThenEveryCallKeepsItsBacktrace() {
        trust("pay", 42);
        int misplaced = 0;
        CallSiteCache.Site site;
        while ((site = entry.site(at("refund", 77))) != null && site.line == 42) {
            misplaced++;
        }
        assertTrue(misplaced < CallSiteCache.RECHECK, misplaced + " calls carried the first site");
        assertEquals(77, site.line, "the walk that found it is exact");
        assertTrue(entry.isShared());
        for (int i = 0; i < 100; i++) {
            assertNull(entry.site(at("pay", 42)), "a shared pair is never taken from memory");
        }
    }

    @Test
    void twoSitesBeforeTrustAreToldApartAtOnce() {
        assertEquals(42, entry.site(at("pay", 42)).line);
        assertEquals(43, entry.site(at("pay", 43)).line, "another line of the same method is another site");
        assertTrue(entry.isShared());
        assertNull(entry.site(at("pay", 42)));
    }

    @Test
    void aCallWithNoQualifyingFrameKeepsItsBacktraceAndTeachesNothing() {
        assertNull(entry.site(() -> null));
        trust("pay", 42);
    }

    @Test
    void theSameLoggerAndTemplateFindTheSameEntryAndOthersTheirOwn() {
        assertSame(entry, cache.entry("shop.Checkout", new String("order {} failed")));
        assertTrue(entry != cache.entry("shop.Refunds", "order {} failed"));
    }

    @Test
    void theSameTemplateWithAnotherBoundaryIsAnotherEntry() {
        CallSiteCache.Entry wrapped = cache.entry("shop.Checkout", "order {} failed", "com.acme.FqcnLog");
        assertTrue(wrapped != entry, "logged through a wrapper that names itself, and directly");
        assertSame(wrapped, cache.entry("shop.Checkout", "order {} failed", new String("com.acme.FqcnLog")));
        CallSiteCache.Entry jul = cache.entry("shop.Checkout", "order {} failed", new CallerFrames.Source("shop.Checkout", "pay"));
        assertSame(jul, cache.entry("shop.Checkout", "order {} failed", new CallerFrames.Source("shop.Checkout", "pay")));
        assertTrue(jul != cache.entry("shop.Checkout", "order {} failed", new CallerFrames.Source("shop.Checkout", "refund")));
    }

    @Test
    void longTemplatesAndMissingKeysAreNotRemembered() {
        StringBuilder built = new StringBuilder();
        for (int i = 0; i <= CallSiteCache.MAX_TEMPLATE; i++) {
            built.append('x');
        }
        assertNull(cache.entry("shop.Checkout", built.toString()));
        assertNull(cache.entry(null, "order {} failed"));
        assertNull(cache.entry("shop.Checkout", null));
    }

    private void trust(String method, int line) {
        for (int i = 0; i < CallSiteCache.TRUSTED_AFTER; i++) {
            entry.site(at(method, line));
        }
        int before = walks;
        entry.site(at(method, line));
        assertEquals(before, walks, "trusted");
    }
}
