package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The in-process MongoDB each benchmark JVM starts on the port {@link Compare} chose, so the
 * agent's writer really drains its queue while the application thread is measured.
 */
final class BenchMongo {
    private BenchMongo() {
    }

    static MongoServer start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.getInteger("bench.mongo.port", 27999));
        return server;
    }
}
