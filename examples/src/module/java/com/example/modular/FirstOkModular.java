package com.example.modular;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up to the first HTTP 200 of a module-path application, for benchmarks/startup-http.sh
 * ({@code modular}): the JDK's HTTP server in this named module, logging through its own SLF4J and
 * Logback (unconfigured, so at DEBUG on stdout). Starts the server, calls it once, prints
 * {@code first-200 <epoch ms>} when it answered 200, and exits; it captures nothing.
 */
public class FirstOkModular {
    private static final Logger LOG = LoggerFactory.getLogger(FirstOkModular.class);

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            LOG.info("health asked by {}", exchange.getRemoteAddress());
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        LOG.info("listening on {}", server.getAddress().getPort());
        URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        if (c.getResponseCode() == 200) {
            System.out.println("first-200 " + System.currentTimeMillis());
        }
        server.stop(0);
    }
}
