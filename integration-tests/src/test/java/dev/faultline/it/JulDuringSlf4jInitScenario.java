package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JUL calls through jul-to-slf4j made while SLF4J initialises
 * (com.example.bridges.JulDuringSlf4jInitApp: 4 threads x 10 calls, held during Logback's
 * initialisation, a direct SLF4J call then, all of one logger; one JUL call after): SLF4J queues
 * them and replays them into Logback afterwards. Each call is stored once, by JUL's hook at its
 * call, with its JUL template and line; the direct SLF4J call, seen by the agent only when
 * replayed, once too. Before (7b7f517), each JUL call made during the initialisation was stored
 * twice: at JUL's exit and again at the replay (82 for 42). When a JUL call of that logger starts
 * the initialisation, SLF4J replays inside it: before, the first replayed event was taken for
 * that call and the others for it again in a second framework, so the direct SLF4J call was lost
 * (42 for 43).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JulDuringSlf4jInitScenario {
    private static final String APP = "com/example/bridges/JulDuringSlf4jInitApp.java";
    private static final int THREADS = 4;
    private static final int CALLS = 10;
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;

    abstract String libs();

    /** A JUL call starts SLF4J's initialisation (SLF4J replays inside it), not a plain getLogger. */
    boolean julStartsInit() {
        return false;
    }

    /** A Log4j2 API call (log4j-to-slf4j) and a commons-logging call during the initialisation too. */
    boolean neighbours() {
        return false;
    }

    /** The threads' JUL calls, the direct call, the JUL call after; the one starting the initialisation; the neighbours. */
    private int expected() {
        return THREADS * CALLS + 2 + (julStartsInit() ? 1 : 0) + (neighbours() ? 2 : 0);
    }

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.bridges.JulDuringSlf4jInitApp").libs(libs())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "jul-during-init").set("app-packages", "com.example")
                .args(julStartsInit() ? "jul-starts-init" : "-", neighbours() ? "neighbours" : "-")
                .run();
        // The child has exited: what it stored is all there is once the expected number arrived.
        stored.await(stored.errors(), new Document(), expected());
    }

    @Test
    void eachCallIsStoredOnce() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("jul during slf4j init: done"), run.output());
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < CALLS; i++) {
                String message = "export " + i + " of jul-" + t + " failed";
                assertEquals(1, stored.errors().countDocuments(eq("message", message)), message + " in " + all());
            }
        }
        if (julStartsInit()) {
            assertEquals(1, stored.errors().countDocuments(eq("message", "first export for slf4j-init failed")), all());
        }
        assertEquals(1, stored.errors().countDocuments(eq("message", "export after init failed")), all());
        assertEquals(expected(), stored.errors().countDocuments(), all());
    }

    @Test
    void aJulCallMadeDuringTheInitialisationKeepsItsTemplateAndLine() {
        List<Document> found = stored.errors().find(eq("message_template", "export {0} of {1} failed"))
                .into(new ArrayList<>());
        assertEquals(THREADS * CALLS, found.size(), all());
        for (Document d : found) {
            assertEquals("jul", d.getString("source"), d.toJson());
            assertEquals("com.example.bridges.JulDuringSlf4jInitApp", d.getString("class"), d.toJson());
            assertEquals(SourceMarkers.line(APP, "jul-during-init"), d.getInteger("line"), d.toJson());
        }
        if (julStartsInit()) {
            Document first = stored.errors().find(eq("message_template", "first export for {0} failed")).first();
            assertEquals("jul", first.getString("source"), first.toJson());
            assertEquals(SourceMarkers.line(APP, "jul-starting-init"), first.getInteger("line"), first.toJson());
        }
    }

    @Test
    void aDirectSlf4jCallMadeDuringTheInitialisationIsStoredOnceWhenReplayed() {
        List<Document> found = stored.errors().find(eq("message", "direct call slf4j during init")).into(new ArrayList<>());
        assertEquals(1, found.size(), all());
        assertEquals("logback", found.get(0).getString("source"), found.get(0).toJson());
        assertEquals("direct call {} during init", found.get(0).getString("message_template"), found.get(0).toJson());
    }

    /** What was stored, in short: the count per source, and each message stored more than once. */
    @Test
    void log4jToSlf4jAndCommonsLoggingCallsMadeDuringTheInitialisationAreStoredOnce() {
        org.junit.jupiter.api.Assumptions.assumeTrue(neighbours(), "no Log4j2 API nor commons-logging in " + libs());
        assertEquals(1, stored.errors().countDocuments(eq("message", "log4j2 api call x during init")), all());
        assertEquals(1, stored.errors().countDocuments(eq("message", "commons-logging call during init")), all());
    }

    private String all() {
        java.util.Map<String, Integer> bySource = new java.util.TreeMap<>();
        java.util.Map<String, Integer> byMessage = new java.util.TreeMap<>();
        for (Document d : stored.errors().find()) {
            bySource.merge(d.getString("source"), 1, Integer::sum);
            byMessage.merge(d.getString("message"), 1, Integer::sum);
        }
        byMessage.values().removeIf(n -> n == 1);
        return "stored by source " + bySource + ", more than once " + byMessage;
    }
}
