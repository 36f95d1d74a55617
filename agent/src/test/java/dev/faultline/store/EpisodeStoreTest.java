package dev.faultline.store;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.faultline.codes.CodeUpdates;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opening of an error-code episode shared by the JVMs of a source, against the in-process
 * MongoDB server over the wire, with the agent's indexes (the unique sparse {@code open_key}).
 */
class EpisodeStoreTest {
    private static final String KEY = "k-api_down";
    private MongoServer server;
    private MongoStore store;
    private MongoClient reader;
    private MongoCollection<Document> codes;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        store = new MongoStore(uri, "episodes", new Health());
        store.ensureIndexes(null);
        reader = MongoClients.create(uri);
        codes = reader.getDatabase("episodes").getCollection("error_codes");
    }

    @AfterEach
    void stop() {
        reader.close();
        store.close();
        server.shutdownNow();
    }

    private static Document opening(String id) {
        return new Document("$setOnInsert", new Document("_id", id).append("code", "api_down").append("active", true))
                .append("$inc", new Document("occurrences", 1L));
    }

    @Test
    void manyJvmsOpeningACodeAtOnceMakeOneEpisode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Document>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "jvm-" + i;
                opened.add(pool.submit((Callable<Document>) () -> store.openEpisode(KEY, opening(id))));
            }
            Object first = opened.get(0).get().get("_id");
            for (Future<Document> f : opened) {
                assertEquals(first, f.get().get("_id"), "each JVM found the one episode");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, codes.countDocuments());
        assertEquals(8L, codes.find().first().get("occurrences"));
    }

    @Test
    void anEpisodeAnOlderAgentClearedByIdLeavesItsKeyToTheNextOne() {
        // An agent before open keys clears by id: active false, the key still there.
        codes.insertOne(new Document("_id", "old").append("code", "api_down").append(CodeUpdates.OPEN_KEY, KEY).append("active", false));
        Document opened = store.openEpisode(KEY, opening("new"));
        assertEquals("new", opened.get("_id"));
        assertEquals(true, opened.get("active"));
        assertNull(codes.find(eq("_id", "old")).first().get(CodeUpdates.OPEN_KEY), "the ended episode's key taken");
        assertEquals(2, codes.countDocuments());
    }

    @Test
    void aSpooledOpeningReplayedOverAnEndedEpisodeHoldingTheKeyOpensANewOne() {
        codes.insertOne(new Document("_id", "old").append("code", "api_down").append(CodeUpdates.OPEN_KEY, KEY).append("active", false));
        Document filter = CodeUpdates.keyFilter(KEY).append("applied_spool_ids", new Document("$ne", "r/0"));
        Document update = opening("spooled").append("$push", new Document("applied_spool_ids", "r/0"));
        assertTrue(store.applyOnce("error_codes", filter, update, true));
        assertEquals(true, codes.find(eq("_id", "spooled")).first().get("active"));
        assertTrue(!store.applyOnce("error_codes", filter, update, true), "once");
        assertEquals(1L, codes.find(eq("_id", "spooled")).first().get("occurrences"));
    }
}
