package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * JUL with a resource bundle (com.example.jul.BundleApp): the stored message is what the
 * application's console handler printed, and message_template the bundle's pattern, on JDK 17 and 25.
 */
class JulBundleTest {
    /** Message as printed -> message_template. */
    private static final Map<String, String> EXPECTED = Map.of(
            "Database orders-db is down", "Database {0} is down",
            "Database stock-db answers in 900 ms", "Database {0} answers in {1} ms",
            "Database has no parameters", "Database has no parameters",
            "db.gone users-db", "db.gone {0}",
            "db.down", "db.down",
            "Database audit-db is down without a bundle", "Database {0} is down without a bundle");

    @Test
    void storesTheLocalisedMessageAsTheConsolePrintsItOnJdk17() throws Exception {
        assertStoredAsPrinted(AgentJvm.Jdk.JDK17);
    }

    @Test
    void storesTheLocalisedMessageAsTheConsolePrintsItOnJdk25() throws Exception {
        assertStoredAsPrinted(AgentJvm.Jdk.JDK25);
    }

    private static void assertStoredAsPrinted(AgentJvm.Jdk jdk) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(jdk, "com.example.jul.BundleApp")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "bundles").run();
        assertEquals(0, run.exit(), run.output());
        List<String> printed = run.stderr().lines().filter(l -> l.startsWith("SEVERE: "))
                .map(l -> l.substring("SEVERE: ".length())).toList();
        assertEquals(EXPECTED.keySet().stream().sorted().toList(), printed.stream().sorted().toList(),
                "the app's own console output: " + run.stderr());
        List<Document> errors = stored.all();
        Map<String, String> templateByMessage = errors.stream().collect(Collectors.toMap(
                d -> d.getString("message"), d -> d.getString("message_template"), (a, b) -> a + " and " + b, TreeMap::new));
        assertEquals(new TreeMap<>(EXPECTED), templateByMessage,
                "one record per SEVERE, as printed; the WARNING is below capture.level: " + errors);
        Document last = errors.stream().filter(d -> d.getString("message").endsWith("without a bundle")).findFirst().orElseThrow();
        List<Document> crumbs = last.getList("breadcrumbs", Document.class);
        Document warning = crumbs.get(crumbs.size() - 1);
        assertEquals("WARNING", warning.getString("severity"), last.toJson());
        assertEquals("Database not-an-error-db is down", warning.getString("message"),
                "a breadcrumb of a bundle's key shows the bundle's pattern, formatted: " + last.toJson());
        assertEquals(true, crumbs.stream().anyMatch(c -> "Database orders-db is down".equals(c.getString("message"))),
                "the earlier errors before it, as stored: " + last.toJson());
    }
}
