package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolution at both levels over real HTTP: occurrences (mark_resolved/mark_unresolved) and groups. */
class ApiChangesTest {
    private static ConsoleServer server;
    private static Http http;
    private static MongoCollection<Document> errors;
    private static MongoCollection<Document> groups;

    @BeforeAll
    static void serve() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        errors = db.getCollection("app_errors");
        groups = db.getCollection("error_groups");
        server = ConsoleServer.start(name);
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Document occurrence(String fingerprint, Instant at) {
        Document d = Seed.occurrence("changes " + UUID.randomUUID(), at).append("fingerprint", fingerprint);
        errors.insertOne(d);
        return d;
    }

    private static Document stored(Document d) {
        return errors.find(eq("_id", d.getString("_id"))).first();
    }

    @Test
    void markResolvedSetsTheThreeFieldsAndMarkUnresolvedClearsAllThree() throws Exception {
        Document d = occurrence(Seed.fingerprint("one"), Instant.now());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Http.Answer r = http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "{\"resolved_by\": \"ann\"}");
        Instant after = Instant.now();
        assertEquals(200, r.status(), r.body());
        Document answer = r.json();
        assertEquals("resolved", answer.getString("status"));
        assertEquals("ann", answer.getString("resolved_by"));
        Document now = stored(d);
        assertEquals(true, now.getBoolean("resolved"));
        assertEquals("ann", now.getString("resolved_by"));
        Instant at = now.getDate("resolved_timestamp").toInstant();
        assertTrue(!at.isBefore(before) && !at.isAfter(after), at + " not within the call");
        assertEquals(at, Instant.parse(answer.getString("resolved_timestamp")));

        Http.Answer undo = http.post("/api/app-errors/" + d.getString("_id") + "/mark_unresolved/", "");
        assertEquals(200, undo.status(), undo.body());
        assertEquals(new Document("status", "unresolved").append("resolved_by", null).append("resolved_timestamp", null), undo.json());
        Document reopened = stored(d);
        assertEquals(false, reopened.getBoolean("resolved"));
        assertTrue(reopened.containsKey("resolved_by") && reopened.get("resolved_by") == null);
        assertTrue(reopened.containsKey("resolved_timestamp") && reopened.get("resolved_timestamp") == null);
    }

    @Test
    void markResolvedWithoutABodyLeavesResolvedByEmpty() throws Exception {
        Document d = occurrence(Seed.fingerprint("no body"), Instant.now());
        assertEquals(200, http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "").status());
        assertEquals(true, stored(d).getBoolean("resolved"));
        assertNull(stored(d).get("resolved_by"));
    }

    @Test
    void aChangeToAnUnknownOccurrenceIs404AndABadNameIs400WithNothingWritten() throws Exception {
        Http.Answer missing = http.post("/api/app-errors/" + UUID.randomUUID() + "/mark_resolved/", "{\"resolved_by\": \"ann\"}");
        assertEquals(404, missing.status());
        assertEquals(new Document("error", "Not found"), missing.json());
        Document d = occurrence(Seed.fingerprint("bad name"), Instant.now());
        for (String body : List.of("{\"resolved_by\": {\"$set\": {\"resolved\": true}}}", "{\"resolved_by\": 7}")) {
            Http.Answer bad = http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", body);
            assertEquals(400, bad.status(), body);
            assertEquals("Invalid resolved_by parameter", bad.json().getString("error"));
        }
        assertEquals(400, http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "resolved_by=ann").status());
        // A user's trial: a misspelt field resolved with no name, answered 200.
        Http.Answer misspelt = http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "{\"resolvedby\": \"ann\"}");
        assertEquals(400, misspelt.status());
        assertEquals("Unknown parameter resolvedby", misspelt.json().getString("error"));
        assertEquals(false, stored(d).getBoolean("resolved"));
        assertEquals(404, http.post("/api/app-errors/" + d.getString("_id") + "/mark_done/", "{}").status());
    }

    @Test
    void resolvingAGroupResolvesItsOccurrencesUpToNowAndNoOtherGroups() throws Exception {
        String fp = Seed.fingerprint("group to resolve");
        String other = Seed.fingerprint("other group");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        groups.insertMany(List.of(Seed.group(fp, "to resolve", t, t, 4), Seed.group(other, "other", t, t, 1)));
        Document open1 = occurrence(fp, t);
        Document open2 = occurrence(fp, t.plusSeconds(1));
        Document byBob = occurrence(fp, t.plusSeconds(2));
        errors.updateOne(eq("_id", byBob.getString("_id")), new Document("$set",
                new Document("resolved", true).append("resolved_by", "bob").append("resolved_timestamp", Date.from(t))));
        Document later = occurrence(fp, Instant.now().plus(1, ChronoUnit.HOURS));
        Document elsewhere = occurrence(other, t);

        Http.Answer r = http.post("/api/error-groups/" + fp + "/resolve/", "{\"resolved_by\": \"ann\"}");
        assertEquals(200, r.status(), r.body());
        Document answer = r.json();
        assertEquals("resolved", answer.getString("status"));
        assertEquals("ann", answer.getString("resolved_by"));
        assertEquals(2, ((Number) answer.get("occurrences_resolved")).intValue());

        Document group = groups.find(eq("_id", fp)).first();
        assertEquals("resolved", group.getString("status"));
        assertEquals("ann", group.getString("resolved_by"));
        assertEquals(Instant.parse(answer.getString("resolved_timestamp")), group.getDate("resolved_timestamp").toInstant());
        for (Document d : List.of(open1, open2)) {
            assertEquals(true, stored(d).getBoolean("resolved"));
            assertEquals("ann", stored(d).getString("resolved_by"));
        }
        assertEquals("bob", stored(byBob).getString("resolved_by"), "an occurrence resolved before keeps who did it");
        assertEquals(false, stored(later).getBoolean("resolved"), "an occurrence after the resolution is a regression, not resolved");
        assertEquals(false, stored(elsewhere).getBoolean("resolved"));
        assertEquals("unresolved", groups.find(eq("_id", other)).first().getString("status"));
    }

    @Test
    void unresolvingAGroupReopensItAndLeavesItsOccurrencesAsTheyAre() throws Exception {
        String fp = Seed.fingerprint("group to reopen");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        groups.insertOne(Seed.group(fp, "to reopen", t, t, 1));
        Document d = occurrence(fp, t);
        assertEquals(200, http.post("/api/error-groups/" + fp + "/resolve/", "{\"resolved_by\": \"ann\"}").status());
        Http.Answer r = http.post("/api/error-groups/" + fp + "/unresolve/", "{}");
        assertEquals(200, r.status(), r.body());
        assertEquals("unresolved", r.json().getString("status"));
        Document group = groups.find(eq("_id", fp)).first();
        assertEquals("unresolved", group.getString("status"));
        assertNull(group.get("resolved_by"));
        assertNull(group.get("resolved_timestamp"));
        assertEquals(true, stored(d).getBoolean("resolved"));
    }

    @Test
    void ignoringAGroupTakesItOutOfTheUnresolvedList() throws Exception {
        String fp = Seed.fingerprint("group to ignore");
        Instant t = Instant.now();
        groups.insertOne(Seed.group(fp, "to ignore", t, t, 1).append("app", "ignore-app"));
        assertEquals(1, ids("/api/error-groups/?app=ignore-app&status=unresolved").size());
        Http.Answer r = http.post("/api/error-groups/" + fp + "/ignore/", "{}");
        assertEquals(200, r.status(), r.body());
        assertEquals("ignored", r.json().getString("status"));
        assertEquals("ignored", groups.find(eq("_id", fp)).first().getString("status"));
        assertEquals(List.of(), ids("/api/error-groups/?app=ignore-app&status=unresolved"));
        assertEquals(List.of(fp), ids("/api/error-groups/?app=ignore-app&status=ignored"));
    }

    @Test
    void changingAnUnknownGroupIs404() throws Exception {
        for (String action : List.of("resolve", "unresolve", "ignore")) {
            Http.Answer r = http.post("/api/error-groups/" + Seed.fingerprint("missing") + "/" + action + "/", "{}");
            assertEquals(404, r.status(), action);
        }
        assertEquals(0, groups.countDocuments(eq("_id", Seed.fingerprint("missing"))), "nothing upserted");
    }

    @Test
    void aGroupOrAnOccurrenceIsFoundByAUniqueBeginningOfItsIdAndAnAmbiguousOneIs400() throws Exception {
        // Two groups whose fingerprints share their first eight characters, as two of a million would.
        String one = "beadfeed" + Seed.fingerprint("prefix-one").substring(8);
        String two = "beadfeed" + Seed.fingerprint("prefix-two").substring(8);
        Instant now = Instant.now();
        groups.insertMany(List.of(Seed.group(one, "one", now, now, 1), Seed.group(two, "two", now, now, 1)));
        assertEquals(one, http.get("/api/error-groups/" + one.substring(0, 12) + "/").json().getString("_id"));
        Http.Answer ambiguous = http.get("/api/error-groups/beadfeed/");
        assertEquals(400, ambiguous.status(), ambiguous.body());
        assertTrue(ambiguous.json().getString("error").contains("give more characters"), ambiguous.body());
        assertEquals(404, http.get("/api/error-groups/beadf/").status(), "under six characters is no beginning");
        assertEquals(200, http.post("/api/error-groups/" + two.substring(0, 10) + "/resolve/", "{}").status());
        assertEquals("resolved", groups.find(eq("_id", two)).first().getString("status"));
        assertEquals("unresolved", groups.find(eq("_id", one)).first().getString("status"), "only the group named");

        Document d = occurrence(one, now);
        Http.Answer byBeginning = http.get("/api/app-errors/" + d.getString("_id").substring(0, 13) + "/");
        assertEquals(d.getString("_id"), byBeginning.json().getString("_id"), byBeginning.body());
    }

    @Test
    void mergeAndUnmergeAnswerWhatMovedAndRefuseWhatCannotBeDone() throws Exception {
        String source = Seed.fingerprint("merge-source");
        String target = Seed.fingerprint("merge-target");
        Instant now = Instant.now();
        groups.insertMany(List.of(Seed.group(source, "source", now, now, 2), Seed.group(target, "target", now, now, 1)));
        occurrence(source, now);
        occurrence(source, now);
        occurrence(target, now);
        String base = "/api/error-groups/" + source;

        Http.Answer noInto = http.post(base + "/merge/", "{\"merged_by\": \"ann\"}");
        assertEquals(400, noInto.status(), noInto.body());
        assertEquals("Invalid into parameter", noInto.json().getString("error"));
        assertEquals(404, http.post(base + "/merge/", "{\"into\": \"" + Seed.fingerprint("nowhere") + "\"}").status());
        assertEquals(400, http.post(base + "/merge/", "{\"into\": \"" + source + "\"}").status(), "into itself");
        assertEquals(400, http.post(base + "/unmerge/", "{}").status(), "not merged");
        assertNull(groups.find(eq("_id", source)).first().get("merged_into"), "nothing changed by the refused calls");

        Http.Answer merged = http.post(base + "/merge/", "{\"into\": \"" + target + "\", \"merged_by\": \"ann\"}");
        assertEquals(200, merged.status(), merged.body());
        assertEquals(source, merged.json().getString("group"));
        assertEquals(target, merged.json().getString("merged_into"));
        assertEquals(2, ((Number) merged.json().get("occurrences_moved")).intValue());
        assertEquals(3L, ((Number) groups.find(eq("_id", target)).first().get("count")).longValue());
        assertEquals(3, errors.countDocuments(eq("fingerprint", target)));
        assertEquals("ann", groups.find(eq("_id", source)).first().getString("merged_by"));

        Http.Answer unmerged = http.post(base + "/unmerge/", "{}");
        assertEquals(200, unmerged.status(), unmerged.body());
        assertTrue(unmerged.json().containsKey("merged_into") && unmerged.json().get("merged_into") == null, unmerged.body());
        assertEquals(target, unmerged.json().getString("unmerged_from"));
        assertEquals(2, ((Number) unmerged.json().get("occurrences_moved")).intValue());
        assertEquals(1L, ((Number) groups.find(eq("_id", target)).first().get("count")).longValue());
        assertEquals(2, errors.countDocuments(eq("fingerprint", source)));
    }

    private static List<String> ids(String path) throws Exception {
        return http.get(path).json().getList("results", Document.class).stream().map(g -> g.getString("_id")).toList();
    }

    @Test
    void occurrenceListReflectsResolution() throws Exception {
        Document d = occurrence(Seed.fingerprint("listed"), Instant.now());
        errors.updateOne(eq("_id", d.getString("_id")), new Document("$set", new Document("job_id", "job-listed")));
        assertEquals(1, ((Number) http.get("/api/app-errors/?job_id=job-listed&resolved=false").json().get("count")).intValue());
        http.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "{\"resolved_by\": \"ann\"}");
        assertEquals(0, ((Number) http.get("/api/app-errors/?job_id=job-listed&resolved=false").json().get("count")).intValue());
        assertFalse(http.get("/api/app-errors/?job_id=job-listed&resolved=true").json().getList("results", Document.class).isEmpty());
    }
}
