package dev.faultline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.shop.Orders;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.codes.Clock;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.intake.EventQueue;
import dev.faultline.intake.Gate;
import dev.faultline.store.Health;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call site of an event without a throwable: found by the intake, resolved on the writer. */
class CallSiteTest {
    private final EventQueue queue = new EventQueue(16);

    @BeforeEach
    void install() {
        ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, 1000);
        Bridge.install(new Gate(queue, tracker, new Health(), false, 16), Severity.ERROR, true);
    }

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    private List<CapturedEvent> resolved() {
        List<CapturedEvent> events = new ArrayList<>();
        queue.drainTo(events, 16);
        events.forEach(CallSite::resolve);
        return events;
    }

    @Test
    void theSiteIsTheApplicationFrameAboveTheBridgeAndTheIntake() {
        Orders.fail(null, null);
        List<CapturedEvent> events = new ArrayList<>();
        queue.drainTo(events, 16);
        CapturedEvent e = events.get(0);
        assertNull(e.siteClass, "only the frame is kept on the application thread");
        assertNotNull(e.siteFrame);
        CallSite.resolve(e);
        assertEquals("com.example.shop.Orders", e.siteClass);
        assertEquals("fail", e.siteMethod);
        assertEquals("Orders.java", e.siteFile);
        assertNull(e.siteFrame, "the frame is released once resolved");
    }

    @Test
    void oneTemplateLoggedFromTwoMethodsHasTwoSites() {
        Orders.fail(null, null);
        Orders.failOnRetry();
        Orders.fail(null, null);
        List<CapturedEvent> events = resolved();
        assertEquals(List.of("fail", "failOnRetry", "fail"), events.stream().map(e -> e.siteMethod).toList());
        assertEquals(events.get(0).siteLine, events.get(2).siteLine);
        assertEquals(false, events.get(0).siteLine == events.get(1).siteLine);
    }

    @Test
    void anEventWithAThrowableKeepsNoFrame() {
        Bridge.exit(Bridge.capture("logback", Severity.ERROR, 1L, "shop.Orders", "main", "order failed",
                null, CapturedEvent.FORMAT_SLF4J, new IllegalStateException("x"), null, null, true));
        List<CapturedEvent> events = new ArrayList<>();
        queue.drainTo(events, 16);
        assertNull(events.get(0).siteFrame);
    }

    @Test
    void aSiteSetByTheHookIsKept() {
        CapturedEvent e = new CapturedEvent("http", Severity.ERROR, 1L, null, "main", null, null,
                CapturedEvent.FORMAT_NONE, null, null, null, false);
        e.siteClass = "com.example.Handler";
        e.siteFrame = StackWalker.getInstance().walk(frames -> frames.findFirst()).orElseThrow();
        CallSite.resolve(e);
        assertEquals("com.example.Handler", e.siteClass);
    }
}
