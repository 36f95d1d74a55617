package com.example.dev;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An in-process, in-memory MongoDB-wire-compatible server (mongo-java-server) for the demo and
 * for trying the agent without installing MongoDB. Prints {@code MONGO_URI=...} and runs until
 * its standard input closes or it is killed. Not for production data.
 */
public final class DevMongoServer implements AutoCloseable {
    private final MongoServer server;
    private final String uri;

    public DevMongoServer(int port) {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = port == 0 ? server.bind() : null;
        if (address == null) {
            server.bind("127.0.0.1", port);
            address = server.getLocalAddress();
        }
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (DevMongoServer server = new DevMongoServer(port)) {
            System.out.println("MONGO_URI=" + server.uri());
            System.out.flush();
            while (System.in.read() != -1) {
                // run until stdin closes
            }
        }
    }
}
