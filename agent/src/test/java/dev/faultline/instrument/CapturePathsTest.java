package dev.faultline.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.config.Config;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of capture paths, and what is derived from it. */
class CapturePathsTest {
    @Test
    void theSevenPathsOfTheContractInReferenceOrder() {
        assertEquals(List.of("logback", "log4j2", "jul", "log4j1", "uncaught", "executor", "http"), CapturePaths.names());
    }

    @Test
    void everyTargetIsAnInstrumentationOfTheAgent() throws Exception {
        for (String path : CapturePaths.names()) {
            Map<String, String> targets = new HashMap<>();
            CapturePaths.targetsOf(path, targets);
            assertFalse(targets.isEmpty(), path);
            for (Map.Entry<String, String> t : targets.entrySet()) {
                assertFalse(t.getKey().contains("."), "internal name expected: " + t.getKey());
                Class<?> c = Class.forName(t.getValue(), false, getClass().getClassLoader());
                assertTrue(TypeInstrumentation.class.isAssignableFrom(c) || ClassRewriter.class.isAssignableFrom(c),
                        t.getValue());
            }
        }
    }

    @Test
    void onlyTheTargetsOfSwitchedOnPathsAreWoven() throws Exception {
        Map<String, String> all = Targets.enabled(Config.fromMap(Map.of()));
        assertEquals("dev.faultline.instrument.logback.LogbackInstrumentation", all.get("ch/qos/logback/classic/Logger"));
        assertEquals(15, all.size(), all.toString());
        Map<String, String> noHttp = Targets.enabled(Config.fromMap(Map.of("capture.http", "false")));
        assertFalse(noHttp.containsKey("javax/servlet/http/HttpServlet"));
        assertFalse(noHttp.containsKey("com/sun/net/httpserver/Filter$Chain"));
        assertEquals(11, noHttp.size(), noHttp.toString());
    }

    @Test
    void anUnknownPathIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapturePaths.targetsOf("jdbc", new HashMap<>()));
        assertTrue(e.getMessage().contains("jdbc"), e.getMessage());
    }

    @Test
    void frameworkPackagesAreWholePackagePrefixesOfEveryLoggingFrameworkAndFacade() {
        List<String> packages = CapturePaths.frameworkPackages();
        for (String p : packages) {
            assertTrue(p.endsWith(".") && !p.startsWith("."), p);
        }
        assertTrue(packages.containsAll(List.of("ch.qos.logback.", "org.apache.logging.", "org.apache.log4j.",
                "java.util.logging.", "org.slf4j.", "org.apache.commons.logging.", "org.jboss.logging.")), packages.toString());
    }

    @Test
    void uncaughtExecutorAndHttpAreErrorPathsAndTheLoggingPathsAreNot() {
        for (String path : List.of("uncaught", "executor", "http")) {
            assertTrue(CapturePaths.isErrorPath(path), path);
        }
        for (String path : List.of("logback", "log4j2", "jul", "log4j1", "jdbc")) {
            assertFalse(CapturePaths.isErrorPath(path), path);
        }
        assertFalse(CapturePaths.isErrorPath(null));
    }
}
