package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which frames the call-site walk passes over, decided once per class. */
class SiteWalkTest {
    @Test
    void loggingFrameworkJdkAndAgentFramesAreNeverTheSite() {
        for (String framework : new String[] {"ch.qos.logback.classic.Logger", "org.slf4j.helpers.AbstractLogger",
                "org.apache.logging.log4j.spi.AbstractLogger", "org.apache.log4j.Category",
                "java.util.logging.Logger", "dev.faultline.bootstrap.Bridge", "dev.faultline.intake.Gate"}) {
            assertEquals(true, SiteWalk.skipped(framework), framework);
        }
    }

    @Test
    void applicationFramesAreTheSite() {
        assertEquals(false, SiteWalk.skipped("com.example.shop.Orders"));
        assertEquals(false, SiteWalk.skipped("dev.faultline.pipeline.CallSiteTest"), "only the bridge and intake are passed over");
    }

    @Test
    void theDecisionIsKeptPerClassAndAgreesWithTheName() {
        assertEquals(true, SiteWalk.SKIP.get(java.util.logging.Logger.class));
        assertEquals(true, SiteWalk.SKIP.get(Gate.class));
        assertEquals(false, SiteWalk.SKIP.get(com.example.shop.Orders.class));
        assertEquals(SiteWalk.SKIP.get(Gate.class), SiteWalk.SKIP.get(Gate.class));
    }
}
