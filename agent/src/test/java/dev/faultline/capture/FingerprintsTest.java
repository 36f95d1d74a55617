package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintsTest {
    private static final String APP = "dev.faultline.capture.";
    private final InAppRule inApp = new InAppRule(List.of("dev.faultline.capture"));

    private String fingerprint(Throwable t) {
        return Fingerprints.ofException(ExceptionChain.of(t, 16), inApp);
    }

    private static void parse(String text) {
        Integer.parseInt(text);
    }

    /** One method, two lines that reach the same bug. */
    private static NumberFormatException importRow(String first, String second) {
        try {
            parse(first);
            parse(second);
        } catch (NumberFormatException e) {
            return e;
        }
        throw new AssertionError("both columns parsed");
    }

    private static NumberFormatException importHeader(String text) {
        try {
            parse(text);
        } catch (NumberFormatException e) {
            return e;
        }
        throw new AssertionError("parsed");
    }

    private static int callerLine(Throwable t, String method) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getMethodName().equals(method)) {
                return f.getLineNumber();
            }
        }
        throw new AssertionError(method + " not on the stack");
    }

    @Test
    void sameBugThrownFromTwoCallLinesOfOneMethodGroupsTogether() {
        NumberFormatException fromFirstLine = importRow("x", "1");
        NumberFormatException fromSecondLine = importRow("1", "y");
        assertNotEquals(callerLine(fromFirstLine, "importRow"), callerLine(fromSecondLine, "importRow"));
        assertEquals(fingerprint(fromFirstLine), fingerprint(fromSecondLine));
    }

    @Test
    void sameExceptionTypeFromADifferentInAppCulpritIsAnotherGroup() {
        assertNotEquals(fingerprint(importRow("x", "1")), fingerprint(importHeader("x")));
    }

    @Test
    void differentExceptionTypesAtTheSamePlaceAreDifferentGroups() {
        StackTraceElement[] frames = {frame(APP + "Orders", "submit", 10), frame(APP + "Shop", "main", 3)};
        assertNotEquals(fingerprint(thrown(new IllegalStateException("a"), frames)),
                fingerprint(thrown(new IllegalArgumentException("a"), frames)));
    }

    @Test
    void messagesAndLineNumbersDoNotSplitAGroup() {
        Throwable one = thrown(new IllegalStateException("order 1 failed"), frame(APP + "Orders", "submit", 10));
        Throwable two = thrown(new IllegalStateException("order 2 failed"), frame(APP + "Orders", "submit", 99));
        assertEquals(fingerprint(one), fingerprint(two));
    }

    @Test
    void lambdaClassesAndMethodsFromAnotherBuildStayInTheGroup() {
        Throwable build1 = thrown(new IllegalStateException(),
                frame(APP + "Orders", "lambda$submit$0", 12),
                frame(APP + "Orders$$Lambda$14/0x0000000800c03000", "accept", -1),
                frame(APP + "Orders", "submit", 20));
        Throwable build2 = thrown(new IllegalStateException(),
                frame(APP + "Orders", "lambda$submit$3", 14),
                frame(APP + "Orders$$Lambda/0x000001f2a10d4a38", "accept", -1),
                frame(APP + "Orders", "submit", 22));
        assertEquals(fingerprint(build1), fingerprint(build2));
    }

    @Test
    void cglibAndProxyClassesOfAnotherRunStayInTheGroup() {
        Throwable run1 = thrown(new IllegalStateException(),
                frame(APP + "OrderService", "submit", 12),
                frame(APP + "OrderService$$EnhancerBySpringCGLIB$$1a2b3c4d", "submit", -1),
                frame(APP + "$Proxy12", "submit", -1));
        Throwable run2 = thrown(new IllegalStateException(),
                frame(APP + "OrderService", "submit", 12),
                frame(APP + "OrderService$$EnhancerBySpringCGLIB$$9f8e7d6c", "submit", -1),
                frame(APP + "$Proxy31", "submit", -1));
        assertEquals(fingerprint(run1), fingerprint(run2));
    }

    @ParameterizedTest
    @CsvSource({
        "com.acme.Orders$$Lambda$14/0x0000000800c03000, com.acme.Orders$$Lambda$92/0x0000000801a0c440",
        "com.acme.Orders$$SpringCGLIB$$0, com.acme.Orders$$SpringCGLIB$$1",
        "com.acme.Orders$HibernateProxy$k2Jd8s, com.acme.Orders$HibernateProxy$Zx81qp",
        "com.acme.Orders$ByteBuddy$abc123, com.acme.Orders$ByteBuddy$def456",
        "com.acme.Orders$MockitoMock$1122, com.acme.Orders$MockitoMock$3344",
        "com.acme.Orders_$$_jvst1a2_0, com.acme.Orders_$$_jvst9f8_3",
        "jdk.proxy2.$Proxy5, jdk.proxy1.$Proxy17",
        "com.sun.proxy.$Proxy5, com.sun.proxy.$Proxy17",
        "jdk.internal.reflect.GeneratedMethodAccessor12, jdk.internal.reflect.GeneratedMethodAccessor40",
        "com.acme.Orders$1, com.acme.Orders$2",
    })
    void generatedClassNamesNormaliseAlike(String one, String other) {
        assertEquals(Fingerprints.normalClass(one), Fingerprints.normalClass(other));
    }

    @ParameterizedTest
    @CsvSource({
        "lambda$submit$0, lambda$submit$7",
        "lambda$static$0, lambda$static$1",
        "submit$lambda$0, submit$lambda$2",
        "submit$lambda-0, submit$lambda-2",
        "access$000, access$100",
        "$anonfun$submit$1, $anonfun$submit$2",
    })
    void generatedMethodNamesNormaliseAlike(String one, String other) {
        assertEquals(Fingerprints.normalMethod(one), Fingerprints.normalMethod(other));
    }

    @ParameterizedTest
    @CsvSource({
        "com.acme.Orders, com.acme.Invoices",
        "com.acme.Orders$Line, com.acme.Orders$Tax",
        "com.acme.OrderV1, com.acme.OrderV2",
    })
    void distinctClassNamesStayDistinct(String one, String other) {
        assertNotEquals(Fingerprints.normalClass(one), Fingerprints.normalClass(other));
    }

    @Test
    void rootCauseWithoutInAppFramesIsPlacedByTheEnclosingInAppFrames() {
        StackTraceElement[] library = {frame("org.postgresql.Driver", "execute", 1), frame("java.lang.Thread", "run", 2)};
        Throwable fromOrders = thrown(new IllegalStateException("wrap"), frame(APP + "Orders", "save", 5));
        fromOrders.initCause(thrown(new java.sql.SQLException("down"), library));
        Throwable fromInvoices = thrown(new IllegalStateException("wrap"), frame(APP + "Invoices", "save", 5));
        fromInvoices.initCause(thrown(new java.sql.SQLException("down"), library));
        assertNotEquals(fingerprint(fromOrders), fingerprint(fromInvoices));

        Throwable sameAsOrders = thrown(new RuntimeException("other wrapper"), frame(APP + "Orders", "save", 9));
        sameAsOrders.initCause(thrown(new java.sql.SQLException("down again"), library));
        assertEquals(fingerprint(fromOrders), fingerprint(sameAsOrders), "the root cause's type, not the wrapper's");
    }

    @Test
    void logMessagesGroupByTemplateAndCallSiteNotByLine() {
        assertEquals(Fingerprints.ofMessage("shop", "stock low for {}", APP + "Stock", "check"),
                Fingerprints.ofMessage("shop", "stock low for {}", APP + "Stock", "check"));
        assertNotEquals(Fingerprints.ofMessage("shop", "stock low for {}", APP + "Stock", "check"),
                Fingerprints.ofMessage("shop", "stock gone for {}", APP + "Stock", "check"));
        assertNotEquals(Fingerprints.ofMessage("shop", "stock low for {}", APP + "Stock", "check"),
                Fingerprints.ofMessage("shop", "stock low for {}", APP + "Stock", "reorder"));
    }

    /** A message built by concatenation is a new template at every call: grouped by its shape (grouping_version 2). */
    @Test
    void concatenatedMessagesOfOneCallSiteAreOneGroupWhateverTheirNumbersAndIds() {
        assertEquals(Fingerprints.ofMessage("shop", "order 17 failed", APP + "Orders", "submit"),
                Fingerprints.ofMessage("shop", "order 123456 failed", APP + "Orders", "submit"));
        assertEquals(Fingerprints.ofMessage("shop", "request 3f2a1b4c-9d8e-4f00-a1b2-c3d4e5f60718 failed", APP + "Orders", "submit"),
                Fingerprints.ofMessage("shop", "request 0e9d8c7b-6a5f-4e3d-b2c1-a0f9e8d7c6b5 failed", APP + "Orders", "submit"));
        assertNotEquals(Fingerprints.ofMessage("shop", "order 17 failed", APP + "Orders", "submit"),
                Fingerprints.ofMessage("shop", "order 17 refunded", APP + "Orders", "submit"), "other words: another group");
        assertNotEquals(Fingerprints.ofMessage("shop", "order 17 failed", APP + "Orders", "submit"),
                Fingerprints.ofMessage("shop", "order 17 failed", APP + "Orders", "cancel"), "another call site");
        assertNotEquals(Fingerprints.ofMessage("shop", "order alice failed", APP + "Orders", "submit"),
                Fingerprints.ofMessage("shop", "order bob failed", APP + "Orders", "submit"), "words without digits are the template's own");
    }

    @Test
    void errorCodeIsTheGroupWhateverTheException() {
        assertEquals(Fingerprints.ofCode("witness_api_invalid_response_box7"), Fingerprints.ofCode("witness_api_invalid_response_box7"));
        assertNotEquals(Fingerprints.ofCode("witness_api_invalid_response_box7"), Fingerprints.ofCode("witness_api_invalid_response_box8"));
    }

    static StackTraceElement frame(String className, String method, int line) {
        return new StackTraceElement(className, method, null, line);
    }

    static <T extends Throwable> T thrown(T t, StackTraceElement... frames) {
        t.setStackTrace(frames);
        return t;
    }

    /** A throw reached through {@code depth} recursive calls of {@code walk}, called from {@code main}. */
    private static IllegalStateException recursion(String... methods) {
        IllegalStateException e = new IllegalStateException("bad node");
        StackTraceElement[] frames = new StackTraceElement[methods.length];
        for (int i = 0; i < methods.length; i++) {
            frames[i] = new StackTraceElement(APP + "Tree", methods[i], "Tree.java", 5 + i);
        }
        e.setStackTrace(frames);
        return e;
    }

    /** A trial: one throw reached at recursion depths 0 to 6 made four groups (version 2). */
    @Test
    void theDepthOfARecursionMakesNoNewGroup() {
        String shallow = fingerprint(recursion("walk", "main"));
        assertEquals(shallow, fingerprint(recursion("walk", "walk", "walk", "walk", "walk", "walk", "walk", "main")));
        assertEquals(fingerprint(recursion("odd", "even", "odd", "main")), fingerprint(recursion("odd", "even", "odd", "even", "odd", "even", "main")),
                "a mutual recursion too");
        assertNotEquals(shallow, fingerprint(recursion("walk", "visit", "main")), "another path is another group");
    }

    /** Version 3's changes are migrated: an occurrence names its version-2 group when that differs. */
    @Test
    void aRecursionsVersionTwoGroupIsNamedForItsMigration() {
        ExceptionChain deep = ExceptionChain.of(recursion("walk", "walk", "walk", "walk", "walk", "walk", "main"), 16);
        String v2 = Fingerprints.previousVersion(null, deep, null, inApp);
        assertNotEquals(Fingerprints.ofException(deep, inApp), v2);
        ExceptionChain plain = ExceptionChain.of(recursion("walk", "visit", "main"), 16);
        assertEquals(Fingerprints.ofException(plain, inApp), Fingerprints.previousVersion(null, plain, null, inApp),
                "no recursion: the same group in both versions, nothing to migrate");
    }

    /** A static initializer that fails: its first use throws ExceptionInInitializerError, every later one NoClassDefFoundError. */
    static final class BrokenConfig {
        static final int PORT = Integer.parseInt(System.getProperty("faultline.test.no-such-port", "not-a-port"));
    }

    private static Throwable useBrokenConfig() {
        try {
            return BrokenConfig.PORT > 0 ? null : null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** A trial: one broken initializer made two groups (version 3), its first failure and its later uses. */
    @Test
    void aFailedStaticInitializersFirstFailureAndItsLaterUsesAreOneGroup() {
        Throwable first = useBrokenConfig();
        Throwable later = useBrokenConfig();
        Throwable again = useBrokenConfig();
        assertEquals(ExceptionInInitializerError.class, first.getClass());
        assertEquals(NumberFormatException.class, first.getCause().getClass());
        assertEquals(NoClassDefFoundError.class, later.getClass());
        assertEquals(ExceptionInInitializerError.class, later.getCause().getClass(), "JDK 17+: the JVM's copy of the original");
        assertEquals(fingerprint(first), fingerprint(later));
        assertEquals(fingerprint(first), fingerprint(again));
        assertNotEquals(fingerprint(first), fingerprint(new ExceptionInInitializerError(new NumberFormatException("x"))),
                "another place is another group");
        ExceptionChain laterChain = ExceptionChain.of(later, 16);
        String v3 = Fingerprints.previousVersion(null, laterChain, null, inApp);
        assertNotEquals(Fingerprints.ofException(laterChain, inApp), v3, "version 3's group of the later uses is named for its migration");
        ExceptionChain firstChain = ExceptionChain.of(first, 16);
        assertEquals(Fingerprints.ofException(firstChain, inApp), Fingerprints.previousVersion(null, firstChain, null, inApp),
                "the first failure's group is the same in both versions");
    }

    @Test
    void onlyTheJvmsCopyOfAnInitializersExceptionIsReadAsItsType() {
        assertEquals("java.lang.NumberFormatException", Fingerprints.initializerFailure(
                "Exception java.lang.NumberFormatException: For input string: \"x\" [in thread \"main\"]"));
        assertEquals("com.acme.Boom$1", Fingerprints.initializerFailure("Exception com.acme.Boom$1 [in thread \"pool-1\"]"));
        assertNull(Fingerprints.initializerFailure("boom"));
        assertNull(Fingerprints.initializerFailure(null));
        assertNull(Fingerprints.initializerFailure("Exception  [in thread \"main\"]"));
    }
}
