package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLF4J's replay of the calls it queued while initialising ({@code Bridge.substituted},
 * {@code Bridge.replayed}): a call a hook captured when it was made is not captured again when
 * replayed into the backend; every other queued call is captured at its replay, once.
 */
class Slf4jReplayTest {
    private final List<CapturedEvent> offered = new CopyOnWriteArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public Object before(String source, int severity, long timestamp, String logger, String template, Throwable throwable,
                Map<String, ?> context, List<?> keyValues) {
            return EventSink.CONTINUE;
        }

        @Override
        public Object offer(CapturedEvent event) {
            offered.add(event);
            return null;
        }
    };

    @BeforeEach
    void install() {
        Bridge.install(sink, Severity.ERROR, true);
    }

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    /** JUL's hook: the record held open until its exit. */
    private static Object julRecord(String logger, Throwable thrown) {
        return Bridge.bridged("jul", Severity.ERROR, 1L, logger, "app", "export {0} failed", new Object[] {"x"},
                CapturedEvent.FORMAT_MESSAGE_FORMAT, thrown, "record");
    }

    /** Logback's hook on the replaying thread, with the text jul-to-slf4j formatted. */
    private static Object logbackEvent(String logger, String text, int severity, Throwable thrown) {
        return Bridge.capture("logback", severity, 2L, logger, "init", text, null, CapturedEvent.FORMAT_SLF4J, thrown,
                null, null, true, null, "logback's event");
    }

    /** SLF4J replays {@code event} into Logback: its replay hook around Logback's. */
    private static void replay(Object event, String logger, String text, int severity, Throwable thrown) {
        Object replaying = Bridge.replayed(event, logger, thrown);
        Bridge.exit(logbackEvent(logger, text, severity, thrown));
        Bridge.exit(replaying);
    }

    private List<String> sources() {
        return offered.stream().map(e -> e.source + " " + e.template).collect(Collectors.toList());
    }

    @Test
    void aJulCallQueuedBySlf4jIsCapturedAtItsExitAndNotAgainWhenReplayed() {
        IllegalStateException thrown = new IllegalStateException("export");
        Object queued = new Object();
        Object record = julRecord("legacy", thrown);
        Bridge.substituted(queued); // jul-to-slf4j's handler reached a SubstituteLogger
        Bridge.exit(record);
        assertEquals(List.of("jul export {0} failed"), sources(), "captured at JUL's exit, no backend hook took it");
        // Logback maps SLF4J's level its own way (here to a severity unlike JUL's): still that call.
        replay(queued, "legacy", "export x failed", Severity.CRITICAL, thrown);
        assertEquals(List.of("jul export {0} failed"), sources(), "the replay is the same call");
        replay(queued, "legacy", "export x failed", Severity.ERROR, thrown);
        assertEquals(2, offered.size(), "forgotten once replayed: an event is replayed once");
        Bridge.exit(logbackEvent("next", "next", Severity.ERROR, null));
        assertEquals(3, offered.size(), "the depth was released");
    }

    @Test
    void aDirectSlf4jCallQueuedOutsideAnyHookIsCapturedOnceAtItsReplay() {
        Object queued = new Object();
        Bridge.substituted(queued); // no hook on the thread: SLF4J alone saw the call
        assertNull(Bridge.replayed(queued, "shop", null), "nothing taken");
        Bridge.exit(logbackEvent("shop", "direct call {} failed", Severity.ERROR, null));
        assertEquals(List.of("logback direct call {} failed"), sources());
    }

    @Test
    void aCallQueuedUnderLog4jToSlf4jIsCapturedAtItsReplayOnly() {
        Object queued = new Object();
        Object api = Bridge.bridged(null, 0, 0L, "users", null, "user {} not found", null,
                CapturedEvent.FORMAT_FORMATTED, null, null);
        Bridge.substituted(queued);
        Bridge.exit(api);
        assertEquals(0, offered.size(), "log4j-to-slf4j's hook never captures alone");
        replay(queued, "users", "user alice not found", Severity.ERROR, null);
        assertEquals(List.of("logback user alice not found"), sources(), "the replay is the call's one capture");
    }

    @Test
    void anotherCallQueuedDuringTheHeldOneIsItsOwnEventAtItsReplay() {
        Object queued = new Object();
        Object record = julRecord("legacy", null);
        Bridge.substituted(queued); // a handler's own SLF4J call of another logger, or with another throwable
        Bridge.exit(record);
        replay(queued, "handler.audit", "audit failed", Severity.ERROR, null);
        Object other = new Object();
        record = julRecord("legacy", null);
        Bridge.substituted(other);
        Bridge.exit(record);
        replay(other, "legacy", "export failed", Severity.ERROR, new IllegalStateException());
        assertEquals(List.of("jul export {0} failed", "logback audit failed", "jul export {0} failed",
                "logback export failed"), sources());
    }

    @Test
    void aJulRecordCarryingACodeCapturedAtOnceIsNotCapturedAgainWhenReplayed() {
        Object queued = new Object();
        Object record = Bridge.capture("jul", Severity.ERROR, 1L, "legacy", "app", "failed {0}",
                new Object[] {Map.of("error_code", "E1")}, CapturedEvent.FORMAT_MESSAGE_FORMAT, null,
                Map.of("error_code", "E1"), null, true, null, "record");
        Bridge.substituted(queued);
        Bridge.exit(record);
        replay(queued, "legacy", "failed {error_code=E1}", Severity.ERROR, null);
        assertEquals(List.of("jul failed {0}"), sources());
    }

    @Test
    void replayedInsideTheJulCallThatStartedSlf4jEachQueuedCallIsItselfNotThatCall() throws Exception {
        Object noted = new Object();
        Thread other = new Thread(() -> {
            Object record = julRecord("legacy", null);
            Bridge.substituted(noted);
            Bridge.exit(record);
        });
        other.start();
        other.join();
        Object direct = new Object();
        Bridge.substituted(direct); // a direct SLF4J call of the same logger, outside any hook
        // This thread's JUL record: its handler started SLF4J's initialisation, which replays here.
        Object record = julRecord("legacy", null);
        replay(noted, "legacy", "export y failed", Severity.ERROR, null);
        replay(direct, "legacy", "direct call failed", Severity.ERROR, null);
        Bridge.exit(logbackEvent("legacy", "export x failed", Severity.ERROR, null)); // the record itself
        Bridge.exit(record);
        assertEquals(List.of("jul export {0} failed", "logback direct call failed", "jul export {0} failed"), sources(),
                "the other thread's call once, the direct call as its own event, this record by the backend's hook");
        Bridge.exit(logbackEvent("next", "next", Severity.ERROR, null));
        assertEquals(4, offered.size(), "the depth was released");
    }

    @Test
    void aCallQueuedOnTheAgentsThreadIsNotCapturedAtItsReplayEither() throws Exception {
        Object queued = new Object();
        Thread agent = new Thread(() -> {
            Bridge.markAgentThread();
            Bridge.substituted(queued); // an argument's toString() the writer runs, which logs
        });
        agent.start();
        agent.join();
        replay(queued, "shop", "logged by toString()", Severity.ERROR, null);
        assertEquals(List.of(), sources());
    }
}
