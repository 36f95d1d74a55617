package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * One broken static initializer (com.example.init.BrokenInitApp) used three times on JDK 17: the
 * ExceptionInInitializerError of the first use and the NoClassDefFoundError of the later ones are
 * one bug, one group, counted three times.
 */
class BrokenInitializerTest {
    @Test
    void theFirstFailureAndTheLaterUsesOfTheClassAreOneGroup() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.init.BrokenInitApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "broken-init").set("app-packages", "com.example")
                .run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("broken init: done"), run.output());
        List<Document> errors = stored.await(stored.errors(), new Document(), 3);
        assertEquals(3, errors.size());
        int clinit = SourceMarkers.line("com/example/init/BrokenInitApp.java", "broken-clinit");
        Set<String> types = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (Document d : errors) {
            types.add(d.get("exception", Document.class).getString("type"));
            fingerprints.add(d.getString("fingerprint"));
            assertEquals(clinit, d.getInteger("line"), "each points at the initializer's line: " + d.toJson());
        }
        assertEquals(Set.of("java.lang.ExceptionInInitializerError", "java.lang.NoClassDefFoundError"), types);
        assertEquals(1, fingerprints.size(), "one group: " + errors);
        Document group = GroupingTest.awaitGroup(stored, new Document("_id", fingerprints.iterator().next()), 3);
        assertEquals("java.lang.NumberFormatException", group.getString("exception_type"), group.toJson());
    }
}
