package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's {@code agent_health} document is replaced only by a later report of the run (its
 * {@code report_seq}), through a real MongoDB wire connection: a write given up at exit that
 * MongoDB applies after the last report, or a report replayed from a spool, is not taken.
 */
class HealthWriteTest {
    private MongoServer server;
    private MongoStore store;
    private MongoClient reader;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        store = new MongoStore(uri, "health", new Health());
        reader = MongoClients.create(uri);
    }

    @AfterEach
    void stop() {
        reader.close();
        store.close();
        server.shutdownNow();
    }

    private static Document report(long seq, String state) {
        return new Document("_id", "run-1").append("report_seq", seq).append("mongo_state", state);
    }

    private Document stored() {
        return reader.getDatabase("health").getCollection(Collections.AGENT_HEALTH).find().first();
    }

    @Test
    void eachLaterReportReplacesTheOneBefore() {
        store.writeHealth(report(1, "connecting"));
        store.writeHealth(report(2, "connected"));
        assertEquals("connected", stored().getString("mongo_state"));
        assertEquals(2L, stored().getLong("report_seq"));
    }

    @Test
    void anEarlierReportArrivingAfterALaterOneIsNotTaken() {
        store.writeHealth(report(5, "connected").append("ended_at", new java.util.Date()));
        store.writeHealth(report(4, "unreachable"));
        store.writeHealth(report(5, "again"));
        Document kept = stored();
        assertEquals("connected", kept.getString("mongo_state"));
        assertEquals(5L, kept.getLong("report_seq"));
        assertEquals(true, kept.containsKey("ended_at"), kept.toJson());
    }

    @Test
    void aReportWithoutASequenceAnEarlierAgentSpooledReplacesAsBefore() {
        store.writeHealth(new Document("_id", "run-1").append("mongo_state", "connecting"));
        store.writeHealth(new Document("_id", "run-1").append("mongo_state", "connected"));
        assertEquals("connected", stored().getString("mongo_state"));
    }
}
