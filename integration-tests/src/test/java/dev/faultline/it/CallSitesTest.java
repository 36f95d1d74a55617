package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The call site of errors without a throwable, found on the application thread by a walk of the
 * frames above the application's call (com.example.sites.SitesApp): one logger and one template
 * logged from several places are told apart, at any depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallSitesTest {
    private static final String SOURCE = "com/example/sites/SitesApp.java";
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.sites.SitesApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "sites").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 4);
    }

    @Test
    void appRunsToTheEndAndOnlyItsErrorsAreStored() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("sites: done"), run.output());
        assertEquals(4, errors.size(), errors.toString());
        for (Document d : errors) {
            assertEquals("ERROR", d.getString("severity"), "the same template at WARN is not stored");
            assertEquals("stock check failed for {}", d.getString("message_template"));
        }
    }

    @Test
    void oneTemplateFromTwoMethodsIsStoredAtEachMethodsLine() {
        Document restock = only("stock check failed for sku-1");
        assertEquals("restock", restock.getString("function"));
        assertEquals("com.example.sites.SitesApp", restock.getString("class"));
        assertEquals(SourceMarkers.line(SOURCE, "restock"), restock.getInteger("line"));
        for (String sku : List.of("sku-2", "sku-3")) {
            Document audit = only("stock check failed for " + sku);
            assertEquals("audit", audit.getString("function"));
            assertEquals(SourceMarkers.line(SOURCE, "audit"), audit.getInteger("line"));
        }
    }

    @Test
    void aCallOneHundredTwentyFramesDeepIsStoredAtItsLine() {
        Document deep = only("stock check failed for sku-4");
        assertEquals("deep", deep.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "deep"), deep.getInteger("line"));
    }

    @Test
    void eachCallSiteIsItsOwnGroupAndRepeatsOfOneSiteShareTheirs() {
        Map<String, Integer> perFunction = new TreeMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (Document d : errors) {
            perFunction.merge(d.getString("function"), 1, Integer::sum);
            String previous = fingerprints.put(d.getString("function"), d.getString("fingerprint"));
            assertTrue(previous == null || previous.equals(d.getString("fingerprint")), "one site, one fingerprint");
        }
        assertEquals(Map.of("audit", 2, "deep", 1, "restock", 1), perFunction);
        assertEquals(3, fingerprints.values().stream().distinct().count(), fingerprints.toString());
    }

    private Document only(String message) {
        List<Document> found = stored.errors().find(eq("message", message)).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), message + " in " + errors);
        return found.get(0);
    }
}
