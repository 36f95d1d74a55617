package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The README's first command, {@code ./demo --no-console}, as a newcomer runs it: every capture path lands. */
class DemoTest {
    @Test
    void demoStoresEveryCapturePathAnEpisodeAndOneGroupForTheBurstAndEnds() throws Exception {
        Stored stored = Stored.fresh();
        Path root = AgentJvm.examplesDir().toAbsolutePath().getParent();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        String classPath = "examples/target/classes" + File.pathSeparator + "examples/target/lib/*";
        Path out = Files.createTempFile("faultline-demo", ".out");
        // Spools of its own, as AgentJvm gives each child: one an earlier run left would be stored into this database.
        Path spools = AgentJvm.freshSpoolDir();
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Ddemo.database=" + stored.database, "-Ddemo.spool-dir=" + spools, "-cp", classPath,
                "com.example.demo.Demo", "--no-console").directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("FAULTLINE_MONGO_URI", MongoSource.get().uri);
        Process p = pb.start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the demo did not end with --no-console: " + output);
        assertEquals(0, p.exitValue(), output);
        AgentInvariants.ranJvm("com.example.demo.Demo", output);
        assertFalse(output.contains("exited with"), "every app ended as expected: " + output);

        MongoDatabase db = MongoSource.get().client().getDatabase(stored.database);
        Set<String> sources = new TreeSet<>();
        for (Document d : db.getCollection("app_errors").aggregate(List.of(new Document("$group", new Document("_id", "$source"))))) {
            sources.add(d.getString("_id"));
        }
        assertEquals(new TreeSet<>(List.of("executor", "http", "jul", "log4j1", "log4j2", "logback", "uncaught")), sources, output);
        Document burst = db.getCollection("error_groups").find(eq("app", "grouping")).first();
        assertEquals(500L, ((Number) burst.get("count")).longValue(), "the burst is one group counted exactly");
        Document episode = db.getCollection("error_codes").find(eq("code", "witness_api_down_demo")).first();
        assertEquals(false, episode.getBoolean("active"));
        assertEquals(3L, ((Number) episode.get("occurrences")).longValue(), "one alert, two suppressed, then cleared");
        assertTrue(output.contains("== groups in error_groups"), output);
    }
}
