package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exceptions without frames (com.example.frameless.FramelessApp): located at the logging call and
 * attributed to the app of that call, as an event without a throwable is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FramelessScenario {
    private static final String SOURCE = "com/example/frameless/FramelessApp.java";
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.frameless.FramelessApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "payments").run();
        errors = stored.all();
    }

    @Test
    void storesEveryErrorOnce() {
        assertEquals(0, run.exit(), run.output());
        assertEquals(9, errors.size(), errors.toString());
    }

    /**
     * One shared frameless instance logged, killing a thread, and logged again for another
     * failure: three errors, none a repeat of another (the identity of a throwable without frames
     * says nothing; a trial's logged error was taken for the thread's death and never stored), in
     * groups by their call, not one group of the type.
     */
    @Test
    void aSharedFramelessExceptionIsNotTakenForARepeatAndIsGroupedByItsCall() {
        assertEquals(false, stored.errors().find(eq("thread", "frameless-busy-worker")).first().getBoolean("handled"));
        assertAtLine(only("report not sent"), "frameless-after-worker");
        assertNotEquals(only("first try").getString("fingerprint"), only("report not sent").getString("fingerprint"));
        assertNotEquals(only("first try").getString("fingerprint"), only("second try").getString("fingerprint"));
    }

    @Test
    void locatesAnExceptionMadeWithoutAWritableStackTraceAtTheLoggingCall() {
        assertAtLine(only("payment refused"), "frameless-unwritable");
    }

    @Test
    void locatesEachLogOfAPreallocatedExceptionAtItsOwnCall() {
        assertAtLine(only("first try"), "frameless-busy-1");
        assertAtLine(only("second try"), "frameless-busy-2");
    }

    @Test
    void locatesAnExceptionWhoseFramesWereEmptiedAtTheLoggingCall() {
        assertAtLine(only("amount rejected"), "frameless-emptied");
    }

    @Test
    void locatesAFramelessRootCauseAtTheWrapperThatHasFrames() {
        Document d = only("charge failed");
        assertEquals("charge", d.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "frameless-wrapper"), d.getInteger("line"));
    }

    @Test
    void locatesAnExceptionWithFramesWhereItWasMadeNotWhereItWasLogged() {
        assertAtLine(only("with frames"), "frameless-has-frames");
        assertEquals("main", only("with frames").getString("function"));
    }

    @Test
    void storesAFramelessExceptionThatKillsAThreadWithoutALocation() {
        Document d = stored.errors().find(eq("thread", "frameless-worker")).first();
        assertEquals(false, d.getBoolean("handled"), d.toJson());
        assertNull(d.getString("file"), "no frame of the application is left when the thread dies: " + d.toJson());
        assertEquals("payments", d.getString("app"), d.toJson());
    }

    private static void assertAtLine(Document d, String marker) {
        assertEquals(SOURCE, d.getString("file"), d.toJson());
        assertEquals("main", d.getString("function"), d.toJson());
        assertEquals("com.example.frameless.FramelessApp", d.getString("class"), d.toJson());
        assertEquals(SourceMarkers.line(SOURCE, marker), d.getInteger("line"), d.toJson());
        assertEquals("frameless", d.getString("app"), "the app of the call site, not the service: " + d.toJson());
    }

    private Document only(String message) {
        List<Document> found = errors.stream().filter(d -> message.equals(d.getString("message"))).toList();
        assertEquals(1, found.size(), message + " in " + errors);
        return found.get(0);
    }
}
