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
 * The call site of errors without a throwable (com.example.sites.SitesApp): one logger and one
 * template logged from several places are told apart, at any depth, also once a template's site
 * is remembered (intake.CallSiteCache).
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
        stored.await(stored.errors(), new Document(), 4 + 90 + 30);
        errors = stored.errors().find(eq("message_template", "stock check failed for {}")).into(new java.util.ArrayList<>());
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

    @Test
    void aTemplateRememberedAtOneSiteIsToldApartFromASecondSiteWithinSixteenCalls() {
        int pay = SourceMarkers.line(SOURCE, "pay");
        int refund = SourceMarkers.line(SOURCE, "refund");
        List<Document> payments = stored.errors().find(eq("message_template", "payment failed for {}")).into(new java.util.ArrayList<>());
        assertEquals(90, payments.size());
        int misplaced = 0;
        for (Document d : payments) {
            String message = d.getString("message");
            int line = d.getInteger("line");
            if (message.startsWith("payment failed for pay-")) {
                assertEquals(pay, line, message + " is always at its own line");
            } else if (line != refund) {
                assertEquals(pay, line, message + ": at the remembered site or its own, nowhere else");
                int k = Integer.parseInt(message.substring("payment failed for refund-".length()));
                assertTrue(k < 16, message + ": only calls before the recheck found the second site");
                misplaced++;
            }
        }
        assertTrue(misplaced < 16, misplaced + " refunds at the first site");
        assertEquals(2, payments.stream().filter(d -> d.getInteger("line") == refund || d.getString("message").contains("pay-"))
                .map(d -> d.getString("fingerprint")).distinct().count(), "one group per site");
    }

    @Test
    void aRememberedSiteOneHundredTwentyFramesDeepIsStoredAtItsLineEveryTime() {
        List<Document> ledger = stored.errors().find(eq("message_template", "ledger write failed for {}")).into(new java.util.ArrayList<>());
        assertEquals(30, ledger.size());
        for (Document d : ledger) {
            assertEquals("ledger", d.getString("function"));
            assertEquals(SourceMarkers.line(SOURCE, "ledger"), d.getInteger("line"), d.getString("message"));
        }
    }

    private Document only(String message) {
        List<Document> found = stored.errors().find(eq("message", message)).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), message + " in " + errors);
        return found.get(0);
    }
}
