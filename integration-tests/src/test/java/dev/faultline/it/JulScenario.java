package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JUL example app (com.example.jul.JulApp), no logging library on the class path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JulScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.jul.JulApp")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "inventory").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 2);
    }

    @Test
    void appRunsToTheEndWithItsOwnOutput() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("jul: done"), run.output());
        assertTrue(run.stderr().contains("SEVERE: cannot load stock of north"), run.output());
    }

    @Test
    void storesOnlyTheSevereRecords() {
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(0, stored.errors().countDocuments(eq("message", "stock file is old")));
    }

    @Test
    void storesTheSevereRecordWithItsThrowableAtTheInAppFrame() {
        Document d = stored.errors().find(eq("message", "cannot load stock of north")).first();
        assertEquals("jul", d.getString("source"));
        assertEquals("ERROR", d.getString("severity"));
        assertEquals("com.example.jul.Inventory", d.getString("logger"));
        assertEquals("jul", d.getString("app"));
        assertEquals("com/example/jul/Inventory.java", d.getString("file"));
        assertEquals("parse", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/jul/Inventory.java", "jul-root-cause"), d.getInteger("line"));
        Document exception = d.get("exception", Document.class);
        assertEquals("java.lang.NumberFormatException", exception.getString("type"));
        assertEquals("For input string: \"seven\"", exception.getString("message"));
        Document top = exception.getList("frames", Document.class).get(0);
        assertEquals(false, top.getBoolean("in_app"), "the JDK's own frame is not in-app");
        assertTrue(d.get("data", Document.class).getString("trace").startsWith("java.lang.NumberFormatException: For input string: \"seven\""));
        assertEquals("inventory", d.getString("service"));
    }

    @Test
    void formatsMessageFormatParametersAndUsesTheCallSite() {
        Document d = stored.errors().find(eq("message_template", "{0} items missing in {1}")).first();
        assertEquals("4 items missing in north", d.getString("message"));
        assertEquals("load", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/jul/Inventory.java", "jul-params"), d.getInteger("line"));
        assertNull(d.get("exception"));
    }
}
