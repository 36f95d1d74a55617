package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An error storm cut short by {@code shutdown.timeout}: the application is not held back, and the loss is said. */
@ExpectDrops(value = "shutdown", because = "a 3s shutdown.timeout cannot write a storm of 100 000 errors")
class ShutdownDeadlineTest {
    private static final Pattern NOT_WRITTEN = Pattern.compile("\\[faultline\\] (\\d+) error\\(s\\) not written at shutdown");

    @Test
    void appExitsAtTheShutdownDeadlineSayingHowManyErrorsWereNotWritten() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Running app = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.grouping.StormApp").args("100000", "gated")
                .libs("logback15").storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "storm").set("storm.keep-per-window", "1000000").set("queue.size", "200000")
                .set("queue.max-bytes", "1GB").set("shutdown.timeout", "3s").start();
        assertTrue(app.skipTo("storm: ready"));
        // The storm begins once the agent is connected: else it is all spooled, which SpoolFaultsTest covers.
        // 3 s, not 1: the last report has a third of the timeout (at most 1 s) after the writer's
        // last cycle; with 1 s its 333 ms were not always enough on a busy machine.
        stored.await(stored.errors(), new org.bson.Document("message", "storm about to start"), 1);
        app.send("go");
        AgentJvm.Result run = app.finish();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("storm: done"), run.output());
        List<Matcher> lost = run.stderr().lines().map(NOT_WRITTEN::matcher).filter(Matcher::find).toList();
        assertEquals(1, lost.size(), run.stderr());
        long notWritten = Long.parseLong(lost.get(0).group(1));
        assertTrue(notWritten > 0 && stored.errors().countDocuments() < 100_000, notWritten + " not written, "
                + stored.errors().countDocuments() + " stored");
        org.bson.Document health = stored.health().find().first();
        assertEquals(notWritten, health.get("dropped", org.bson.Document.class).getLong("shutdown"), health.toJson());
        // An insert under way when sending stopped is given up (its records are in the spool too):
        // MongoDB may have stored it, and the next start's replay then counts them once.
        long written = health.getLong("written");
        long inMongo = stored.errors().countDocuments();
        assertTrue(inMongo >= written && inMongo <= written + health.getLong("spooled"), inMongo + " stored: " + health.toJson());
    }
}
