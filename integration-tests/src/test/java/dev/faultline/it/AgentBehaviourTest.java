package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a user notices around the capture itself: levels, MongoDB away, bad settings, no self-capture. */
class AgentBehaviourTest {
    @Test
    void captureLevelWarnAlsoStoresTheWarning() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("capture.level", "WARN").run();
        assertEquals(0, run.exit(), run.output());
        List<Document> all = stored.await(stored.errors(), new Document(), 4);
        assertEquals(4, all.size(), all.toString());
        Document warn = stored.errors().find(eq("message", "inventory check is slow")).first();
        assertEquals("WARNING", warn.getString("severity"));
        assertEquals(30, warn.getInteger("severity_num"));
        assertEquals(SourceMarkers.line("com/example/shop/OrderService.java", "warn"), warn.getInteger("line"));
        assertEquals(0, stored.errors().countDocuments(eq("severity", "INFO")), "INFO stays below WARN");
    }

    @Test
    void appExitsNormallyWhenMongoDbIsDownAtStart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn("mongodb://127.0.0.1:" + closedPort, "unused").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("shop: done"), run.output());
        // Not a timing assertion: a generous bound that only a hang (waiting for MongoDB) would break.
        System.out.println("[faultline-it] app with MongoDB down exited after " + run.took().toMillis() + " ms");
        assertTrue(run.took().toSeconds() < 30, "took " + run.took());
    }

    @Test
    void agentNeverStoresItsOwnOrItsDriversEvents() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.jul.JulApp")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("capture.level", "INFO").set("debug", "true").run();
        assertEquals(0, run.exit(), run.output());
        List<Document> all = stored.await(stored.errors(), eq("message", "stock loaded"), 1);
        assertEquals(1, all.size(), "the app's own INFO is captured at capture.level=INFO");
        assertEquals(4, stored.errors().countDocuments());
        assertEquals(0, stored.errors().countDocuments(Filters.or(regex("logger", "^org\\.mongodb"),
                regex("logger", "^dev\\.faultline"), regex("class", "^dev\\.faultline"))));
    }

    /**
     * The writer is made on the agent's thread, not in premain (core.WriterStart): an error at the
     * very start of a JVM that ends at once is still stored, on both JDKs. Whether the exit comes
     * before the writer is made depends on the machine; WriterStartTest holds that case.
     */
    @ParameterizedTest
    @EnumSource(AgentJvm.Jdk.class)
    void anErrorOnMainsFirstLineInAJvmThatEndsAtOnceIsStored(AgentJvm.Jdk jdk) throws Exception {
        Stored stored = Stored.fresh();
        for (int run = 1; run <= 3; run++) {
            AgentJvm.Result result = new AgentJvm(jdk, "com.example.hello.FirstLine")
                    .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").run();
            assertEquals(1, result.exit(), result.output());
            assertEquals(run, stored.await(stored.errors(), regex("message", "first line of main failed"), run).size(),
                    "run " + run + ": " + result.output());
        }
    }

    @Test
    void aJvmThatEndsBeforeCapturingAnythingLeavesNoSpoolFile() throws Exception {
        Path spool = Files.createTempDirectory("hello-spool");
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.Hello")
                .set("mongo.uri", "mongodb://127.0.0.1:1").set("spool.dir", spool.toString()).run();
        assertEquals(0, run.exit(), run.output());
        try (Stream<Path> left = Files.exists(spool) ? Files.list(spool) : Stream.empty()) {
            assertEquals(List.of(), left.toList(), "a JVM that captured nothing spools nothing");
        }
    }

    @Test
    void badSettingNamesKeyValueAndFormAndLeavesTheAppRunning() throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.Hello")
                .set("flush.interval", "soon").set("mongo.uri", "mongodb://ops:s3cr3tPass@127.0.0.1:1/").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("hello"), run.output());
        List<String> lines = run.stderr().lines().filter(l -> l.contains("faultline")).toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).contains("\"soon\"") && lines.get(0).contains("flush.interval")
                && lines.get(0).contains("expected a duration"), lines.get(0));
        assertFalse(run.output().contains("s3cr3tPass"));
    }

    /**
     * A user's trial: with a wrong password the agent said nothing for a 30 s run (each index was
     * tried alone and failed to log in, taking the whole start), then called the state
     * "connected". MongoDB answers its heartbeat (which does not log in) and refuses the login.
     */
    @Test
    void aPasswordMongoDbRefusesIsSaidAtOnceWithoutThePassword() throws Exception {
        String uri = MongoSource.get().uri.replace("mongodb://", "mongodb://ops:Wr0ngPass@");
        Path spool = Files.createTempDirectory("refused-spool");
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn(uri, TestDatabase.fresh()).set("spool.dir", spool.toString()).set("app-packages", "com.example").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stderr().contains("it refused the user and password of faultline.mongo.uri"), run.stderr());
        assertTrue(run.stderr().contains("(MongoDB credentials_refused)"), "kept in the spool, saying why: " + run.stderr());
        assertFalse(run.output().contains("Wr0ngPass"), run.output());
    }

    /** A user's trial: an option the driver refuses showed only "(IllegalArgumentException)". */
    @Test
    void aUriOptionTheDriverRefusesIsSaidWithItsReasonWithoutThePassword() throws Exception {
        String uri = MongoSource.get().uri.replace("mongodb://", "mongodb://ops:Wr0ngPass@")
                + (MongoSource.get().uri.contains("?") ? "&" : "/?") + "serverSelectionTimeoutMS=abc";
        Path spool = Files.createTempDirectory("bad-option-spool");
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn(uri, TestDatabase.fresh()).set("spool.dir", spool.toString()).set("app-packages", "com.example").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stderr().contains("the driver refused faultline.mongo.uri") && run.stderr().contains("'abc' is not a valid integer"),
                run.stderr());
        assertFalse(run.output().contains("Wr0ngPass"), run.output());
    }

    @Test
    void badMongoUriNeverPrintsItsPassword() throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.Hello")
                .set("mongo.uri", "mongo://ops:s3cr3tPass@db.internal/").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stderr().contains("mongo.uri") && run.stderr().contains("<hidden>"), run.stderr());
        assertFalse(run.output().contains("s3cr3tPass"), run.output());
    }

    @Test
    void strictStopsTheJvmOnABadSetting() throws Exception {
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.Hello")
                .set("strict", "true").set("queue.size", "-5").run();
        assertTrue(run.exit() != 0, run.output());
        assertFalse(run.stdout().contains("hello"), "main must not run: " + run.output());
        assertTrue(run.stderr().contains("queue.size"), run.stderr());
    }

    @Test
    void disabledAgentCapturesNothing() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.jul.JulApp")
                .storingIn(MongoSource.get().uri, stored.database).set("enabled", "false").run();
        assertEquals(0, run.exit(), run.output());
        assertEquals(0, stored.errors().countDocuments());
        assertEquals(0, stored.health().countDocuments());
    }
}
