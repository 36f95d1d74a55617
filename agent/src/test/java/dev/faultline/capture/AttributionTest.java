package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an error happened (app, file, function, class, line) and which app it belongs to. */
class AttributionTest {
    private static final StackTraceElement JDK_PARSE = frame("java.lang.Integer", "parseInt", "Integer.java", 652);
    private static final StackTraceElement JDK_VALUE_OF = frame("java.lang.Integer", "valueOf", "Integer.java", 989);
    private static final StackTraceElement LOGBACK = frame("ch.qos.logback.classic.Logger", "error", "Logger.java", 510);
    private static final StackTraceElement PARSER = frame("com.acme.billing.AmountParser", "parse", "AmountParser.java", 31);
    private static final StackTraceElement SERVICE = frame("com.acme.billing.InvoiceService", "total", "InvoiceService.java", 77);
    private static final StackTraceElement CONTROLLER = frame("com.acme.web.InvoiceController", "show", "InvoiceController.java", 19);

    private final Attribution byDefault = new Attribution(new InAppRule(List.of()), Map.of(), "shop");

    private static StackTraceElement frame(String className, String method, String file, int line) {
        return new StackTraceElement(className, method, file, line);
    }

    private static Throwable thrown(Throwable t, StackTraceElement... frames) {
        t.setStackTrace(frames);
        return t;
    }

    private static Location locate(Attribution a, Throwable t) {
        return a.locate(ExceptionChain.of(t, 16));
    }

    private static void assertAt(StackTraceElement expected, Location where) {
        assertEquals(expected.getClassName(), where.className);
        assertEquals(expected.getMethodName(), where.method);
        assertEquals(expected.getFileName(), where.fileName);
        assertEquals(expected.getLineNumber(), where.line);
    }

    @Test
    void locationIsTheTopInAppFrameOfTheRootCause() {
        Throwable root = thrown(new NumberFormatException("x"), JDK_PARSE, JDK_VALUE_OF, PARSER, SERVICE);
        Throwable top = thrown(new IllegalStateException("bad invoice", root), SERVICE, CONTROLLER);
        assertAt(PARSER, locate(byDefault, top));
    }

    @Test
    void rootCauseWithoutInAppFramesFallsBackToTheNearestEnclosingExceptionThatHasOne() {
        Throwable root = thrown(new NumberFormatException("x"), JDK_PARSE, JDK_VALUE_OF);
        Throwable middle = thrown(new IllegalArgumentException("amount", root), SERVICE, CONTROLLER);
        Throwable top = thrown(new IllegalStateException("request", middle), CONTROLLER);
        assertAt(SERVICE, locate(byDefault, top));
    }

    @Test
    void noInAppFrameAnywhereFallsBackToTheRootCausesTopFrame() {
        Throwable root = thrown(new NumberFormatException("x"), JDK_PARSE, JDK_VALUE_OF);
        Throwable top = thrown(new IllegalStateException("wrapped", root), LOGBACK);
        assertAt(JDK_PARSE, locate(byDefault, top));
    }

    @Test
    void exceptionWithoutAnyFramesHasNoLocation() {
        assertNull(locate(byDefault, thrown(new IllegalStateException("no trace"))));
    }

    @Test
    void appPackagesDecideWhichFramesCount() {
        Attribution webOnly = new Attribution(new InAppRule(List.of("com.acme.web")), Map.of(), "shop");
        Throwable root = thrown(new NumberFormatException("x"), JDK_PARSE, PARSER, SERVICE, CONTROLLER);
        assertAt(CONTROLLER, locate(webOnly, root));
    }

    @Test
    void appComesFromTheFirstMatchingAppsMappingInOrder() {
        Map<String, String> apps = new LinkedHashMap<>();
        apps.put("com.acme.billing", "billing-app");
        apps.put("com.acme", "acme-app");
        Attribution mapped = new Attribution(new InAppRule(List.of("com.acme")), apps, "shop");
        assertEquals("billing-app", mapped.app("com.acme.billing.InvoiceService"));
        assertEquals("acme-app", mapped.app("com.acme.web.InvoiceController"));
        assertEquals("shop", mapped.app("org.other.Thing"));
    }

    @Test
    void appsMappingMatchesWholePackageSegments() {
        Attribution mapped = new Attribution(new InAppRule(List.of()), Map.of("com.acme", "acme-app"), "shop");
        assertEquals("shop", mapped.app("com.acmecorp.Tool"));
        assertEquals("acme-app", mapped.app("com.acme.Tool"));
        assertEquals("acme-app", new Attribution(new InAppRule(List.of()), Map.of("com.acme.", "acme-app"), "shop").app("com.acme.Tool"));
    }

    @Test
    void withoutAMappingAppIsThePackageSegmentAfterTheAppPackagesPrefix() {
        Attribution segments = new Attribution(new InAppRule(List.of("com.acme", "org.shop.")), Map.of(), "shop");
        assertEquals("billing", segments.app("com.acme.billing.InvoiceService"));
        assertEquals("web", segments.app("com.acme.web.api.InvoiceController"));
        assertEquals("cart", segments.app("org.shop.cart.Cart"));
    }

    @Test
    void classDirectlyInTheAppPackageBelongsToTheService() {
        Attribution segments = new Attribution(new InAppRule(List.of("com.acme")), Map.of(), "shop");
        assertEquals("shop", segments.app("com.acme.Main"));
    }

    @Test
    void withoutMappingOrAppPackagesAppIsTheServiceName() {
        assertEquals("shop", byDefault.app("com.acme.billing.InvoiceService"));
        assertEquals("shop", byDefault.app(null));
    }

    @Test
    void fileIsThePackagePathPlusTheFileName() {
        assertEquals("com/acme/billing/AmountParser.java", Location.of(PARSER).file());
        assertEquals("com/acme/billing/Amounts.kt", new Location("com.acme.billing.AmountsKt", "parse", "Amounts.kt", 3).file());
    }

    @Test
    void missingFileNameIsGuessedFromTheOuterClass() {
        assertEquals("com/acme/billing/InvoiceService.java",
                new Location("com.acme.billing.InvoiceService$Line$1", "total", null, -1).file());
    }

    @Test
    void classInTheDefaultPackageHasNoDirectory() {
        assertEquals("Main.java", new Location("Main", "main", "Main.java", 3).file());
        assertEquals("Main.java", new Location("Main", "main", null, 3).file());
    }

    @Test
    void locationWithoutAClassHasNoFile() {
        assertNull(new Location(null, null, null, 0).file());
    }

    @Test
    void locationOfAFrameKeepsItsLineEvenWhenUnknown() {
        Location native0 = Location.of(frame("com.acme.Native", "call", null, -2));
        assertEquals(-2, native0.line);
        assertEquals("com/acme/Native.java", native0.file());
    }
}
