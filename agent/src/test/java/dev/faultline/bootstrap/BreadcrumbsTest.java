package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.capture.Identity;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.config.Config;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The thread's ring of remembered log events: what it keeps, in which order, for how long, what it
 * costs in allocations, and how an occurrence's {@code breadcrumbs} read in the record.
 */
class BreadcrumbsTest {
    enum Status { LOCKED }

    /** The events offered, each with what the intake's gate copies from the ring when it queues one. */
    private final List<CapturedEvent> offered = new ArrayList<>();
    /** The writer's side: each thread's trail, rebuilt from the offered events in order. */
    private Trails trails;
    /** False: the next offer is dropped, as by a full queue (nothing handed over, not taken). */
    private boolean queueHasRoom = true;
    private final EventSink sink = new EventSink() {
        @Override
        public Object offer(CapturedEvent event) {
            Bridge.breadcrumbsTo(event);
            if (!queueHasRoom) {
                queueHasRoom = true;
                return null;
            }
            Bridge.breadcrumbsHandedOver(event);
            offered.add(event);
            return TAKEN;
        }
    };

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
        CallDepth.state().crumbs = null;
    }

    private void install(int size) {
        Bridge.install(sink, Severity.ERROR, true);
        Bridge.rememberLogEvents(size);
        trails = new Trails(size, 8192);
    }

    private static void info(String template, Object... args) {
        Bridge.exit(Bridge.crumb(Severity.INFO, 5L, "shop", template, args, CapturedEvent.FORMAT_SLF4J));
    }

    private static void error(String message) {
        Bridge.exit(Bridge.capture("logback", Severity.ERROR, 9L, "shop", "main", message, null,
                CapturedEvent.FORMAT_NONE, null, null, null, true));
    }

    private static List<String> templates(Breadcrumb[] crumbs) {
        List<String> out = new ArrayList<>();
        for (Breadcrumb c : crumbs) {
            out.add(c.template);
        }
        return out;
    }

    /** The breadcrumbs of each offered event's occurrence as the writer stores them (messages), null for none. */
    private List<List<String>> occurrences() {
        List<List<String>> out = new ArrayList<>();
        for (CapturedEvent e : offered) {
            List<Document> crumbs = trails.before(e);
            List<String> messages = null;
            if (crumbs != null) {
                messages = new ArrayList<>();
                for (Document c : crumbs) {
                    messages.add(c.getString("message"));
                }
            }
            out.add(messages);
            trails.after(e, e.template);
        }
        return out;
    }

    @Test
    void anOccurrenceGetsTheLastEventsOfItsThreadOldestFirst() {
        install(3);
        for (int i = 1; i <= 5; i++) {
            info("step " + i);
        }
        error("failed");
        assertEquals(List.of("step 3", "step 4", "step 5"), templates(offered.get(0).breadcrumbs));
    }

    @Test
    void aRecordedErrorIsABreadcrumbOfTheNextOccurrenceWithoutTheThreadCopyingIt() {
        install(5);
        info("before");
        error("first");
        error("second");
        assertEquals(List.of("before"), templates(offered.get(0).breadcrumbs));
        assertNull(offered.get(1).breadcrumbs, "the thread copies only what it remembered since its last occurrence");
        assertEquals(Arrays.asList(List.of("before"), List.of("before", "first")), occurrences());
    }

    @Test
    void aThreadThatOnlyLogsErrorsCopiesNothingAndItsOccurrencesStillCarryTheErrorsBefore() {
        install(3);
        for (int i = 1; i <= 6; i++) {
            error("failure " + i);
        }
        for (CapturedEvent e : offered) {
            assertNull(e.breadcrumbs);
        }
        List<List<String>> occurrences = occurrences();
        assertNull(occurrences.get(0));
        assertEquals(List.of("failure 3", "failure 4", "failure 5"), occurrences.get(5));
    }

    @Test
    void aDroppedOccurrenceIsABreadcrumbAndItsOwnBreadcrumbsComeWithTheNextOne() {
        install(5);
        info("a");
        queueHasRoom = false;
        error("dropped");
        info("b");
        error("kept");
        assertEquals(1, offered.size());
        assertEquals(List.of("a", "dropped", "b"), templates(offered.get(0).breadcrumbs));
    }

    @Test
    void keepsSmallJdkArgumentsAndOnlyTheClassNameOfAnyOther() {
        install(5);
        Object[] args = {"alice", 7, Status.LOCKED, "x".repeat(257), new StringBuilder("sb"), null, UUID.randomUUID(),
                3L, "ninth", "tenth"};
        info("many", args);
        error("failed");
        Breadcrumb c = offered.get(0).breadcrumbs[0];
        assertEquals(8, c.args.length, "at most eight arguments");
        assertSame(args[0], c.args[0]);
        assertEquals(7, c.args[1]);
        assertEquals("LOCKED", c.args[2], "an enum is kept as its name, not as the application's object");
        assertEquals("java.lang.String", c.args[3]);
        assertTrue(c.typeOnly(3));
        assertEquals("java.lang.StringBuilder", c.args[4]);
        assertTrue(c.typeOnly(4));
        assertNull(c.args[5]);
        assertFalse(c.typeOnly(5));
        assertSame(args[6], c.args[6]);
        assertEquals(3L, c.args[7]);
        assertEquals(0b11000, c.typeOnly);
    }

    @Test
    void aSlotReusedForFewerArgumentsReleasesTheOldOnes() {
        install(1);
        info("two {} {}", "a", "b");
        info("none");
        Object[] slot = CallDepth.state().crumbs.pending()[0].args;
        assertNull(slot);
    }

    @Test
    void aLongTemplateIsKeptCutAndSaysHowMuch() {
        install(2);
        info("t".repeat(5000));
        error("failed");
        Breadcrumb c = offered.get(0).breadcrumbs[0];
        assertEquals(Breadcrumbs.MAX_TEMPLATE_CHARS, c.template.length());
        assertEquals(5000 - Breadcrumbs.MAX_TEMPLATE_CHARS, c.templateCut);
    }

    @Test
    void aCallPassingThroughTwoFrameworksIsRememberedOnce() {
        install(5);
        Object outer = Bridge.crumb(Severity.INFO, 1L, "jul", "once", null, CapturedEvent.FORMAT_NONE);
        Object inner = Bridge.crumb(Severity.INFO, 1L, "slf4j", "once", null, CapturedEvent.FORMAT_NONE);
        assertSame(CallDepth.state(), outer, "the token is the thread's hook state");
        assertNull(inner);
        Bridge.exit(inner);
        Bridge.exit(outer);
        error("failed");
        assertEquals(List.of("once"), templates(offered.get(0).breadcrumbs));
    }

    @Test
    void anInnerHookStillCapturesWhatTheOuterOnlyRemembered() {
        install(5);
        Object outer = Bridge.crumb(Severity.INFO, 1L, "jul", "bridged", null, CapturedEvent.FORMAT_NONE);
        error("captured by the inner hook");
        Bridge.exit(outer);
        error("next");
        assertEquals(Arrays.asList(List.of("bridged"), List.of("bridged", "captured by the inner hook")), occurrences(),
                "the bridged call is remembered once, and the inner capture is a breadcrumb of the next");
    }

    @Test
    void nothingIsRememberedWhenTheSizeIsZero() {
        install(0);
        assertNull(Bridge.crumb(Severity.INFO, 1L, "shop", "off", null, CapturedEvent.FORMAT_NONE));
        error("failed");
        assertNull(offered.get(0).breadcrumbs);
        assertEquals(0, offered.get(0).trail);
    }

    @Test
    void anAgentThreadRemembersNothing() throws Exception {
        install(5);
        Object[] token = new Object[1];
        Thread agent = new Thread(() -> {
            Bridge.markAgentThread();
            token[0] = Bridge.crumb(Severity.INFO, 1L, "driver", "agent's own", null, CapturedEvent.FORMAT_NONE);
        });
        agent.start();
        agent.join();
        assertSame(Bridge.SKIP, token[0], "nothing remembered, and not handed to the application's appenders");
    }

    @Test
    void aRequestForgetsTheEventsBeforeItAndItsOwnAfterIt() {
        install(5);
        info("before the request");
        boolean opened = RequestContext.open("GET", "/orders", null, null, null);
        info("in the request");
        error("failed in the request");
        RequestContext.close(opened);
        error("after the request");
        assertEquals(Arrays.asList(List.of("in the request"), null), occurrences(),
                "the request's events, its error included, are gone with it");
    }

    @Test
    void rememberingAnEventAllocatesNothingOnceTheRingExists() {
        install(20);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object[] args = {"alice", 7, Status.LOCKED, new Object()};
        for (int i = 0; i < 1000; i++) {
            info("warm {} {} {} {}", args);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            info("order {} for {} ({}) {}", args);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // The smallest object is 16 bytes: one per event would be 1.6 MB. What remains is the
        // JVM's own (compilation of the loop), not the events'.
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated by 100000 remembered events");
    }

    @Test
    void theRecordFormatsRedactsAndCapsEachBreadcrumbAndShowsTheTypeOfWhatWasNotKept() throws Exception {
        install(5);
        info("order {} for {} with {}", 7, "alice", new StringBuilder("not kept"));
        info("login with password={}", "hunter2");
        Bridge.exit(Bridge.crumb(Severity.DEBUG, 6L, "shop.db", "x".repeat(Breadcrumbs.MAX_TEMPLATE_CHARS + 10), null,
                CapturedEvent.FORMAT_NONE));
        error("failed");
        CapturedEvent e = offered.get(0);
        Config config = Config.fromMap(Map.of("service", "shop", "max.message-length", "100"));
        Document record = new RecordFactory(config, new Identity("shop", "", "", "", "", "box", "box", 1))
                .build(e, new Trails(5, 100).before(e));
        List<Document> crumbs = record.getList("breadcrumbs", Document.class);
        assertEquals(3, crumbs.size());
        assertEquals(new Document("timestamp", new java.util.Date(5L)).append("severity", "INFO").append("logger", "shop")
                .append("message", "order 7 for alice with [java.lang.StringBuilder]"), crumbs.get(0));
        assertEquals("login with password=[REDACTED]", crumbs.get(1).getString("message"));
        assertEquals("DEBUG", crumbs.get(2).getString("severity"));
        assertEquals("x".repeat(100) + "... [truncated " + (Breadcrumbs.MAX_TEMPLATE_CHARS + 10 - 100) + " chars]",
                crumbs.get(2).getString("message"));
    }
}
