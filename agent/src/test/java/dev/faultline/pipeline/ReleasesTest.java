package dev.faultline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordFactory;
import dev.faultline.config.Config;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Release-aware resolution: how releases are ordered, and which occurrences may reopen a group resolved in one. */
class ReleasesTest {
    @Test
    void versionsCompareByTheirNumbersNotTheirText() {
        assertTrue(Releases.older("1.9.2", "1.10.0"));
        assertTrue(Releases.older("1.10.0", "2.0.0"));
        assertFalse(Releases.older("2.0.0", "1.10.0"));
        assertEquals(0, Releases.order("1.2", "1.2.0"), "a missing part is 0");
        assertEquals(0, Releases.order("v2.0.0", "2.0.0"), "a leading v is not part of the number");
        assertEquals(0, Releases.order("2.0.0+build.7", "2.0.0"), "build metadata is ignored");
        assertTrue(Releases.older("1.99999999999999999999", "1.100000000000000000000"), "numbers of any length");
    }

    @Test
    void aPreReleaseIsOlderThanItsReleaseAndPreReleasesCompareAsSemverSays() {
        assertTrue(Releases.older("2.0.0-rc.1", "2.0.0"));
        assertTrue(Releases.older("1.9.9", "2.0.0-alpha"));
        assertTrue(Releases.older("2.0.0-alpha", "2.0.0-alpha.1"));
        assertTrue(Releases.older("2.0.0-alpha.1", "2.0.0-beta"));
        assertTrue(Releases.older("2.0.0-rc.2", "2.0.0-rc.10"), "numeric identifiers by value");
        assertTrue(Releases.older("2.0.0-rc.1", "2.0.0-rc.a"), "numbers before text");
    }

    @Test
    void anyOtherStringIsOrderedOnlyAgainstItself() {
        assertEquals(0, Releases.order("3f2a9c1", "3f2a9c1"));
        assertNull(Releases.order("3f2a9c1", "b71e0d4"));
        assertNull(Releases.order("1.0.0", "nightly"));
        assertNull(Releases.order(null, "1.0.0"), "an occurrence without a release");
        assertFalse(Releases.older("3f2a9c1", "b71e0d4"), "unknown is never older");
        assertTrue(Releases.notNewer("3f2a9c1", "3f2a9c1"));
        assertFalse(Releases.notNewer("nightly", "3f2a9c1"));
    }

    @Test
    void theNewestReleaseIsTheHighestVersionElseTheFirstGiven() {
        assertEquals("1.10.0", Releases.newest(Arrays.asList("1.9.2", null, "1.10.0", "nightly", "1.10.0-rc.1")));
        assertEquals("b71e0d4", Releases.newest(Arrays.asList(null, "b71e0d4", "3f2a9c1")));
        assertNull(Releases.newest(Arrays.asList((String) null)));
    }

    @Test
    void aGroupResolvedInReleaseTwoIsReopenedByTwoOrNewerAndNotByOlder() throws Exception {
        Document resolvedIn = resolved().append(GroupDelta.RESOLVED_IN_RELEASE, "2.0.0");
        assertFalse(delta("1.9.0").mayReopen(resolvedIn));
        assertFalse(delta("2.0.0-rc.1").mayReopen(resolvedIn));
        assertTrue(delta("2.0.0").mayReopen(resolvedIn), "the release itself has the fix: it regresses");
        assertTrue(delta("2.1.0").mayReopen(resolvedIn));
        assertTrue(delta("nightly").mayReopen(resolvedIn), "not a version: not known to be older");
        assertTrue(delta("").mayReopen(resolvedIn), "no release: not known to be older");
        GroupDelta mixed = delta("1.9.0");
        mixed.add(occurrence("2.0.1"));
        assertTrue(mixed.mayReopen(resolvedIn), "one occurrence of a newer release among older ones");
    }

    @Test
    void aGroupResolvedInTheNextReleaseIsReopenedOnlyByANewerOne() throws Exception {
        Document resolvedAfter = resolved().append(GroupDelta.RESOLVED_AFTER_RELEASE, "1.4.2");
        assertFalse(delta("1.4.2").mayReopen(resolvedAfter));
        assertFalse(delta("1.3.0").mayReopen(resolvedAfter));
        assertTrue(delta("1.4.3").mayReopen(resolvedAfter));
        Document afterCommit = resolved().append(GroupDelta.RESOLVED_AFTER_RELEASE, "3f2a9c1");
        assertFalse(delta("3f2a9c1").mayReopen(afterCommit));
        assertTrue(delta("b71e0d4").mayReopen(afterCommit), "another commit: not known to be older");
    }

    @Test
    void aPlainResolveIsReopenedByAnyReleaseAndAnOpenGroupByNone() throws Exception {
        assertTrue(delta("1.0.0").mayReopen(resolved()));
        assertFalse(delta("1.0.0").mayReopen(new Document("status", "unresolved")));
        assertFalse(delta("1.0.0").mayReopen(null), "created by this write");
    }

    @Test
    void aReleaseIsNewOnlyToTheWriteWhoseFilteredPushAddedIt() throws Exception {
        GroupDelta delta = delta("2.0.0");
        delta.add(occurrence("1.9.0"));
        delta.add(occurrence("2.1.0"));
        Document before = new Document("releases", Arrays.asList("1.9.0"));
        assertEquals(List.of("2.0.0", "2.1.0"), delta.missingReleases(before));
        assertEquals("2.1.0", GroupDelta.newRelease(before, List.of("2.0.0", "2.1.0")), "the newest of those added");
        assertEquals("2.0.0", GroupDelta.newRelease(before, List.of("2.0.0")), "2.1.0 added by another JVM meanwhile");
        assertNull(GroupDelta.newRelease(before, List.of()), "another JVM added them first");
        assertEquals(List.of(), delta.missingReleases(new Document("releases", Arrays.asList("1.9.0", "2.0.0", "2.1.0"))));
        assertEquals(List.of(), delta.missingReleases(null), "created by this write: set on insert, new_group tells");
        assertNull(GroupDelta.newRelease(new Document("count", 7L), List.of("2.0.0")), "counted before releases were kept: only filled in");
        assertEquals(List.of(), delta("").missingReleases(before), "no release: nothing new");
    }

    @Test
    void aGroupKeepsItsFirstHundredReleasesAndAddsNoMore() throws Exception {
        List<String> hundred = new java.util.ArrayList<>();
        for (int i = 0; i < GroupDelta.MAX_GROUP_RELEASES; i++) {
            hundred.add("c" + i);
        }
        assertEquals(List.of(), delta("c100").missingReleases(new Document("releases", hundred)), "no round trip past the cap");
        assertEquals(List.of("c100"), delta("c100").missingReleases(new Document("releases", hundred.subList(0, 99))));
        String filter = delta("c100").addReleaseFilter("c100").toBsonDocument().toJson();
        assertTrue(filter.contains("{\"releases\": {\"$ne\": \"c100\"}}") && filter.contains("{\"releases.99\": {\"$exists\": false}}"),
                "one writer of all adds it, and only below the cap: " + filter);
    }

    private static Document resolved() {
        return new Document("status", "resolved").append("count", 3L);
    }

    private static GroupDelta delta(String release) throws Exception {
        return GroupDelta.of(occurrence(release));
    }

    static Occurrence occurrence(String release) throws Exception {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "stock low", null, CapturedEvent.FORMAT_NONE, null, null, null, true);
        e.siteClass = "com.acme.Orders";
        e.siteMethod = "submit";
        return new RecordFactory(Config.fromMap(Map.of("service", "shop")), new Identity("shop", "", release, "", "", "box", "box", 1))
                .occurrence(e);
    }
}
