package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Uncaught exceptions (com.example.uncaught): threads with and without handlers, the main thread, System.exit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UncaughtScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.uncaught.UncaughtApp")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "ledger").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 4);
    }

    @Test
    void theApplicationsHandlersStillRunAndMainStillFails() {
        assertEquals(1, run.exit(), "a main thread that throws ends the JVM with 1: " + run.output());
        assertTrue(run.stdout().contains("importer handler saw: csv dialect not supported"), run.output());
        assertTrue(run.stderr().contains("Exception in thread \"sync-worker\" java.lang.IllegalArgumentException: no such account: 42"), run.output());
        assertTrue(run.stderr().contains("Exception in thread \"main\" java.lang.ArithmeticException: ledger does not balance"), run.output());
    }

    @Test
    void storesEachDeadThreadOnceAndTheLoggedOneOnlyAsLogged() throws Exception {
        assertEquals(4, errors.size(), errors.toString());
        assertEquals(3, stored.errors().countDocuments(eq("source", "uncaught")));
        List<Document> health = stored.await(stored.health(), eq("repeats", 1L), 1);
        assertEquals(1, health.size(), "the logged-then-thrown error is counted as a repeat: " + stored.health().find().first());
    }

    @Test
    void storesAThreadWithItsOwnHandlerAsUnhandledCritical() {
        Document d = only(eq("thread", "importer"));
        assertEquals("uncaught", d.getString("source"));
        assertEquals(false, d.getBoolean("handled"));
        assertEquals("CRITICAL", d.getString("severity"));
        assertEquals(50, d.getInteger("severity_num"));
        assertEquals("uncaught exception in thread importer: java.lang.UnsupportedOperationException: csv dialect not supported",
                d.getString("message"));
        assertEquals("com/example/uncaught/Importer.java", d.getString("file"));
        assertEquals("run", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/uncaught/Importer.java", "importer-throw"), d.getInteger("line"));
        assertEquals("java.lang.UnsupportedOperationException", d.get("exception", Document.class).getString("type"));
    }

    @Test
    void storesAThreadWithoutHandler() {
        Document d = only(eq("thread", "sync-worker"));
        assertEquals("uncaught", d.getString("source"));
        assertEquals("sync", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/uncaught/UncaughtApp.java", "sync-throw"), d.getInteger("line"));
    }

    @Test
    void storesTheMainThreadEvenThoughTheJvmExitsBecauseOfIt() {
        Document d = only(eq("thread", "main"));
        assertEquals("uncaught", d.getString("source"));
        assertEquals("CRITICAL", d.getString("severity"));
        assertEquals("java.lang.ArithmeticException", d.get("exception", Document.class).getString("type"));
        assertEquals(SourceMarkers.line("com/example/uncaught/Importer.java", "main-throw"), d.getInteger("line"));
    }

    @Test
    void anErrorLoggedBeforeItEscapedIsOneOccurrence() {
        Document d = only(eq("thread", "report-worker"));
        assertEquals("jul", d.getString("source"), "the first capture, the application's own log call, is kept");
        assertEquals("report failed", d.getString("message"));
        assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
    }

    @Test
    void storesTheErrorWhenTheApplicationsHandlerCallsSystemExit() throws Exception {
        Stored exitStore = Stored.fresh();
        AgentJvm.Result exit = new AgentJvm(jdk(), "com.example.uncaught.UncaughtExitApp")
                .storingIn(MongoSource.get().uri, exitStore.database).set("app-packages", "com.example").run();
        assertEquals(3, exit.exit(), exit.output());
        assertTrue(exit.stdout().contains("fatal in flusher, exiting"), exit.output());
        List<Document> found = exitStore.await(exitStore.errors(), new Document(), 1);
        assertEquals(1, found.size(), found.toString());
        Document d = found.get(0);
        assertEquals("uncaught", d.getString("source"));
        assertEquals("flusher", d.getString("thread"));
        assertEquals(SourceMarkers.line("com/example/uncaught/UncaughtExitApp.java", "exit-throw"), d.getInteger("line"));
    }

    @Test
    void capturesNothingWhenTheSwitchIsOff() throws Exception {
        Stored off = Stored.fresh();
        AgentJvm.Result r = new AgentJvm(jdk(), "com.example.uncaught.UncaughtApp")
                .storingIn(MongoSource.get().uri, off.database).set("capture.uncaught", "false").run();
        assertEquals(1, r.exit(), r.output());
        List<Document> found = off.await(off.errors(), new Document(), 1);
        assertEquals(List.of("jul"), found.stream().map(d -> d.getString("source")).toList(), "only the logged error");
    }

    private Document only(Bson filter) {
        List<Document> found = stored.errors().find(filter).into(new ArrayList<>());
        assertEquals(1, found.size(), "matching " + filter + " among " + errors);
        return found.get(0);
    }
}
