package dev.faultline.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;

/** An HTTP endpoint in the test JVM that keeps every JSON body POSTed to it, answering {@code status}. */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Document> bodies = new CopyOnWriteArrayList<>();

    WebhookReceiver(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/secret-token", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL to configure; its path stands for the secret such URLs carry. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/secret-token";
    }

    List<Document> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
