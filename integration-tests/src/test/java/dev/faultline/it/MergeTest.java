package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Merging groups with the CLI, then running the application again: the merged group's new
 * occurrences land in the target, the other groups are untouched; unmerging gives them back,
 * and later occurrences stay in their own group. Real child JVMs (BreadcrumbsApp through JUL:
 * an exception group "payment failed", a message group "second failure", an http group).
 */
class MergeTest {
    private final Stored stored = Stored.fresh();

    @Test
    void newOccurrencesOfAMergedGroupLandInTheTargetUntilItIsUnmerged() throws Exception {
        Groups first = firstRun();
        String payment = first.payment(), second = first.second(), http = first.http();

        FaultlineCli.Result merged = cli("merge", second.substring(0, 10), "--into", payment.substring(0, 10), "--by", "ann");
        assertEquals(0, merged.exit(), merged.output());
        assertEquals("group " + second + ": merged into " + payment + " (1 occurrences moved)\n", merged.stdout());
        Document group = group(second);
        assertEquals(payment, group.getString("merged_into"));
        assertEquals("ann", group.getString("merged_by"));
        assertEquals(2L, count(payment));
        assertEquals(List.of(payment), fingerprints("second failure"));
        assertEquals(second, stored.errors().find(eq("message", "second failure")).first().getString("original_fingerprint"));
        FaultlineCli.Result listed = cli("groups", "--json");
        List<String> ids = new ArrayList<>();
        for (Document g : Document.parse(listed.stdout()).getList("results", Document.class)) {
            ids.add(g.getString("_id"));
        }
        assertTrue(ids.contains(payment) && ids.contains(http), listed.stdout());
        assertFalse(ids.contains(second), "a merged group is listed through its target: " + listed.stdout());
        FaultlineCli.Result shown = cli("group", second);
        assertTrue(shown.stdout().contains("merged into  " + payment), "its own page says where it went: " + shown.stdout());

        runApp(6);
        awaitCounts(payment, 4, second, 2, http, 2);
        assertEquals(List.of(payment, payment), fingerprints("second failure"));
        for (Document d : stored.errors().find(eq("message", "second failure")).into(new ArrayList<>())) {
            assertEquals(second, d.getString("original_fingerprint"), d.toJson());
        }
        assertNull(stored.errors().find(eq("source", "http")).first().get("original_fingerprint"), "other groups are untouched");

        FaultlineCli.Result unmerged = cli("unmerge", second);
        assertEquals(0, unmerged.exit(), unmerged.output());
        assertEquals("group " + second + ": unmerged from " + payment + " (2 occurrences moved back)\n", unmerged.stdout());
        assertNull(group(second).get("merged_into"));
        assertEquals(2L, count(payment));
        assertEquals(List.of(second, second), fingerprints("second failure"));
        assertEquals(List.of(payment, payment), fingerprints("payment failed"), "the target keeps its own occurrences");
        assertEquals(0, stored.errors().countDocuments(new Document("original_fingerprint", new Document("$exists", true))));

        runApp(9);
        awaitCounts(payment, 3, second, 3, http, 3);
        assertEquals(List.of(second, second, second), fingerprints("second failure"));
    }

    @Test
    void unmergingAGroupThatOthersWereMergedIntoGivesBackOnlyItsOwnOccurrences() throws Exception {
        Groups first = firstRun();
        String payment = first.payment(), second = first.second(), http = first.http();
        assertEquals(0, cli("merge", http, "--into", second).exit());
        FaultlineCli.Result targetNotMerged = cli("unmerge", second);
        assertEquals(2, targetNotMerged.exit(), "a group others were merged into is not itself merged: " + targetNotMerged.output());
        assertEquals(second, group(http).getString("merged_into"), "the refused unmerge left the merge");
        assertEquals(2L, count(second));

        assertEquals(0, cli("merge", second, "--into", payment).exit());
        assertEquals(payment, group(http).getString("merged_into"), "re-pointed: no chains");
        assertEquals(3L, count(payment));
        assertEquals(1L, count(second), "the merged group keeps its own count only");
        assertEquals(List.of(payment, payment, payment), fingerprintsOfAll());

        FaultlineCli.Result unmerged = cli("unmerge", second);
        assertEquals(0, unmerged.exit(), unmerged.output());
        assertEquals("group " + second + ": unmerged from " + payment + " (1 occurrences moved back)\n", unmerged.stdout());
        assertEquals(2L, count(payment), "the payment group keeps its own and the http group's occurrence");
        assertEquals(1L, count(second));
        assertEquals(payment, group(http).getString("merged_into"), "the group merged into it before stays merged, into the target");
        assertEquals(List.of(second), fingerprints("second failure"));
        Document httpOccurrence = stored.errors().find(eq("source", "http")).first();
        assertEquals(payment, httpOccurrence.getString("fingerprint"));
        assertEquals(http, httpOccurrence.getString("original_fingerprint"));

        runApp(6);
        awaitCounts(payment, 4, second, 2, http, 2);
        assertEquals(List.of(second, second), fingerprints("second failure"));
        assertEquals(List.of(payment, payment), stored.errors().find(eq("source", "http")).map(d -> d.getString("fingerprint"))
                .into(new ArrayList<>()), "new http occurrences land in the group it was re-pointed to");

        assertEquals(0, cli("unmerge", http).exit());
        awaitCounts(payment, 2, second, 2, http, 2);
        assertEquals(List.of(http, http), stored.errors().find(eq("source", "http")).map(d -> d.getString("fingerprint"))
                .into(new ArrayList<>()));
    }

    @Test
    void anOccurrenceStoredBeforeItsAgentLearnedOfTheMergeStaysInItsGroupAndTheUnmergeTakesBackOnlyWhatTheTargetGot() throws Exception {
        Groups first = firstRun();
        String payment = first.payment(), second = first.second();
        assertEquals(0, cli("merge", second, "--into", payment).exit());
        assertEquals(2L, count(payment));
        assertEquals(1L, ((Number) group(second).get("merged_count")).longValue(), "what the target got from it");
        // What an agent that has not read the merge yet (it reads merges every 10 s) stores for
        // its next "second failure": the occurrence in its own group, counted there.
        Document late = stored.errors().find(eq("original_fingerprint", second)).first();
        late.remove("original_fingerprint");
        late.remove("pid"); // another agent's, which left its own health report elsewhere (AgentInvariants counts rows by pid)
        stored.errors().insertOne(late.append("_id", UUID.randomUUID().toString()).append("fingerprint", second));
        stored.collection("error_groups").updateOne(eq("_id", second), Updates.inc("count", 1));

        FaultlineCli.Result unmerged = cli("unmerge", second);
        assertEquals(0, unmerged.exit(), unmerged.output());
        assertEquals("group " + second + ": unmerged from " + payment + " (1 occurrences moved back)\n", unmerged.stdout());
        assertEquals(1L, count(payment), "the target gives back what it got, not the late occurrence it never counted");
        assertEquals(2L, count(second));
        assertEquals(List.of(second, second), fingerprints("second failure"));
        assertNull(group(second).get("merged_count"));
    }

    @Test
    void mergingAGroupIntoItselfOrAnUnknownGroupChangesNothing() throws Exception {
        runApp(3);
        String payment = fingerprint("payment failed");
        awaitCounts(payment, 1);
        FaultlineCli.Result self = cli("merge", payment, "--into", payment);
        assertEquals(2, self.exit(), self.output());
        assertTrue(self.output().contains("a group cannot be merged into itself"), self.output());
        FaultlineCli.Result unknown = cli("merge", payment, "--into", "ffffffffffff");
        assertEquals(1, unknown.exit(), unknown.output());
        FaultlineCli.Result notMerged = cli("unmerge", payment);
        assertEquals(2, notMerged.exit(), notMerged.output());
        assertNull(group(payment).get("merged_into"));
        assertEquals(1L, count(payment));
    }

    /** The app's three groups: an exception group, a message group, an http group. */
    private record Groups(String payment, String second, String http) {
    }

    /** The first run: each of the three groups counted once. */
    private Groups firstRun() throws Exception {
        runApp(3);
        Groups g = new Groups(fingerprint("payment failed"), fingerprint("second failure"),
                stored.errors().find(eq("source", "http")).first().getString("fingerprint"));
        awaitCounts(g.payment(), 1, g.second(), 1, g.http(), 1);
        return g;
    }

    private void runApp(int occurrences) throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.breadcrumbs.BreadcrumbsApp").args("jul")
                .storingIn(MongoSource.get().uri, stored.database).set("service", "merges").set("app-packages", "com.example")
                .run();
        assertEquals(0, run.exit(), run.output());
        stored.await(stored.errors(), new Document(), occurrences);
    }

    private FaultlineCli.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--uri", MongoSource.get().uri, "--database", stored.database));
        return FaultlineCli.run(all.toArray(new String[0]));
    }

    private String fingerprint(String message) {
        return stored.errors().find(eq("message", message)).first().getString("fingerprint");
    }

    private List<String> fingerprints(String message) {
        List<String> out = new ArrayList<>();
        for (Document d : stored.errors().find(eq("message", message)).into(new ArrayList<>())) {
            out.add(d.getString("fingerprint"));
        }
        return out;
    }

    private List<String> fingerprintsOfAll() {
        return stored.errors().find().map(d -> d.getString("fingerprint")).into(new ArrayList<>());
    }

    private Document group(String fingerprint) {
        return stored.collection("error_groups").find(eq("_id", fingerprint)).first();
    }

    private long count(String fingerprint) {
        return ((Number) group(fingerprint).get("count")).longValue();
    }

    /** Pairs of fingerprint and the count its group must reach. */
    private void awaitCounts(Object... expected) {
        Eventually.await("group counts " + java.util.Arrays.toString(expected), () -> {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < expected.length; i += 2) {
                Document g = group((String) expected[i]);
                counts.add(g == null ? -1L : ((Number) g.get("count")).longValue());
            }
            return counts;
        }, counts -> {
            for (int i = 0; i < expected.length; i += 2) {
                if (counts.get(i / 2) != ((Number) expected[i + 1]).longValue()) {
                    return false;
                }
            }
            return true;
        });
    }
}
