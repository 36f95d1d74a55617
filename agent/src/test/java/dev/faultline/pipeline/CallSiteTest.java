package dev.faultline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.shop.Orders;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.codes.Clock;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.intake.CallerFrames;
import dev.faultline.intake.EventQueue;
import dev.faultline.intake.Gate;
import dev.faultline.store.Health;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call site of an event without a throwable: kept by the intake, resolved on the writer. */
class CallSiteTest {
    private final EventQueue queue = new EventQueue(16, Long.MAX_VALUE);

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    private CapturedEvent loggedFromOrders() {
        ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, 1000);
        Bridge.install(new Gate(queue, tracker, new Health(), false, 8192), Severity.ERROR, true);
        Orders.fail(null, null);
        List<CapturedEvent> events = new ArrayList<>();
        queue.drainTo(events, 16);
        assertEquals(1, events.size());
        return events.get(0);
    }

    @Test
    void theSiteIsTheApplicationFrameAboveTheBridgeAndTheIntake() {
        CapturedEvent e = loggedFromOrders();
        // The first call of a logger and template is walked on the application thread
        // (intake.CallSiteCache); a shared one keeps its backtrace, resolved here.
        CallSite.resolve(e);
        assertEquals("com.example.shop.Orders", e.siteClass);
        assertEquals("fail", e.siteMethod);
        assertEquals("Orders.java", e.siteFile);
        assertNull(e.siteTrace, "the stack is released once resolved");
    }

    @Test
    void loggingFrameworkAndJdkFramesAreNeverTheSite() {
        for (String framework : new String[] {"ch.qos.logback.classic.Logger", "org.slf4j.helpers.AbstractLogger",
                "org.apache.logging.log4j.spi.AbstractLogger", "org.apache.log4j.Category",
                "java.util.logging.Logger", "dev.faultline.bootstrap.Bridge", "dev.faultline.intake.Gate"}) {
            assertEquals(true, CallerFrames.skipped(framework), framework);
        }
        assertEquals(false, CallerFrames.skipped("com.example.shop.Orders"));
    }

    @Test
    void aSiteSetByTheHookIsKept() {
        CapturedEvent e = new CapturedEvent("http", Severity.ERROR, 1L, null, "main", null, null,
                CapturedEvent.FORMAT_NONE, null, null, null, false);
        e.siteClass = "com.example.Handler";
        e.siteTrace = new Throwable();
        CallSite.resolve(e);
        assertEquals("com.example.Handler", e.siteClass);
    }

    @Test
    void aKeptBacktraceIsResolvedToTheFirstApplicationFrame() {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1L, "shop", "main", "order {} failed", null,
                CapturedEvent.FORMAT_SLF4J, null, null, null, false);
        e.siteTrace = new Throwable();
        CallSite.resolve(e);
        assertEquals(CallSiteTest.class.getName(), e.siteClass);
        assertEquals("aKeptBacktraceIsResolvedToTheFirstApplicationFrame", e.siteMethod);
        assertNull(e.siteTrace);
    }
}
