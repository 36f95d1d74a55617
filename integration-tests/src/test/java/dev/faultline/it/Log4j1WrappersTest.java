package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A helper around Log4j 1.2 that hands Log4j its FQCN (com.example.log4j1.Log4j1WrappersApp): each
 * error is stored at its caller's line, as Log4j's own location says, and the two callers are two
 * groups; before, the helper was the call site of both, one group.
 */
class Log4j1WrappersTest {
    private static final String APP = "com/example/log4j1/Log4j1WrappersApp.java";

    @Test
    void aHelperHandingLog4j1ItsFqcnIsStoredAtEachCallersLine() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.log4j1.Log4j1WrappersApp").libs("log4j1")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "log4j1-wrappers").set("app-packages", "com.example")
                .run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("log4j1 wrappers: done"), run.output());
        stored.await(stored.errors(), new Document(), 2);
        Document billing = stored.errors().find(eq("message", "audit of invoice 7 failed")).first();
        Document shipping = stored.errors().find(eq("message", "audit of parcel 9 failed")).first();
        for (List<Object> expected : List.of(List.<Object>of(billing, "billing", "log4j1-billing"),
                List.<Object>of(shipping, "shipping", "log4j1-shipping"))) {
            Document d = (Document) expected.get(0);
            assertEquals("com.example.log4j1.Log4j1WrappersApp", d.getString("class"), d.toJson());
            assertEquals(expected.get(1), d.getString("function"), d.toJson());
            assertEquals(SourceMarkers.line(APP, (String) expected.get(2)), d.getInteger("line"), d.toJson());
        }
        assertNotEquals(billing.getString("fingerprint"), shipping.getString("fingerprint"), "two callers, two groups");
    }
}
