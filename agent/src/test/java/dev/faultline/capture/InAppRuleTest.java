package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which frames are the application's own code (DESIGN.md section 3, app-packages). */
class InAppRuleTest {
    private final InAppRule everythingButLibraries = new InAppRule(List.of());
    private final InAppRule acme = new InAppRule(List.of("com.acme", "org.shop."));

    @ParameterizedTest(name = "{0} is not in-app")
    @ValueSource(strings = {
        "java.lang.Integer", "javax.servlet.http.HttpServlet", "jdk.internal.reflect.DirectMethodHandleAccessor",
        "sun.nio.ch.FileChannelImpl", "com.sun.proxy.$Proxy12", "dev.faultline.store.Writer",
        "dev.faultline.bootstrap.Bridge", "dev.faultline.shaded.com.mongodb.internal.X",
        "ch.qos.logback.classic.Logger", "org.slf4j.helpers.AbstractLogger", "org.apache.logging.log4j.spi.AbstractLogger",
        "org.apache.log4j.Category", "org.apache.commons.logging.impl.SLF4JLocationAwareLog", "org.jboss.logging.Logger",
    })
    void jdkAgentAndLoggingFramesAreNeverInAppByDefault(String className) {
        assertFalse(everythingButLibraries.inApp(className));
    }

    @ParameterizedTest(name = "{0} is in-app")
    @ValueSource(strings = {
        "com.acme.billing.Invoice", "Main", "org.springframework.web.Dispatcher", "sunrise.Report", "javaxtra.Tool",
        "com.example.Shop$$Lambda$14/0x0000000800c03000", "kotlin.collections.ArraysKt",
    })
    void everyOtherFrameIsInAppWhenNoPackagesAreNamed(String className) {
        assertTrue(everythingButLibraries.inApp(className));
    }

    @Test
    void withAppPackagesOnlyThosePackagesAreInApp() {
        assertTrue(acme.inApp("com.acme.billing.Invoice"));
        assertTrue(acme.inApp("com.acme.Main"));
        assertTrue(acme.inApp("org.shop.Cart"));
        assertFalse(acme.inApp("org.springframework.web.Dispatcher"));
        assertFalse(acme.inApp("java.lang.Integer"));
    }

    @Test
    void packagePrefixMatchesWholeSegmentsOnly() {
        assertFalse(acme.inApp("com.acmecorp.Tool"));
        assertFalse(acme.inApp("org.shopping.Cart"));
        assertTrue(acme.inApp("com.acme"));
    }

    @Test
    void missingClassNameIsNotInApp() {
        assertFalse(everythingButLibraries.inApp(null));
        assertFalse(acme.inApp(null));
    }

    @Test
    void matchingPrefixIsTheFirstListedPackageThatContainsTheClass() {
        InAppRule nested = new InAppRule(List.of("com.acme", "com.acme.billing"));
        assertEquals("com.acme", nested.matchingPrefix("com.acme.billing.Invoice"));
        assertEquals("org.shop.", acme.matchingPrefix("org.shop.Cart"));
        assertNull(acme.matchingPrefix("com.acmecorp.Tool"));
        assertNull(everythingButLibraries.matchingPrefix("com.acme.billing.Invoice"));
    }
}
