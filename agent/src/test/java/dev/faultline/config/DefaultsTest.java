package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With nothing set, every key has the default of DESIGN.md section 3. */
class DefaultsTest {
    private final Config c = Setup.with().jvmProperty("java.io.tmpdir", "/tmp").jvmProperty("sun.java.command", "com.acme.Shop").load();

    @Test
    void agentIsOnAndWritesToLocalMongoDb() {
        assertTrue(c.enabled());
        assertEquals("mongodb://localhost:27017", c.mongoUri());
        assertEquals("faultline", c.mongoDatabase());
    }

    @Test
    void identityFieldsAreEmptyExceptTheServiceName() {
        assertEquals("Shop", c.service());
        assertEquals("", c.environment());
        assertEquals("", c.release());
        assertEquals("", c.serverId());
        assertEquals("", c.nodeName());
    }

    @Test
    void machineDefaultsToTheHostNameAndCanBeNamed() {
        assertEquals(Config.hostName(), c.machine());
        assertFalse(c.machine().isEmpty());
        assertEquals("witness-3", Setup.with().property("machine", " witness-3 ").load().machine());
    }

    @Test
    void captureDefaultsToErrorOnEveryPath() {
        assertEquals(40, c.captureLevel());
        for (String path : List.of("logback", "log4j2", "jul", "log4j1", "uncaught", "executor", "http")) {
            assertTrue(c.capture(path), path);
        }
        assertThrows(IllegalArgumentException.class, () -> c.capture("jdbc"));
        assertFalse(Setup.with().property("capture.jul", "false").load().capture("jul"));
    }

    @Test
    void errorCodeAndContextDefaults() {
        assertEquals(Duration.ofHours(1), c.reAlert());
        assertFalse(c.suppressDuplicateLogs());
        assertEquals(List.of("job_id", "jobId"), c.jobIdKeys());
        assertEquals(List.of("user_id", "userId"), c.userIdKeys());
        assertEquals(List.of(), c.appPackages());
        assertEquals(List.of(), c.logWrappers());
        assertEquals(Map.of(), c.apps());
        assertEquals(List.of("com.acme.Log", "com.acme.logging"),
                Setup.with().property("log-wrappers", "com.acme.Log, com.acme.logging").load().logWrappers());
    }

    @Test
    void writerDefaults() {
        assertEquals(8192, c.queueSize());
        assertEquals(512, c.batchSize());
        assertEquals(Duration.ofMillis(200), c.flushInterval());
        assertEquals(Paths.get("/tmp", "faultline", "Shop"), c.spoolDir());
        assertEquals(256L * 1024 * 1024, c.spoolMaxSize());
        assertNull(c.retention());
        assertEquals(Duration.ofSeconds(5), c.shutdownTimeout());
    }

    @Test
    void capsAndRedactionDefaults() {
        assertEquals(8192, c.maxMessageLength());
        assertEquals(256, c.maxFrames());
        assertEquals(16, c.maxCauses());
        assertEquals(List.of(), c.redactKeys());
        assertEquals(List.of(), c.redactPatterns());
    }

    @Test
    void switchesDefaultOff() {
        assertEquals("", c.notifyWebhook());
        assertFalse(c.strict());
        assertFalse(c.debug());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void spoolDirectoryIsNamedAfterTheServiceMadeSafeForFileNames() {
        Config shop = Setup.with().jvmProperty("java.io.tmpdir", "/tmp").property("service", "shop/api v2").load();
        assertEquals(Paths.get("/tmp", "faultline", "shop_api_v2"), shop.spoolDir());
        assertEquals(Paths.get("/var/spool/fl"), Setup.with().property("spool.dir", "/var/spool/fl").load().spoolDir());
    }

    @ParameterizedTest(name = "sun.java.command \"{0}\" -> service {1}")
    @CsvSource({
        "com.acme.Shop, Shop",
        "com.acme.Shop --port 8080, Shop",
        "/opt/apps/billing.jar, billing",
        "/opt/apps/billing.jar --spring.profiles.active=prod, billing",
        "'/opt/my apps/billing-2.1.jar --x', billing-2.1",
        "billing.jar, billing",
        "acme.shop/com.acme.shop.Main, Main",
        "Hello, Hello",
        "jdk.compiler/com.sun.tools.javac.launcher.Main Foo.java x y, Foo",
        "jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher /opt/tools/Report.java, Report",
        "'', java-app",
        "'   ', java-app",
    })
    void serviceDefaultsToTheJarOrMainClassName(String command, String service) {
        assertEquals(service, Config.defaultService(command));
    }

    @Test
    void serviceDefaultsToJavaAppWithoutACommand() {
        assertEquals("java-app", Config.defaultService(null));
    }
}
