package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A restart with the same libraries and agent build takes its woven classes from the cache
 * (WovenCache): nothing is woven again (java.lang.Thread, rewritten in premain, included), Byte
 * Buddy is not warmed up, and what is stored is the same as on the first start.
 */
class WovenClassCacheTest {
    private static final String LOGGER = "ch/qos/logback/classic/Logger";
    private static final String THREAD = "java/lang/Thread";
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";

    private static AgentJvm.Result start(Stored stored, Path tmp) throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("service", "shop")
                .set("app-packages", "com.example").set("debug", "true")
                .jvmOption("-Djava.io.tmpdir=" + tmp).run();
        assertEquals(0, run.exit(), run.output());
        return run;
    }

    /**
     * On a cold cache the JDK's targets are woven ahead of their load on the agent's warm-up
     * thread (AheadOfLoad), so the application's thread that later loads one takes it from the
     * cache instead of weaving it (a Spring Boot start paid 200-350 ms for CompletableFuture).
     */
    @Test
    void onAColdCacheTheJdksTargetsAreWovenAheadOfTheirLoadAndTheirLoadTakesThemFromTheCache() throws Exception {
        Path tmp = Files.createTempDirectory("faultline-it-woven-ahead");
        AgentJvm.Result run = wovenAheadThenLoaded(new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.FutureLater")
                .set("mongo.uri", "mongodb://127.0.0.1:1").set("debug", "true").set("shutdown.timeout", "1s")
                .jvmOption("-Djava.io.tmpdir=" + tmp), FUTURE);
        assertTrue(run.stdout().contains("sum 42"), run.output());
    }

    /**
     * Starts {@code jvm} (an application that loads {@code target} when told), waits for the
     * warm-up thread to weave {@code target}, lets the application load it, and checks it was
     * taken from the cache and never woven on the application's thread.
     */
    private static AgentJvm.Result wovenAheadThenLoaded(AgentJvm jvm, String target) throws Exception {
        AgentJvm.Running app = jvm.start();
        assertTrue(app.skipTo("ready"));
        String ahead = "instrumented " + target + " ahead of its load in ";
        Eventually.await("the warm-up thread to weave " + target, () -> app.stderrSoFar(), err -> err.contains(ahead));
        app.send("go");
        AgentJvm.Result run = app.finish();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stderr().matches("(?s).*" + ahead + "\\d+ ms on faultline-warmup.*"), run.stderr());
        assertTrue(run.stderr().contains("instrumented " + target + " (from the cache) in "), run.stderr());
        assertFalse(run.stderr().contains("instrumented " + target + " in "), "woven at its load: " + run.stderr());
        return run;
    }

    /**
     * The same for a library's target, with a cache another application filled (the same agent
     * build on the same machine: Tomcat's first start wove HttpServlet on its main thread for
     * 718 ms): Logback's Logger is woven through the application's class loader on the warm-up
     * thread before the application loads it, its load takes it from the cache, and the woven
     * class captures as one woven at its load does.
     */
    @Test
    void aLibrarysTargetNotInTheCacheIsWovenAheadOfItsLoadThroughTheApplicationsLoader() throws Exception {
        Path tmp = Files.createTempDirectory("faultline-it-woven-ahead-lib");
        AgentJvm.Running other = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.FutureLater")
                .set("mongo.uri", "mongodb://127.0.0.1:1").set("shutdown.timeout", "1s").set("debug", "true")
                .jvmOption("-Djava.io.tmpdir=" + tmp).start();
        assertTrue(other.skipTo("ready"));
        other.send("go");
        AgentJvm.Result filled = other.finish();
        assertTrue(filled.stderr().contains("instrumented " + FUTURE), "the cache was not filled: " + filled.stderr());
        Stored stored = Stored.fresh();
        wovenAheadThenLoaded(new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.LoggerLater").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("service", "payments")
                .set("app-packages", "com.example").set("debug", "true")
                .jvmOption("-Djava.io.tmpdir=" + tmp), LOGGER);
        Document error = stored.await(stored.errors(), eq("message", "payment 42 declined"), 1).get(0);
        assertEquals("com/example/hello/LoggerLater.java", error.getString("file"), error.toJson());
        assertEquals(22, error.getInteger("line"), error.toJson());
    }

    /**
     * A cache directory that may not be used (here one open to others; in a container, a
     * read-only root file system): every start weaves Logback's Logger ahead of its load on the
     * warm-up thread and hands it over in memory, instead of weaving it on the application's
     * thread, and the error it logs is stored with its line.
     */
    @Test
    void withoutAUsableCacheDirectoryEveryStartWeavesAheadAndHandsOverInMemory() throws Exception {
        Path tmp = Files.createTempDirectory("faultline-it-woven-open");
        Path open = Files.createDirectory(tmp.resolve("faultline-woven-" + System.getProperty("user.name")));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        for (int start = 1; start <= 2; start++) {
            Stored stored = Stored.fresh();
            AgentJvm.Result run = wovenAheadThenLoaded(new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.LoggerLater")
                    .libs("logback15").storingIn(MongoSource.get().uri, stored.database).set("service", "payments")
                    .set("app-packages", "com.example").set("debug", "true")
                    .jvmOption("-Djava.io.tmpdir=" + tmp), LOGGER);
            assertTrue(run.stderr().contains("woven-class cache in memory only"), run.stderr());
            Document error = stored.await(stored.errors(), eq("message", "payment 42 declined"), 1).get(0);
            assertEquals(22, error.getInteger("line"), "start " + start + ": " + error.toJson());
        }
        try (var left = Files.list(open)) {
            assertEquals(0, left.count(), "nothing kept on disk");
        }
    }

    @Test
    void aSecondStartTakesItsWovenClassesFromTheCacheAndStoresTheSame() throws Exception {
        Path tmp = Files.createTempDirectory("faultline-it-woven");
        Stored first = Stored.fresh();
        AgentJvm.Result cold = start(first, tmp);
        // Woven on the cold start: ahead of its load on the warm-up thread, or at its load.
        assertTrue(cold.stderr().contains("instrumented " + LOGGER + " in ")
                || cold.stderr().contains("instrumented " + LOGGER + " ahead of its load in "), cold.stderr());
        assertTrue(cold.stderr().contains("instrumented " + THREAD + " in "), cold.stderr());

        Stored second = Stored.fresh();
        AgentJvm.Result warm = start(second, tmp);
        assertTrue(warm.stderr().contains("instrumented " + LOGGER + " (from the cache) in "), warm.stderr());
        assertFalse(warm.stderr().contains("instrumented " + LOGGER + " in "), "woven again: " + warm.stderr());
        assertFalse(warm.stderr().contains("weaver warmed up"), "Byte Buddy warmed up on a restart: " + warm.stderr());
        // premain's plain-ASM rewrite of Thread (the uncaught hook) comes from the cache too
        assertTrue(warm.stderr().contains("instrumented " + THREAD + " (from the cache) in "), warm.stderr());
        assertFalse(warm.stderr().contains("instrumented " + THREAD + " in "), "Thread rewritten again: " + warm.stderr());

        List<Document> before = first.await(first.errors(), new Document(), 3);
        List<Document> after = second.await(second.errors(), new Document(), before.size());
        assertEquals(before.size(), after.size());
        for (Document d : before) {
            Document same = second.errors().find(eq("message", d.getString("message"))).first();
            assertEquals(d.getString("fingerprint"), same.getString("fingerprint"), d.toJson());
            assertEquals(d.get("line"), same.get("line"), d.toJson());
            assertEquals(d.getString("function"), same.getString("function"), d.toJson());
        }
    }
}
