package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** error_groups as the agent keeps it: exact coalesced counts, and the resolve / regress / ignore lifecycle. */
class GroupingTest {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static MongoCollection<Document> groups(Stored stored) {
        return stored.collection("error_groups");
    }

    /** Waits until the one group matching {@code filter} has reached {@code count}; returns it. */
    static Document awaitGroup(Stored stored, Bson filter, long count) {
        List<Document> found = Eventually.await("one group matching " + filter + " counted " + count, DEADLINE,
                () -> groups(stored).find(filter).into(new java.util.ArrayList<>()),
                groups -> groups.size() > 1 || (groups.size() == 1 && groups.get(0).getLong("count") >= count));
        assertEquals(1, found.size(), "one group per error, found " + found);
        assertEquals(count, found.get(0).getLong("count"), found.get(0).toJson());
        return found.get(0);
    }

    /** A storm big enough to need many batches and coalesced group writes, small enough for a busy 2-core CI. */
    private static final int STORM = 30_000;

    private static AgentJvm.Result run(String mainClass, Stored stored, String service, String... args) throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, mainClass).libs("logback15").args(args)
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", service).set("queue.size", "200000").set("queue.max-bytes", "1GB").set("shutdown.timeout", "45s").run();
        assertEquals(0, run.exit(), run.output());
        return run;
    }

    @Test
    void stormOfIdenticalErrorsIsCountedExactlyInAFewGroupWrites() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = run("com.example.grouping.StormApp", stored, "storm", String.valueOf(STORM));
        assertTrue(run.stdout().contains("storm: done"), run.output());

        Document group = awaitGroup(stored, new Document(), STORM);
        assertEquals(1, groups(stored).countDocuments());
        // Storm sampling (OPERATIONS.md, Storms): the count is exact, the documents are the keep and samples.
        long documents = stored.errors().countDocuments(eq("fingerprint", group.getString("_id")));
        assertEquals(documents, group.getLong("stored_count").longValue(), group.toJson());
        assertTrue(documents >= 100 && documents <= 200, "100 in full and samples: " + documents);
        assertEquals("IllegalStateException: card gateway unavailable", group.getString("title"));
        assertEquals("java.lang.IllegalStateException", group.getString("exception_type"));
        assertEquals("com/example/grouping/StormApp.java", group.getString("file"));
        assertEquals("charge", group.getString("function"));
        assertEquals("grouping", group.getString("app"));
        assertEquals(List.of("storm"), group.getList("services", String.class));
        Document newest = stored.errors().find(eq("_id", group.getString("last_error_id"))).first();
        assertFalse(newest.getDate("timestamp").after(group.getDate("last_seen")), "the newest stored, at or before last_seen");
        assertFalse(group.getDate("first_seen").after(group.getDate("last_seen")));

        Document health = stored.await(stored.health(), new Document(), 1).get(0);
        assertEquals(documents, health.getLong("written").longValue(), health.toJson());
        assertEquals(STORM - documents, health.getLong("sampled").longValue(), "nothing dropped (also checked by AgentInvariants): "
                + health.toJson());
        long writes = health.getLong("group_writes");
        System.out.println("[faultline-it] storm of " + STORM + " identical errors: " + writes + " error_groups writes");
        assertTrue(writes >= 1 && writes <= 100, "group writes: " + writes);
    }

    @Test
    void sameBugFromTwoLinesOfOneMethodIsOneGroupCountedTwice() throws Exception {
        Stored stored = Stored.fresh();
        run("com.example.grouping.GroupingApp", stored, "grouping");

        Document imports = awaitGroup(stored, eq("function", "importRow"), 2);
        List<Document> occurrences = stored.errors().find(eq("fingerprint", imports.getString("_id"))).into(new java.util.ArrayList<>());
        assertEquals(List.of(SourceMarkers.line("com/example/grouping/ImportJob.java", "first-column"),
                SourceMarkers.line("com/example/grouping/ImportJob.java", "second-column")),
                occurrences.stream().map(d -> d.getInteger("line")).sorted().toList());
        assertEquals("NumberFormatException: For input string: \"x\"", imports.getString("title"));
        assertEquals("java.lang.NumberFormatException", imports.getString("exception_type"));
        assertEquals("com/example/grouping/ImportJob.java", imports.getString("file"));
        assertEquals("ERROR", imports.getString("severity"));
        assertEquals("unresolved", imports.getString("status"));
        assertEquals(0, imports.getInteger("regressions"));
        assertNull(imports.get("regressed_at"));
        assertNull(imports.get("resolved_by"));
        assertEquals(dev.faultline.capture.Fingerprints.VERSION, imports.getInteger("grouping_version"));

        Document reports = awaitGroup(stored, eq("title", "report {} failed"), 2);
        assertEquals("nightly", reports.getString("function"));
        assertNull(reports.get("exception_type"));
        awaitGroup(stored, eq("function", "total"), 1);
        awaitGroup(stored, eq("function", "reserve"), 1);
        assertEquals(4, groups(stored).countDocuments(), "import, report, cart and inventory");
    }

    @Test
    void newOccurrencesReopenResolvedGroupsEachTimeButNeverIgnoredOnes() throws Exception {
        Stored stored = Stored.fresh();
        run("com.example.grouping.GroupingApp", stored, "grouping");
        String imports = awaitGroup(stored, eq("function", "importRow"), 2).getString("_id");
        String cart = awaitGroup(stored, eq("function", "total"), 1).getString("_id");
        String inventory = awaitGroup(stored, eq("function", "reserve"), 1).getString("_id");
        String reports = awaitGroup(stored, eq("title", "report {} failed"), 2).getString("_id");

        Date resolvedAt = new Date();
        resolve(stored, imports, resolvedAt);
        groups(stored).updateOne(eq("_id", cart), Updates.set("status", "ignored"));
        // Resolved "after" the next run's errors happen: they predate the resolution (as if written
        // late) and must not reopen it.
        resolve(stored, inventory, new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis()));

        run("com.example.grouping.GroupingApp", stored, "grouping");
        Document regressed = awaitGroup(stored, eq("_id", imports), 4);
        assertEquals("unresolved", regressed.getString("status"));
        assertEquals(1, regressed.getInteger("regressions"));
        assertFalse(regressed.getDate("regressed_at").before(resolvedAt), regressed.toJson());
        assertEquals(4, stored.errors().countDocuments(and(eq("fingerprint", imports), eq("resolved", false))),
                "occurrences of a resolved group are stored like any other");

        Document ignored = awaitGroup(stored, eq("_id", cart), 2);
        assertEquals("ignored", ignored.getString("status"));
        assertEquals(0, ignored.getInteger("regressions"));
        assertNull(ignored.get("regressed_at"));
        Document stillResolved = awaitGroup(stored, eq("_id", inventory), 2);
        assertEquals("resolved", stillResolved.getString("status"));
        assertEquals(0, stillResolved.getInteger("regressions"));
        Document untouched = awaitGroup(stored, eq("_id", reports), 4);
        assertEquals("unresolved", untouched.getString("status"));
        assertEquals(0, untouched.getInteger("regressions"));

        Date resolvedAgain = new Date();
        resolve(stored, imports, resolvedAgain);
        run("com.example.grouping.GroupingApp", stored, "grouping");
        Document twice = awaitGroup(stored, eq("_id", imports), 6);
        assertEquals("unresolved", twice.getString("status"));
        assertEquals(2, twice.getInteger("regressions"));
        assertFalse(twice.getDate("regressed_at").before(resolvedAgain));
        assertEquals("ignored", awaitGroup(stored, eq("_id", cart), 3).getString("status"));
    }

    private static void resolve(Stored stored, String group, Date at) {
        groups(stored).updateOne(eq("_id", group), Updates.combine(Updates.set("status", "resolved"),
                Updates.set("resolved_by", "alice"), Updates.set("resolved_timestamp", at)));
    }
}
