package com.example.httpserver;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK's HTTP server with basic authentication: a handler that logs an error and then fails
 * (the exception escapes the request), a handler that succeeds, and an error logged outside any
 * request. The app calls itself, then stops.
 */
public class HttpServerApp {
    private static final Logger log = Logger.getLogger("com.example.httpserver.Orders");

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext orders = server.createContext("/orders/", exchange -> new Orders().show(exchange));
        orders.setAuthenticator(new BasicAuthenticator("shop") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return "alice".equals(user) && "wonderland".equals(password);
            }
        });
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        System.out.println("GET /orders/7 -> " + call(port, "/orders/7?token=abc123&page=2"));
        System.out.println("GET /health -> " + call(port, "/health"));
        server.stop(0);
        log.severe("server stopped with 1 failed request"); // faultline-it: outside-request
        System.out.println("httpserver: done");
    }

    /** One request on a plain socket (HttpURLConnection would resend a GET whose connection dropped). */
    static String call(int port, String pathAndQuery) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            String auth = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return status == null ? "connection dropped" : status.substring(status.indexOf(' ') + 1, status.indexOf(' ') + 4);
        }
    }

    static final class Orders {
        void show(com.sun.net.httpserver.HttpExchange exchange) {
            log.log(Level.SEVERE, "inventory service slow for order {0}", "7"); // faultline-it: in-request
            throw new IllegalStateException("order 7 is locked"); // faultline-it: handler-throw
        }
    }
}
