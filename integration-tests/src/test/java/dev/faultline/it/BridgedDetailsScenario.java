package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errors logged through a bridge into one backend (com.example.bridges.BridgedDetailsApp: three
 * JUL calls, three Log4j2 API calls with one template and a commons-logging call, with an MDC set
 * through SLF4J): each stored once, at the application's line, with the template of the API the
 * application called, one group per template, and the MDC the application set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BridgedDetailsScenario {
    private static final String APP = "com/example/bridges/BridgedDetailsApp.java";
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;

    abstract String libs();

    /** The app's argument: which backend and JUL set-up. */
    abstract String[] appArgs();

    /** JVM options, e.g. JUL's LogManager. */
    String[] jvmOptions() {
        return new String[0];
    }

    @BeforeAll
    void runTheApp() throws Exception {
        AgentJvm jvm = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.bridges.BridgedDetailsApp").libs(libs())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "bridged-details").set("app-packages", "com.example")
                .args(appArgs());
        for (String option : jvmOptions()) {
            jvm.jvmOption(option);
        }
        run = jvm.run();
        stored.await(stored.errors(), new Document(), 7);
    }

    @Test
    void eachCallIsStoredOnce() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("bridged details: done"), run.output());
        assertEquals(7, stored.errors().countDocuments(), all());
        for (String user : List.of("alice", "bob", "carol")) {
            assertEquals(1, stored.errors().countDocuments(eq("message", "export for " + user + " failed")), all());
            assertEquals(1, stored.errors().countDocuments(eq("message", "user " + user + " not found")), all());
        }
        assertEquals(1, stored.errors().countDocuments(eq("message", "commons-logging export failed")), all());
    }

    @Test
    void aJulCallBridgedToTheBackendCarriesTheMdcItsTemplateAndItsLine() {
        assertCalls("export for {0} failed", "bridged-jul");
    }

    @Test
    void aLog4j2ApiCallBridgedToTheBackendKeepsItsTemplateAndIsOneGroup() {
        assertCalls("user {} not found", "bridged-log4j2");
    }

    @Test
    void aCommonsLoggingCallCarriesTheMdcAndItsLine() {
        assertCalls("commons-logging export failed", "bridged-jcl");
    }

    private void assertCalls(String template, String marker) {
        List<Document> found = stored.errors().find(eq("message_template", template)).into(new ArrayList<>());
        assertTrue(!found.isEmpty(), template + " in " + all());
        Set<String> groups = new HashSet<>();
        for (Document d : found) {
            assertEquals("J-42", d.get("context", Document.class) == null ? null
                    : d.get("context", Document.class).getString("job_id"), "the MDC: " + d.toJson());
            assertEquals("com.example.bridges.BridgedDetailsApp", d.getString("class"), d.toJson());
            assertEquals("main", d.getString("function"), d.toJson());
            assertEquals(SourceMarkers.line(APP, marker), d.getInteger("line"), d.toJson());
            groups.add(d.getString("fingerprint"));
        }
        assertEquals(1, groups.size(), "one group for one template: " + found);
    }

    private String all() {
        List<String> lines = new ArrayList<>();
        for (Document d : stored.errors().find()) {
            lines.add(d.getString("source") + " [" + d.getString("message_template") + "] " + d.get("context"));
        }
        return lines.toString();
    }
}
