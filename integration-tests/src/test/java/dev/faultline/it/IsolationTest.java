package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The agent's libraries stay out of the application's way, and the jar is laid out for that. */
class IsolationTest {
    @Test
    void appWithItsOwnOlderMongoDriverAndJacksonRunsUnaffected() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.conflict.ConflictApp").libs("conflict")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("mongodb driver from mongodb-driver-sync-4.11.5.jar"), run.stdout());
        assertTrue(run.stdout().contains("jackson-core 2.12.7 from jackson-core-2.12.7.jar"), run.stdout());
        assertTrue(run.stdout().contains("json {\"status\":\"ok\"}"), run.stdout());
        assertTrue(run.stdout().contains("hidden: dev.faultline.core.AgentStarter"), run.stdout());
        assertTrue(run.stdout().contains("hidden: dev.faultline.shaded.com.mongodb.client.MongoClient"), run.stdout());
        assertTrue(run.stdout().contains("hidden: dev.faultline.shaded.net.bytebuddy.ByteBuddy"), run.stdout());
        assertTrue(run.stdout().contains("conflict: done"), run.stdout());

        List<Document> found = stored.await(stored.errors(), eq("message", "conflict app failed on purpose"), 1);
        assertEquals(1, found.size());
        assertEquals("java.lang.UnsupportedOperationException", found.get(0).get("exception", Document.class).getString("type"));
        assertEquals(SourceMarkers.line("com/example/conflict/ConflictApp.java", "conflict"), found.get(0).getInteger("line"));
    }

    @Test
    void agentJarShowsOnlyTheLauncherAndTheBridgeAsClasses() throws Exception {
        List<String> visible = new ArrayList<>();
        int hidden = 0;
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.faultline.agent.FaultlineAgent", manifest.getValue("Premain-Class"));
            assertEquals("dev.faultline.agent.FaultlineAgent", manifest.getValue("Agent-Class"));
            assertEquals("dev.faultline.agent.FaultlineAgent", manifest.getValue("Main-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    visible.add(name);
                }
                if (name.startsWith("inst/") && name.endsWith(".classdata")) {
                    hidden++;
                }
                for (String foreign : List.of("com/mongodb/", "org/bson/", "net/bytebuddy/", "com/fasterxml/", "org/slf4j/")) {
                    assertTrue(!name.startsWith(foreign), "top-level " + name);
                }
            }
        }
        for (String name : visible) {
            assertTrue(name.startsWith("dev/faultline/bootstrap/") || name.startsWith("dev/faultline/agent/FaultlineAgent")
                    || name.startsWith("dev/faultline/agent/AgentClassLoader"), "visible class " + name);
        }
        assertTrue(hidden > 1000, "relocated libraries are hidden under inst/: " + hidden);
    }
}
