package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The agent never writes into the application's logging: an application with its own SLF4J and
 * an unconfigured Logback (which prints everything at DEBUG) shows only its own lines, whether it
 * runs on the module path (where the platform loader hands a named module's packages to the
 * application's loader) or on the class path, and whether MongoDB is up or down.
 */
class AgentLoggingIsolationTest {
    private static final String MODULE = "com.example.modular";
    private static final String MAIN = "com.example.modular.ModularApp";

    @Test
    void moduleAppWithItsOwnLogbackShowsOnlyItsOwnLinesAndItsErrorIsStored() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = modularApp().onModulePath(MODULE).storingIn(MongoSource.get().uri, stored.database).run();
        assertOnlyTheAppsOwnOutput(run, true);
        assertStoredOnce(stored);
    }

    @Test
    void moduleAppWithItsOwnLogbackShowsOnlyItsOwnLinesWhileMongoDbIsDown() throws Exception {
        AgentJvm.Result run = modularApp().onModulePath(MODULE).storingIn(closedPortUri(), "unused").set("shutdown.timeout", "1s").run();
        assertOnlyTheAppsOwnOutput(run, true);
    }

    @Test
    void classPathAppWithItsOwnUnconfiguredLogbackShowsOnlyItsOwnLinesAndItsErrorIsStored() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = modularApp().storingIn(MongoSource.get().uri, stored.database).run();
        assertOnlyTheAppsOwnOutput(run, false);
        assertStoredOnce(stored);
    }

    @Test
    void classPathAppWithItsOwnUnconfiguredLogbackShowsOnlyItsOwnLinesWhileMongoDbIsDown() throws Exception {
        AgentJvm.Result run = modularApp().storingIn(closedPortUri(), "unused").set("shutdown.timeout", "1s").run();
        assertOnlyTheAppsOwnOutput(run, false);
    }

    private static AgentJvm modularApp() {
        return new AgentJvm(AgentJvm.Jdk.JDK17, MAIN).modularExample().libs("logback15").set("app-packages", "com.example");
    }

    private static String closedPortUri() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "mongodb://127.0.0.1:" + s.getLocalPort();
        }
    }

    /**
     * stdout holds exactly what the application printed and logged (its unconfigured Logback
     * would print any driver line at DEBUG there); stderr holds only Faultline's diagnostics.
     */
    private static void assertOnlyTheAppsOwnOutput(AgentJvm.Result run, boolean named) {
        assertEquals(0, run.exit(), run.output());
        List<String> out = run.stdout().lines().toList();
        assertEquals("modular: named " + named + ", slf4j in " + (named ? "org.slf4j" : "null"), out.get(0), run.stdout());
        assertTrue(out.get(1).endsWith(" [main] ERROR com.example.modular.ModularApp -- modular app failed on purpose"), run.stdout());
        assertEquals("java.lang.IllegalStateException: module path", out.get(2), run.stdout());
        assertTrue(out.get(3).startsWith("\tat ") && out.get(3).contains("com.example.modular.ModularApp.main("), run.stdout());
        assertEquals("modular: done", out.get(4), run.stdout());
        assertEquals(5, out.size(), "nothing from the agent or its MongoDB driver on stdout:\n" + run.stdout());
        for (String line : run.stderr().lines().toList()) {
            assertTrue(line.startsWith("[faultline] "), "only Faultline's own diagnostics on stderr:\n" + run.stderr());
        }
    }

    private static void assertStoredOnce(Stored stored) {
        List<Document> found = stored.await(stored.errors(), eq("message", "modular app failed on purpose"), 1);
        assertEquals(1, found.size());
        assertEquals("java.lang.IllegalStateException", found.get(0).get("exception", Document.class).getString("type"));
        assertEquals(SourceMarkers.line("com/example/modular/ModularApp.java", "modular"), found.get(0).getInteger("line"));
        assertEquals(1, stored.errors().countDocuments(), "the app's one error and nothing else");
    }
}
