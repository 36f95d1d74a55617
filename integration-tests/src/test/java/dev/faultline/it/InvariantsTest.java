package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The checks {@link AgentInvariants} runs after every class can fail: each is fed a broken health
 * document or stderr in an {@link Invariants} record of its own, never the record of this class.
 */
class InvariantsTest {
    private static final Invariants.Allowed NOTHING = Invariants.Allowed.NOTHING;

    private static Invariants.Reader reading(List<Document> health, Map<Long, Long> storedByPid) {
        return new Invariants.Reader() {
            @Override
            public List<Document> health(String database) {
                return health;
            }

            @Override
            public Map<Long, Long> storedByPid(String database) {
                return storedByPid;
            }
        };
    }

    private static List<String> violations(List<Document> health, Map<Long, Long> storedByPid, Invariants.Allowed allowed) {
        Invariants used = new Invariants();
        used.usedDatabase("it_fake", "a test", allowed);
        return used.violations(reading(health, storedByPid));
    }

    private static List<String> healthViolations(Document health, Invariants.Allowed allowed) {
        return violations(List.of(health), Map.of(), allowed);
    }

    private static List<String> stderrViolations(String stderr, Invariants.Allowed allowed) {
        Invariants used = new Invariants();
        used.ranJvm("com.example.App", stderr, "a test", allowed);
        return used.violations(reading(List.of(), Map.of()));
    }

    private static Document healthy() {
        return Seed.health("shop", Instant.now()).append("dropped", new Document("queue_full", 0L)).append("dropped_total", 0L)
                .append("captured", 10L);
    }

    @Test
    void aHealthyReportPasses() {
        assertEquals(List.of(), healthViolations(healthy(), NOTHING));
    }

    @Test
    void anAdviceErrorFailsTheClassUnlessItDeclaresOne() {
        List<String> broken = healthViolations(healthy().append("advice_errors", 1L), NOTHING);
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).startsWith("agent_health in it_fake (a test): advice_errors 1"), broken.get(0));
        assertEquals(List.of(), healthViolations(healthy().append("advice_errors", 1L), new Invariants.Allowed(Set.of(), true, false, false)));
    }

    @Test
    void aDropFailsTheClassUnlessItsReasonIsDeclared() {
        Document dropping = healthy().append("dropped", new Document("queue_full", 3L).append("shutdown", 0L));
        List<String> broken = healthViolations(dropping, NOTHING);
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("dropped {queue_full=3}"), broken.get(0));
        assertEquals(List.of(), healthViolations(dropping, new Invariants.Allowed(Set.of("queue_full"), false, false, false)));
        assertEquals(1, healthViolations(dropping, new Invariants.Allowed(Set.of("shutdown"), false, false, false)).size());
    }

    @Test
    void aReportWithoutTheCountsItMustCarryFailsTheClass() {
        Document bare = healthy();
        bare.remove("advice_errors");
        bare.remove("dropped");
        assertEquals(2, healthViolations(bare, NOTHING).size());
    }

    @Test
    void occurrencesStoredBeyondWhatTheLastReportCountsFailTheClassUnlessDeclared() {
        Document report = healthy().append("captured", 1536L).append("written", 1536L).append("spooled", 0L).append("pid", 4242L);
        assertEquals(List.of(), violations(List.of(report), Map.of(4242L, 1536L), NOTHING));
        Document periodic = Document.parse(report.toJson()).append("written", 0L).append("queue_depth", 1536);
        List<String> stale = violations(List.of(periodic), Map.of(4242L, 1536L), NOTHING);
        assertEquals(1, stale.size(), stale.toString());
        assertTrue(stale.get(0).contains("of pid 4242 accounts for 0 written or spooled occurrences, but app_errors holds 1536"), stale.get(0));
        assertEquals(List.of(), violations(List.of(report), Map.of(4242L, 1536L), new Invariants.Allowed(Set.of(), false, false, true)));
    }

    @Test
    void aReportWhoseCapturesAreNotAllAccountedForFailsTheClassUnlessDeclared() {
        Document balanced = healthy().append("captured", 20L).append("written", 12L).append("self", 1L).append("not_recorded", 1L)
                .append("suppressed_after_capture", 1L).append("queue_depth", 2).append("dropped", new Document("queue_full", 3L))
                .append("dropped_total", 3L);
        Invariants.Allowed queueFull = new Invariants.Allowed(Set.of("queue_full"), false, false, false);
        assertEquals(List.of(), healthViolations(balanced, queueFull));
        List<String> lost = healthViolations(balanced.append("captured", 21L), queueFull);
        assertEquals(1, lost.size(), lost.toString());
        assertTrue(lost.get(0).contains("captured 21 but written + spooled + dropped_total + self + not_recorded"
                + " + suppressed_after_capture + sampled + queue_depth = 20"), lost.get(0));
        assertEquals(List.of(), healthViolations(balanced, new Invariants.Allowed(Set.of("queue_full"), false, false, true)));
    }

    @Test
    void occurrencesFromAJvmThatLeftNoReportFailTheClass() {
        List<String> broken = violations(List.of(healthy()), Map.of(5151L, 3L), NOTHING);
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("holds 3 occurrences from pid 5151, which left no agent_health report"), broken.get(0));
    }

    @Test
    void anAgentFrameOrAnExceptionOnAnAgentThreadInStderrFailsTheClassUnlessDeclared() {
        String agentFrame = "java.lang.NullPointerException: boom\n\tat dev.faultline.store.Writer.run(Writer.java:88)\n";
        List<String> broken = stderrViolations(agentFrame, NOTHING);
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).startsWith("child JVM com.example.App (a test) printed an agent stack trace on stderr:"), broken.get(0));
        assertTrue(broken.get(0).contains("at dev.faultline.store.Writer.run(Writer.java:88)"), broken.get(0));
        assertEquals(1, stderrViolations("Exception in thread \"faultline-writer\" java.lang.OutOfMemoryError\n", NOTHING).size());
        assertEquals(List.of(), stderrViolations(agentFrame, new Invariants.Allowed(Set.of(), false, true, false)));
    }

    @Test
    void theApplicationsOwnStackTracesAndTheAgentsOneLineMessagesPass() {
        String stderr = "Exception in thread \"main\" java.lang.ArithmeticException: ledger does not balance\n"
                + "\tat com.example.uncaught.Importer.main(Importer.java:30)\n"
                + "faultline: flush.interval=\"soon\" is not valid: expected a duration like 500ms\n";
        assertEquals(List.of(), stderrViolations(stderr, NOTHING));
    }

    @Test
    void declarationsOnTheClassAndTheMethodAddUpAndAreInherited() throws Exception {
        Invariants.Allowed allowed = Invariants.Allowed.on(Declared.class, Declared.class.getDeclaredMethod("drainsOnShutdown"));
        assertEquals(new Invariants.Allowed(Set.of("queue_full", "shutdown"), true, false, false), allowed);
        assertEquals(Set.of("queue_full"), Invariants.Allowed.on(Inheriting.class, null).drops());
    }

    @Test
    void healthDocumentsAreReadFromTheDatabasesTheClassUsed() {
        String database = TestDatabase.seeded();
        MongoSource.get().client().getDatabase(database).getCollection("agent_health").insertOne(healthy().append("advice_errors", 2L));
        MongoSource.get().client().getDatabase(database).getCollection("app_errors")
                .insertMany(List.of(Seed.occurrence("one", Instant.now()).append("pid", 77L), Seed.occurrence("two", Instant.now()).append("pid", 77L)));
        Invariants used = new Invariants();
        used.usedDatabase(database, "a test", NOTHING);
        List<String> broken = used.violations(AgentInvariants.MONGO);
        assertEquals(2, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("holds 2 occurrences from pid 77, which left no agent_health report"), broken.get(0));
        assertTrue(broken.get(1).contains("advice_errors 2"), broken.get(1));
    }

    @Test
    void databasesAreNamedAfterTheRunningTest() {
        String first = TestDatabase.seeded();
        String second = TestDatabase.seeded();
        assertTrue(first.matches("it_Invariants_databasesAreNamedAfter\\w*_1_[0-9a-z]{4}") && first.length() < 64, first);
        assertEquals(first.replace("_1_", "_2_"), second);
    }

    @ExpectDrops(value = "queue_full", because = "fixture for the test above")
    private static class Declared {
        @ExpectDrops(value = "shutdown", because = "fixture for the test above")
        @ExpectAdviceErrors(because = "fixture for the test above")
        void drainsOnShutdown() {
        }
    }

    private static class Inheriting extends Declared {
    }
}
