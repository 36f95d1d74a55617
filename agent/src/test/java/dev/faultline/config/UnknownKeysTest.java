package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setting that looks like ours but is not a key: a warning line, with a guess when it is a typo. */
class UnknownKeysTest {
    @TempDir
    Path dir;

    @Test
    void misspelledSystemPropertyIsWarnedAboutWithTheKeyItProbablyMeant() {
        assertEquals(List.of("faultline: ignoring unknown setting system property faultline.queue.sise (did you mean faultline.queue.size?)"),
                Setup.with().property("queue.sise", "5").load().warnings());
    }

    @Test
    void misspelledEnvironmentVariableGetsAGuessInVariableSpelling() {
        assertEquals(List.of("faultline: ignoring unknown setting environment variable FAULTLINE_CONTEXT_JOBID_KEYS"
                        + " (did you mean FAULTLINE_CONTEXT_JOB_ID_KEYS?)"),
                Setup.with().env("FAULTLINE_CONTEXT_JOBID_KEYS", "run").load().warnings());
    }

    @Test
    void misspelledAgentArgumentAndFileKeyAreWarnedAbout() {
        Config c = Setup.with().args("servce=shop").file(dir, "mongo.databse=x").load();
        assertEquals(List.of(
                "faultline: ignoring unknown setting agent argument servce (did you mean service?)",
                "faultline: ignoring unknown setting key mongo.databse in " + dir.resolve("faultline.properties")
                        + " (did you mean mongo.database?)"), c.warnings());
    }

    /** Two trials wrote faultline.app for the service's name and were pointed at apps (package-to-name). */
    @Test
    void aNameOtherAgentsUseGetsOurKeyForIt() {
        assertEquals(List.of("faultline: ignoring unknown setting system property faultline.app (did you mean faultline.service?)"),
                Setup.with().property("app", "shop").load().warnings());
        assertEquals(List.of("faultline: ignoring unknown setting environment variable FAULTLINE_SERVICE_NAME (did you mean FAULTLINE_SERVICE?)"),
                Setup.with().env("FAULTLINE_SERVICE_NAME", "shop").load().warnings());
    }

    @Test
    void unknownKeyFarFromAnyKnownOneGetsNoGuess() {
        assertEquals(List.of("faultline: ignoring unknown setting system property faultline.colour-scheme"),
                Setup.with().property("colour-scheme", "dark").load().warnings());
    }

    @Test
    void unknownKeysDoNotStopTheAgentEvenWhenStrict() {
        Config c = Setup.with().property("strict", "true").property("queue.sise", "5").load();
        assertEquals(1, c.warnings().size());
        assertEquals(true, c.enabled());
    }

    @Test
    void testSuiteVariablesAndOtherPropertiesAreNotOurs() {
        Config c = Setup.with().env("FAULTLINE_IT_MONGO_URI", "mongodb://x").env("HOME", "/root")
                .jvmProperty("java.version", "17").jvmProperty("faultlineish", "1").load();
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void knownKeysGiveNoWarnings() {
        Config c = Setup.with().property("service", "a").env("FAULTLINE_RELEASE", "1").args("environment=prod")
                .file(dir, "faultline.node-name=n1").load();
        assertEquals(List.of(), c.warnings());
    }
}
