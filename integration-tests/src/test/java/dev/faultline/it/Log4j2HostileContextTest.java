package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Log4j2 with a garbage-free ThreadContext holding an object whose toString() throws
 * (com.example.log4j2.HostileContextApp): the event is stored with what could be read, and each
 * part that could not be read is counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Log4j2HostileContextTest {
    private static final String PLACEHOLDER = "[toString() threw java.lang.IllegalStateException]";
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.log4j2.HostileContextApp").libs("log4j2")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "hostile").run();
        errors = stored.all();
    }

    @Test
    void storesEveryErrorAndCountsEachUnreadablePart() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("log4j2: done"), run.output());
        assertEquals(4, errors.size(), errors.toString());
        Document health = stored.health().find().first();
        assertEquals(4L, health.getLong("captured"), health.toJson());
        assertEquals(4L, health.getLong("written"), health.toJson());
        assertEquals(2L, health.getLong("unreadable_parts"),
                "the context value and the message object (Log4j2 renders the argument itself): " + health.toJson());
        assertEquals(0L, health.getLong("advice_errors"), health.toJson());
    }

    @Test
    void storesTheContextValueThatCannotBeReadAsAPlaceholderBesideTheOthers() {
        Document d = only("order 41 failed");
        assertEquals(Map.of("tenant", "acme", "cart", PLACEHOLDER), d.get("context", Document.class));
    }

    @Test
    void storesTheMessageWithAnArgumentThatCannotBeReadAsLog4j2PrintsIt() {
        List<Document> found = errors.stream().filter(d -> "order {} failed for {}".equals(d.getString("message_template"))).toList();
        assertEquals(1, found.size(), errors.toString());
        String message = found.get(0).getString("message");
        assertTrue(run.stdout().contains("ERROR [main] hostile.context - " + message + "\n"), message + " vs " + run.stdout());
        assertTrue(message.endsWith("=>java.lang.IllegalStateException:no text for you!!!]"), message);
    }

    @Test
    void storesAMessageObjectThatCannotBeReadAsAPlaceholderThoughLog4j2DropsIt() {
        only(PLACEHOLDER);
        assertTrue(run.stdout().lines().noneMatch(l -> l.startsWith("ERROR [main] hostile.context - [")), run.stdout());
    }

    @Test
    void storesTheErrorAfterThemWithNothingMissing() {
        Document d = only("order 43 failed");
        assertNull(d.get("context"), d.toJson());
    }

    private Document only(String message) {
        List<Document> found = errors.stream().filter(d -> message.equals(d.getString("message"))).toList();
        assertEquals(1, found.size(), message + " in " + errors);
        return found.get(0);
    }
}
