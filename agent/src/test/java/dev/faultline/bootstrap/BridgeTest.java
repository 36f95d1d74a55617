package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge's protocol: the capture level, the shared call depth, the tokens, failures counted. */
class BridgeTest {
    private final List<CapturedEvent> offered = new CopyOnWriteArrayList<>();
    private final AtomicReference<Object> verdict = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** What the sink answers before an event is made (a storm's key, or a shed call). */
    private final AtomicReference<Object> early = new AtomicReference<>(EventSink.CONTINUE);
    private final EventSink sink = new EventSink() {
        @Override
        public Object before(String source, int severity, long timestamp, String logger, String template, Throwable throwable,
                java.util.Map<String, ?> context, java.util.List<?> keyValues) {
            return early.get();
        }

        @Override
        public Object offer(CapturedEvent event) {
            RuntimeException f = failure.get();
            if (f != null) {
                throw f;
            }
            offered.add(event);
            return verdict.get();
        }
    };

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    /** The same call as {@link #log(String)} in a second framework's hook (Log4j2 behind SLF4J, say). */
    private static Object inLog4j2(String logger, String message, Throwable thrown) {
        return Bridge.capture("log4j2", Severity.ERROR, 1L, logger, "main", message, null,
                CapturedEvent.FORMAT_NONE, thrown, null, null, true);
    }

    private static Object log(String message) {
        return Bridge.capture("logback", Severity.ERROR, 1L, "shop", "main", message, null,
                CapturedEvent.FORMAT_NONE, null, null, null, true);
    }

    @Test
    void aCallTheSinkShedsBeforeItsEventIsMadeIsNeverOfferedAndReleasesTheDepth() {
        Bridge.install(sink, Severity.ERROR, true);
        early.set(EventSink.TAKEN);
        Bridge.exit(log("order failed"));
        assertEquals(0, offered.size(), "no event made, none offered");
        early.set(EventSink.CONTINUE);
        Bridge.exit(log("order failed"));
        assertEquals(1, offered.size(), "the depth was released: the next call is captured");
        assertNull(offered.get(0).storm);
    }

    @Test
    void aCallPassedWithItsStormKeyIsOfferedCarryingTheKey() {
        Bridge.install(sink, Severity.ERROR, true);
        Object key = new Object();
        early.set(key);
        Bridge.exit(log("order failed"));
        assertSame(key, offered.get(0).storm);
    }

    @Test
    void capturesNothingBeforeInstallAndAfterUninstall() {
        assertFalse(Bridge.captures(Severity.CRITICAL));
        Bridge.install(sink, Severity.ERROR, true);
        assertTrue(Bridge.captures(Severity.ERROR));
        assertFalse(Bridge.captures(Severity.WARNING), "below the capture level");
        Bridge.uninstall();
        assertFalse(Bridge.captures(Severity.CRITICAL));
        assertFalse(Bridge.mayCarryCode(Map.of("error_code", "x"), null), "code tracking is off too");
    }

    @Test
    void theOutermostHookCapturesAndNestedHooksOnTheSameThreadDoNot() {
        Bridge.install(sink, Severity.ERROR, true);
        Object outer = log("outer");
        Object inner = inLog4j2("shop", "inner: the same event through a second framework", null);
        Bridge.exit(inner);
        Bridge.exit(outer);
        assertEquals(1, offered.size());
        assertEquals("outer", offered.get(0).template);
        Bridge.exit(log("next"));
        assertEquals(2, offered.size(), "the depth was released on exit");
    }

    /** JUL's hook: a record the handlers may bridge, held open until its exit. */
    private static Object julRecord(String logger, String template, Object boundary) {
        return Bridge.bridged("jul", Severity.ERROR, 1L, logger, "main", template, new Object[] {"x"},
                CapturedEvent.FORMAT_MESSAGE_FORMAT, null, boundary);
    }

    /** Logback's hook, with its MDC and the text the bridge formatted. */
    private static Object logbackEvent(String logger, String text, Map<String, ?> mdc) {
        return Bridge.capture("logback", Severity.ERROR, 2L, logger, "main", text, null,
                CapturedEvent.FORMAT_SLF4J, null, mdc, null, true, null, "logback's event");
    }

    @Test
    void aBridgedCallIsCapturedOnceByTheBackendsHookWithItsMdcAndTheOuterTemplate() {
        Bridge.install(sink, Severity.ERROR, true);
        Object record = julRecord("legacy", "export {0} failed", "record");
        assertEquals(0, offered.size(), "held until the backend's hook or the exit");
        Object event = logbackEvent("legacy", "export x failed", Map.of("job_id", "J-42"));
        // A Logback call made inside Logback's own (an appender logging): never the same call.
        Object nested = logbackEvent("legacy", "the backend's own nested call", null);
        Bridge.exit(nested);
        Bridge.exit(event);
        Bridge.exit(record);
        assertEquals(2, offered.size(), offered.toString());
        assertEquals("the backend's own nested call", offered.get(1).template);
        CapturedEvent e = offered.get(0);
        assertEquals("jul", e.source, "the API the application called");
        assertEquals("export {0} failed", e.template);
        assertEquals(CapturedEvent.FORMAT_MESSAGE_FORMAT, e.format);
        assertEquals(Map.of("job_id", "J-42"), e.context, "the backend's MDC");
        assertEquals("record", e.siteBoundary, "the outer call's boundary");
        Bridge.exit(log("next"));
        assertEquals(3, offered.size(), "the depth was released on exit");
    }

    @Test
    void aBridgedCallNoBackendHookTookIsCapturedAtTheOuterHooksExit() {
        Bridge.install(sink, Severity.ERROR, true);
        Object record = julRecord("legacy", "export {0} failed", "record");
        Object other = logbackEvent("another.logger", "a handler's own log call", null);
        Bridge.exit(other);
        assertEquals(1, offered.size(), "another logger's call is not this record's backend: its own event");
        assertEquals("a handler's own log call", offered.get(0).template);
        Bridge.exit(record);
        assertEquals(2, offered.size());
        assertEquals("export {0} failed", offered.get(1).template);
        assertEquals("jul", offered.get(1).source);
        Bridge.exit(log("next"));
        assertEquals(3, offered.size(), "the depth was released on exit");
    }

    @Test
    void aHeldTemplateWithoutItsOwnHookTakesTheBackendsTextAsTheFormattedMessage() {
        Bridge.install(sink, Severity.ERROR, true);
        Object api = Bridge.bridged(null, 0, 0L, "users", null, "user {} not found", null,
                CapturedEvent.FORMAT_FORMATTED, null, null);
        Bridge.exit(logbackEvent("users", "user alice not found", null));
        Bridge.exit(api);
        assertEquals(1, offered.size());
        CapturedEvent e = offered.get(0);
        assertEquals("logback", e.source, "no source of its own: the backend's");
        assertEquals("user {} not found", e.template);
        assertEquals(CapturedEvent.FORMAT_FORMATTED, e.format);
        assertEquals("user alice not found", e.args[0]);
        assertEquals("logback's event", e.siteBoundary, "no boundary of its own: the backend's");
        Object alone = Bridge.bridged(null, 0, 0L, "users", null, "user {} not found", null,
                CapturedEvent.FORMAT_FORMATTED, null, null);
        Bridge.exit(alone);
        assertEquals(1, offered.size(), "never captured alone: into an unhooked backend as without the hook");
    }

    @Test
    void hideVerdictSkipsTheApplicationsAppendersAndReleasesTheDepthAtOnce() {
        Bridge.install(sink, Severity.ERROR, true);
        verdict.set(EventSink.HIDE);
        Object token = log("suppressed");
        assertSame(Bridge.SKIP, token);
        verdict.set(null);
        Object next = log("next");
        assertSame(Bridge.ENTERED, next, "nothing left held by the skipped call");
        Bridge.exit(next);
        assertEquals(2, offered.size());
    }

    @Test
    void exitWithoutATokenReleasesNothing() {
        Bridge.install(sink, Severity.ERROR, true);
        Object outer = log("outer");
        Bridge.exit(null);
        Bridge.exit(Bridge.SKIP);
        Object inner = inLog4j2("shop", "still nested", null);
        Bridge.exit(inner);
        Bridge.exit(outer);
        assertEquals(1, offered.size());
    }

    @Test
    void agentThreadsAreNeverCaptured() throws Exception {
        Bridge.install(sink, Severity.ERROR, true);
        Thread agent = new Thread(() -> {
            Bridge.markAgentThread();
            Bridge.exit(log("from the agent's own thread"));
            Bridge.captureOnce(new CapturedEvent("uncaught", Severity.CRITICAL, 1L, null, "t", null, null,
                    CapturedEvent.FORMAT_NONE, new IllegalStateException(), null, null, false));
        });
        agent.start();
        agent.join();
        assertTrue(offered.isEmpty());
    }

    @Test
    void aFailingSinkIsCountedAndNeverThrownIntoTheApplication() {
        Bridge.install(sink, Severity.ERROR, true);
        long before = Bridge.adviceErrors();
        failure.set(new IllegalStateException("agent bug"));
        Object token = log("boom");
        Bridge.exit(token);
        assertEquals(before + 1, Bridge.adviceErrors());
        failure.set(null);
        Bridge.exit(log("after"));
        assertEquals(1, offered.size(), "the depth was released despite the failure");
    }

    @Test
    void onlyAContextWithACodeKeyOrKeyValuePairsMayCarryACode() {
        Bridge.install(sink, Severity.ERROR, true);
        assertTrue(Bridge.mayCarryCode(Map.of("error_code", "x"), null));
        assertTrue(Bridge.mayCarryCode(Map.of("error_code_clear", "x"), null));
        assertTrue(Bridge.mayCarryCode(null, List.of(new Object())), "pairs are looked into by the agent");
        assertFalse(Bridge.mayCarryCode(Map.of("user", "u1"), List.of()));
        assertFalse(Bridge.mayCarryCode(null, null));
        assertNull(Bridge.mapIn(new Object[] {"a", 1}));
        assertEquals(Map.of("k", "v"), Bridge.mapIn(new Object[] {"a", Map.of("k", "v")}));
    }

    private static Object log(String logger, String message, Throwable thrown) {
        return Bridge.capture("logback", Severity.ERROR, 1L, logger, "main", message, null,
                CapturedEvent.FORMAT_NONE, thrown, null, null, true);
    }

    private static List<String> templates(List<CapturedEvent> events) {
        return events.stream().map(e -> e.template).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void aCallMadeDuringAnotherIsItsOwnEventAndTheSameCallInASecondFrameworkIsNot() {
        Bridge.install(sink, Severity.ERROR, true);
        IllegalStateException failure = new IllegalStateException("x");
        Object outer = log("shop.Orders", "order {} failed", failure);
        Object layer = inLog4j2("shop.Orders", "order 7 failed", failure);
        Object duringToString = log("shop.Order", "order state unreadable", null);
        Bridge.exit(inLog4j2("shop.Order", "order state unreadable", null)); // that call in a second framework
        Bridge.exit(duringToString);
        Object otherThrowable = log("shop.Orders", "order {} failed", new IllegalStateException("y"));
        Bridge.exit(otherThrowable);
        Bridge.exit(layer);
        Bridge.exit(outer);
        assertEquals(List.of("order {} failed", "order state unreadable", "order {} failed"), templates(offered));
        assertSame(failure, offered.get(0).throwable);
        Bridge.exit(log("next"));
        assertEquals(4, offered.size(), "the depth was released on exit");
    }

    @Test
    void callsNestedDeeperThanTheLimitAreCountedAndTheThrowablesAreReleasedAtExit() {
        Bridge.install(sink, Severity.ERROR, true);
        long before = Bridge.nestedDropped();
        Object[] tokens = new Object[CallDepth.NESTED_MAX + 2];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = log("level" + i, "call " + i, new IllegalStateException());
        }
        for (int i = tokens.length - 1; i >= 0; i--) {
            Bridge.exit(tokens[i]);
        }
        assertEquals(CallDepth.NESTED_MAX, offered.size(), templates(offered).toString());
        assertEquals(before + 2, Bridge.nestedDropped());
        CallDepth.State state = CallDepth.state();
        assertEquals(0, state.depth);
        for (Throwable t : state.thrown) {
            assertNull(t, "no application throwable stays reachable from the thread");
        }
    }

    @Test
    void aLogCallTheAgentsOwnWorkCausesIsNeitherCapturedNorPrinted() {
        Object[] inner = new Object[1];
        Bridge.install(new EventSink() {
            @Override
            public Object offer(CapturedEvent event) {
                // As an error code's toString() that logs, called by the agent during the capture.
                inner[0] = log("shop.Code", "code unreadable", null);
                Bridge.exit(inner[0]);
                Bridge.captureOnce(new CapturedEvent("uncaught", Severity.CRITICAL, 1L, null, "t", null, null,
                        CapturedEvent.FORMAT_NONE, new IllegalStateException(), null, null, false));
                offered.add(event);
                return null;
            }
        }, Severity.ERROR, true);
        long before = Bridge.nestedDropped();
        Bridge.exit(log("shop.Orders", "order failed", null));
        assertEquals(List.of("order failed"), templates(offered));
        assertSame(Bridge.SKIP, inner[0], "the application's appenders skipped: it would not log it without the agent");
        assertEquals(before, Bridge.nestedDropped(), "the agent's doing, not the application's error");
        Object work = Bridge.agentWork();
        Object formatting = log("shop.Code", "while the advice formats", null);
        Bridge.exit(formatting);
        Bridge.agentWorkDone(work);
        assertSame(Bridge.SKIP, formatting);
        Bridge.exit(log("next"));
        assertEquals(2, offered.size(), "the depth was released on exit");
    }

    @Test
    void aFailedTaskOrALog4jApiCallMadeInsideAnAppenderIsItsOwnEvent() {
        Bridge.install(sink, Severity.ERROR, true);
        Object outer = log("shop.Orders", "order failed", null);
        Bridge.captureOnce(new CapturedEvent("executor", Severity.ERROR, 1L, null, "t", "task failed", null,
                CapturedEvent.FORMAT_NONE, new IllegalStateException(), null, null, false));
        // log4j-to-slf4j (a pass-through without a source of its own) into the same backend.
        Object api = Bridge.bridged(null, 0, 0L, "shop.Audit", null, "audit {} failed", null,
                CapturedEvent.FORMAT_FORMATTED, null, null);
        Bridge.exit(logbackEvent("shop.Audit", "audit 7 failed", null));
        Bridge.exit(api);
        Bridge.exit(outer);
        assertEquals(List.of("order failed", "task failed", "audit 7 failed"), templates(offered));
    }

    @Test
    void theSameCallAtAnotherLevelInASecondFrameworkIsStillOneEvent() {
        Bridge.install(sink, Severity.ERROR, true);
        // A JUL record of a custom level (950) with an error code, captured by JUL's hook, which
        // jul-to-slf4j hands Logback as ERROR.
        Object jul = Bridge.capture("jul", Severity.WARNING, 1L, "legacy", "main", "export failed", null,
                CapturedEvent.FORMAT_MESSAGE_FORMAT, null, Map.of("error_code", "E1"), null, true);
        Bridge.exit(logbackEvent("legacy", "export failed", null));
        Bridge.exit(jul);
        assertEquals(List.of("export failed"), templates(offered));
        // The same through log4j-jul's handler with suffixToAppend: the backend's logger renamed.
        jul = Bridge.capture("jul", Severity.ERROR, 1L, "legacy", "main", "export failed", null,
                CapturedEvent.FORMAT_MESSAGE_FORMAT, null, Map.of("error_code", "E1"), null, true);
        Bridge.exit(logbackEvent("legacy._JUL", "export failed {error_code=E1}", null));
        Bridge.exit(jul);
        assertEquals(2, offered.size(), templates(offered).toString());
        assertEquals("jul", offered.get(0).source);
    }

    /** Logback's hook with a throwable. */
    private static Object logbackThrown(String logger, String text, Throwable thrown) {
        return Bridge.capture("logback", Severity.ERROR, 2L, logger, "main", text, null,
                CapturedEvent.FORMAT_SLF4J, thrown, null, null, true, null, "logback's event");
    }

    private static Object julRecord(String logger, String template, Throwable thrown) {
        return Bridge.bridged("jul", Severity.ERROR, 1L, logger, "main", template, new Object[] {"R"},
                CapturedEvent.FORMAT_MESSAGE_FORMAT, thrown, "record");
    }

    @Test
    void aBridgeThatRenamesTheLoggerStillHandsTheHeldCallToTheBackendOnce() {
        Bridge.install(sink, Severity.ERROR, true);
        IllegalStateException a = new IllegalStateException("a");
        // log4j-jul's Log4jBridgeHandler with suffixToAppend, and jul-to-slf4j for a record without a name.
        Object record = julRecord("app.orders", "order {0} failed", a);
        Bridge.exit(logbackThrown("app.orders._JUL", "order R failed", a));
        Bridge.exit(record);
        record = julRecord("app.orders", "order {0} failed", null);
        Bridge.exit(logbackThrown("unknown.jul.logger", "order R failed", null));
        Bridge.exit(record);
        assertEquals(List.of("order {0} failed", "order {0} failed"), templates(offered));
        assertEquals(List.of("jul", "jul"), offered.stream().map(e -> e.source).toList());
        assertEquals(List.of("app.orders", "app.orders"), offered.stream().map(e -> e.logger).toList(),
                "the name the application called");
    }

    @Test
    void aCallOfTheSameLoggerMadeWhileTheHandlerFormatsTheHeldRecordIsItsOwn() {
        Bridge.install(sink, Severity.ERROR, true);
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner");
        Object record = julRecord("app.orders", "order {0} failed", outer);
        // The parameter's toString() logs with the same logger: another throwable, another text.
        Bridge.exit(logbackThrown("app.orders", "render failed", inner));
        Bridge.exit(logbackThrown("app.orders", "render of R failed", null));
        Bridge.exit(logbackThrown("app.orders", "order R failed", outer)); // the handler's backend call
        Bridge.exit(record);
        assertEquals(List.of("render failed", "render of R failed", "order {0} failed"), templates(offered));
        assertSame(outer, offered.get(2).throwable);
        assertEquals("jul", offered.get(2).source);
    }

    @Test
    void aCallOfTheSameLoggerWithoutThrowableMadeInsideItsOwnFrameworksCallIsItsOwn() {
        Bridge.install(sink, Severity.ERROR, true);
        // Logback in Logback (a toString() logging with the class's logger while the appender formats).
        Object outer = log("shop.Orders", "order {} failed", null);
        Bridge.exit(log("shop.Orders", "order state unreadable", null));
        Bridge.exit(outer);
        // JUL in JUL: a parameter's toString() logging with the same logger, twice over.
        Object record = julRecord("shop.Orders", "order {0} failed", (Throwable) null);
        Object inner = julRecord("shop.Orders", "order {0} failed", (Throwable) null);
        Bridge.exit(julRecord("shop.Orders", "order {0} failed", (Throwable) null));
        Bridge.exit(inner);
        Bridge.exit(record);
        assertEquals(5, offered.size(), templates(offered).toString());
    }

    @Test
    void aLog4j2ApiCallWithAThrowableThroughLog4jToSlf4jKeepsItsPattern() {
        Bridge.install(sink, Severity.ERROR, true);
        IllegalStateException e1 = new IllegalStateException("e1");
        Object api = Bridge.bridged(null, 0, 0L, "app.pay", null, "plain with ex {}", null,
                CapturedEvent.FORMAT_FORMATTED, e1, null);
        Bridge.exit(logbackThrown("app.pay", "plain with ex a", e1));
        Bridge.exit(api);
        assertEquals(List.of("plain with ex {}"), templates(offered));
        assertSame(e1, offered.get(0).throwable);
    }
}
