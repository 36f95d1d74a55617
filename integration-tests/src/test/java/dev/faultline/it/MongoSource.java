package dev.faultline.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * The MongoDB the tests use, found in the order of DESIGN.md section 6: the URI in
 * FAULTLINE_IT_MONGO_URI; a MongoDB container when a Docker engine is available; else the
 * in-process, wire-compatible mongo-java-server. One per test JVM; says which it used.
 */
final class MongoSource {
    private static MongoSource instance;

    final String uri;
    final String description;
    private final MongoClient client;

    private MongoSource(String uri, String description) {
        this.uri = uri;
        this.description = description;
        this.client = MongoClients.create(uri);
        System.out.println("[faultline-it] MongoDB: " + description);
    }

    static synchronized MongoSource get() {
        if (instance == null) {
            instance = find();
        }
        return instance;
    }

    MongoClient client() {
        return client;
    }

    private static MongoSource find() {
        String configured = System.getenv("FAULTLINE_IT_MONGO_URI");
        if (configured != null && !configured.isBlank()) {
            return new MongoSource(configured, "FAULTLINE_IT_MONGO_URI");
        }
        MongoSource container = container();
        if (container != null) {
            return container;
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        return new MongoSource(uri, "in-process mongo-java-server at " + uri);
    }

    /** Testcontainers, only when a Docker engine answers; any failure falls through to in-process. */
    private static MongoSource container() {
        try {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            org.testcontainers.mongodb.MongoDBContainer mongo = new org.testcontainers.mongodb.MongoDBContainer("mongo:7.0");
            mongo.start();
            return new MongoSource(mongo.getConnectionString(), "Testcontainers mongo:7.0 at " + mongo.getConnectionString());
        } catch (Throwable t) {
            System.out.println("[faultline-it] no Docker MongoDB (" + t.getClass().getSimpleName() + "), using the in-process server");
            return null;
        }
    }
}
