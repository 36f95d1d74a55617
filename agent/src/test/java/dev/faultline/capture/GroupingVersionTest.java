package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change of {@link Fingerprints#VERSION} simulated: the "previous version" grouped messages by
 * their call site's line too. Each occurrence names the group it had under that version, so the
 * writer can merge that group into the new one.
 */
class GroupingVersionTest {
    private static final Identity IDENTITY = new Identity("shop", "", "", "", "", "box", "box", 1);
    private static final RecordFactory.PreviousVersion WITH_LINES = (e, chain, code, inApp) ->
            chain == null && code == null ? Fingerprints.ofMessage(e.logger, e.template + "@" + e.siteLine, e.siteClass, e.siteMethod) : null;

    private static CapturedEvent event(int line) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "stock low", null, CapturedEvent.FORMAT_NONE, null, null, null, true);
        e.siteClass = "com.acme.Orders";
        e.siteMethod = "submit";
        e.siteLine = line;
        return e;
    }

    private static RecordFactory factory(String rules, RecordFactory.PreviousVersion previous) throws Exception {
        return new RecordFactory(Config.fromMap(Map.of("service", "shop", "grouping.rules", rules)), IDENTITY, previous);
    }

    @Test
    void occurrencesOfTwoOldGroupsNameThemAndShareTheNewGroup() throws Exception {
        RecordFactory f = factory("", WITH_LINES);
        Occurrence a = f.occurrence(event(12));
        Occurrence b = f.occurrence(event(40));
        assertEquals(a.fingerprint, b.fingerprint);
        assertEquals(WITH_LINES.fingerprint(event(12), null, null, null), a.previousFingerprint);
        assertEquals(WITH_LINES.fingerprint(event(40), null, null, null), b.previousFingerprint);
        assertEquals(a.previousFingerprint, a.document.getString("previous_fingerprint"));
    }

    @Test
    void noPreviousFingerprintWhenTheVersionsAgreeOrThereIsNoPreviousVersion() throws Exception {
        Occurrence same = factory("", (e, chain, code, inApp) -> Fingerprints.ofMessage(e.logger, e.template, e.siteClass, e.siteMethod))
                .occurrence(event(12));
        assertNull(same.previousFingerprint);
        assertFalse(same.document.containsKey("previous_fingerprint"));
        Occurrence current = new RecordFactory(Config.fromMap(Map.of("service", "shop")), IDENTITY).occurrence(event(12));
        assertNull(current.previousFingerprint, "a template without digits: version 1 grouped it as version 2 does");
    }

    /**
     * Version 2 against the real version 1: concatenated messages of one call site, a group each
     * under version 1, share one group now, and each occurrence names its version-1 group, so
     * that those groups are merged into it.
     */
    @Test
    void concatenatedMessagesOfVersionOneGroupsShareOneGroupAndNameTheirOldOnes() throws Exception {
        RecordFactory f = new RecordFactory(Config.fromMap(Map.of("service", "shop")), IDENTITY);
        CapturedEvent first = event(12);
        first.template = "order 17 failed";
        CapturedEvent second = event(12);
        second.template = "order 18 failed";
        Occurrence a = f.occurrence(first);
        Occurrence b = f.occurrence(second);
        assertEquals(a.fingerprint, b.fingerprint);
        assertEquals(Fingerprints.previousVersion(first, null, null, null), a.previousFingerprint);
        assertEquals(Fingerprints.previousVersion(second, null, null, null), b.previousFingerprint);
        assertFalse(a.previousFingerprint.equals(b.previousFingerprint), "two groups under version 1");
        assertEquals("order 17 failed", a.document.getString("message"), "the message as logged");
    }

    @Test
    void aGroupingRulesFingerprintIsNotMigrated() throws Exception {
        Occurrence ruled = factory("stock: message=stock", WITH_LINES).occurrence(event(12));
        assertNull(ruled.previousFingerprint);
        assertFalse(ruled.document.containsKey("previous_fingerprint"));
    }
}
