package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Executor failures nobody sees (com.example.executor.ExecutorApp): the lost ones are recorded
 * (no false negative), whether a stage fails at once on the calling thread or later on the pool,
 * the observed and handled ones are not (no false positive).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExecutorScenario {
    /** The failures nobody reads, by message; the timeout's, whose message is null, comes beside them. */
    private static final Set<String> LOST = Set.of("export lost", "prices lost", "audit lost", "rotate lost",
            "quote lost at once", "invoice lost at once", "ledger lost at once", "notify lost at once",
            "quote lost later", "notify lost later", "refund lost");

    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.executor.ExecutorApp")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "exports").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), LOST.size() + 1);
    }

    @Test
    void appRunsToTheEndAndSeesItsObservedFailures() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("executor: done"), run.output());
        assertTrue(run.stdout().contains("export failure seen: export seen"), run.output());
        assertTrue(run.stdout().contains("audit failure seen late: audit seen late"), run.output());
        assertTrue(run.stdout().contains("quote failure seen: quote seen at once"), run.output());
        assertTrue(run.stdout().contains("refund failure seen: refund seen"), run.output());
        assertTrue(run.stdout().contains("timeout seen: TimeoutException"), run.output());
    }

    @Test
    void recordsExactlyTheFailuresWhoseOutcomeNobodyRead() {
        Set<String> messages = errors.stream().map(d -> d.get("exception", Document.class).getString("message"))
                .filter(m -> m != null).collect(Collectors.toSet());
        assertEquals(LOST, messages, errors.toString());
        assertEquals(LOST.size() + 1, errors.size(), errors.toString());
        assertEquals(1, stored.errors().countDocuments(eq("exception.type", "java.util.concurrent.TimeoutException")),
                "the lost timeout, not the one joined");
    }

    @Test
    void recordsAStageThatFailsAtOnceOnTheCallingThreadLikeOneThatFailsLaterOnThePool() {
        for (String message : List.of("quote lost at once", "invoice lost at once", "ledger lost at once",
                "notify lost at once", "quote lost later", "notify lost later")) {
            Document d = stored.errors().find(eq("exception.message", message)).first();
            assertEquals("executor", d.getString("source"), message);
            assertEquals("java.util.concurrent.CompletableFuture failed and its outcome was never observed: "
                    + "java.lang.IllegalStateException: " + message, d.getString("message"));
            assertEquals(SourceMarkers.line("com/example/executor/Jobs.java", "job-throw"), d.getInteger("line"), message);
            assertEquals(message.endsWith("at once") ? "main" : "export-", d.getString("thread").replaceAll("[0-9]+$", ""), message);
        }
    }

    @Test
    void recordsAFutureFailedByTheApplicationOrByItsOwnTimeoutThatNobodyReads() {
        assertEquals("main", stored.errors().find(eq("exception.message", "refund lost")).first().getString("thread"));
        Document timeout = stored.errors().find(eq("exception.type", "java.util.concurrent.TimeoutException")).first();
        assertEquals("java.util.concurrent.CompletableFuture failed and its outcome was never observed: "
                + "java.util.concurrent.TimeoutException", timeout.getString("message"));
    }

    @Test
    void neverRecordsAFailureTheApplicationReadOrHandled() {
        assertEquals(0, stored.errors().countDocuments(regex("exception.message", "seen|handled")));
    }

    @Test
    void storesTheLostSubmitWithItsTaskFrameAndThread() {
        Document d = stored.errors().find(eq("exception.message", "export lost")).first();
        assertEquals("executor", d.getString("source"));
        assertEquals(false, d.getBoolean("handled"));
        assertEquals("ERROR", d.getString("severity"));
        assertEquals("java.util.concurrent.FutureTask failed and its outcome was never observed: "
                + "java.lang.IllegalStateException: export lost", d.getString("message"));
        assertTrue(d.getString("thread").startsWith("export-"), d.getString("thread"));
        assertEquals("com/example/executor/Jobs.java", d.getString("file"));
        assertEquals("fail", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/executor/Jobs.java", "job-throw"), d.getInteger("line"));
    }

    @Test
    void storesLostCompletableFuturesAndScheduledTasks() {
        assertTrue(stored.errors().find(eq("exception.message", "prices lost")).first().getString("message")
                .startsWith("java.util.concurrent.CompletableFuture failed"));
        assertTrue(stored.errors().find(eq("exception.message", "audit lost")).first().getString("message")
                .startsWith("java.util.concurrent.CompletableFuture failed"));
        Document rotate = stored.errors().find(eq("exception.message", "rotate lost")).first();
        assertEquals("scheduler-1", rotate.getString("thread"));
        assertTrue(rotate.getString("message").startsWith("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask failed"));
    }
}
