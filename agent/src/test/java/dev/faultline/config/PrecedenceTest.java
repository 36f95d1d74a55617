package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** System property > environment variable > agent argument > properties file > default. */
class PrecedenceTest {
    @TempDir
    Path dir;

    private Setup allFour() {
        return Setup.with().file(dir, "queue.size=4")
                .args("queue.size=3")
                .env("FAULTLINE_QUEUE_SIZE", "2")
                .property("queue.size", "1");
    }

    @Test
    void systemPropertyWinsOverEverythingElse() {
        assertEquals(1, allFour().load().queueSize());
    }

    @Test
    void environmentVariableWinsOverAgentArgumentFileAndDefault() {
        Setup s = Setup.with().file(dir, "queue.size=4").args("queue.size=3").env("FAULTLINE_QUEUE_SIZE", "2");
        assertEquals(2, s.load().queueSize());
    }

    @Test
    void agentArgumentWinsOverFileAndDefault() {
        assertEquals(3, Setup.with().file(dir, "queue.size=4").args("queue.size=3").load().queueSize());
    }

    @Test
    void propertiesFileWinsOverDefault() {
        assertEquals(4, Setup.with().file(dir, "queue.size=4").load().queueSize());
    }

    @Test
    void defaultAppliesWhenNothingSetsTheKey() {
        assertEquals(8192, Setup.with().load().queueSize());
    }

    @Test
    void eachKeyIsResolvedOnItsOwn() {
        Config c = Setup.with().file(dir, "batch.size=40", "queue.size=400")
                .args("flush.interval=3s")
                .env("FAULTLINE_QUEUE_SIZE", "200")
                .property("service", "billing").load();
        assertEquals(40, c.batchSize());
        assertEquals(200, c.queueSize());
        assertEquals(Duration.ofSeconds(3), c.flushInterval());
        assertEquals("billing", c.service());
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
        Config c = Setup.with()
                .env("FAULTLINE_CONTEXT_JOB_ID_KEYS", "run,batch")
                .env("FAULTLINE_MONGO_URI", "mongodb://db1:27017")
                .env("FAULTLINE_MAX_MESSAGE_LENGTH", "100")
                .env("FAULTLINE_SERVER_ID", "srv-7").load();
        assertEquals(List.of("run", "batch"), c.jobIdKeys());
        assertEquals("mongodb://db1:27017", c.mongoUri());
        assertEquals(100, c.maxMessageLength());
        assertEquals("srv-7", c.serverId());
    }

    @Test
    void environmentVariableInLowerCaseIsNotOurs() {
        assertEquals(8192, Setup.with().env("faultline_queue_size", "5").load().queueSize());
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariable() {
        long distinct = Keys.DEFAULTS.keySet().stream().map(Keys::environmentName).distinct().count();
        assertEquals(Keys.DEFAULTS.size(), distinct);
        assertEquals("FAULTLINE_SPOOL_MAX_SIZE", Keys.environmentName("spool.max-size"));
        assertEquals("FAULTLINE_CAPTURE_LOGBACK", Keys.environmentName("capture.logback"));
    }

    @Test
    void propertiesFileMayWriteKeysWithOrWithoutThePrefix() {
        Config c = Setup.with().file(dir, "faultline.service=with-prefix", "environment=staging").load();
        assertEquals("with-prefix", c.service());
        assertEquals("staging", c.environment());
    }

    @Test
    void propertiesFileCanBeNamedByAnEnvironmentVariableOrAgentArgument() throws Exception {
        Path file = dir.resolve("other.properties");
        java.nio.file.Files.writeString(file, "release=1.2.3\n");
        assertEquals("1.2.3", Setup.with().env("FAULTLINE_CONFIG_FILE", file.toString()).load().release());
        assertEquals("1.2.3", Setup.with().args("config.file=" + file).load().release());
    }

    @Test
    void propertiesFileCanSwitchStrictOn() {
        ConfigException e = Setup.with().file(dir, "strict=true", "queue.size=0").failure();
        assertTrue(e.strict());
    }

    @Test
    void strictFromAHigherSourceWinsOverTheFile() {
        ConfigException e = Setup.with().file(dir, "strict=true", "queue.size=0").property("strict", "false").failure();
        assertEquals(false, e.strict());
    }

    @Test
    void anExplicitlyEmptyValueIsAValueNotAFallThrough() {
        // -Dfaultline.app-packages= clears a list set lower down.
        Config c = Setup.with().file(dir, "app-packages=com.acme").property("app-packages", "").load();
        assertEquals(List.of(), c.appPackages());
    }

    @Test
    void badValueMessageSaysWhichSourceHeldIt() {
        assertTrue(Setup.with().property("queue.size", "x").failure().getMessage().contains("(system property faultline.queue.size)"));
        assertTrue(Setup.with().env("FAULTLINE_QUEUE_SIZE", "x").failure().getMessage().contains("(environment variable FAULTLINE_QUEUE_SIZE)"));
        assertTrue(Setup.with().args("queue.size=x").failure().getMessage().contains("(agent argument queue.size)"));
        String fromFile = Setup.with().file(dir, "queue.size=x").failure().getMessage();
        assertTrue(fromFile.contains("(file " + dir.resolve("faultline.properties") + ")"), fromFile);
    }

    @Test
    void badValueLowerDownIsIgnoredWhenAHigherSourceOverridesIt() {
        assertEquals(5, Setup.with().file(dir, "queue.size=lots").property("queue.size", "5").load().queueSize());
    }
}
