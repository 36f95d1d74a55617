package com.example.otel;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Run beside the OpenTelemetry Java agent (issue 13, trace correlation). The JDK's HTTP server,
 * which that agent traces: a handler that logs an error and then fails, called once with a W3C
 * {@code traceparent} header (so the server span belongs to the trace {@link #TRACE_ID}), then an
 * error logged outside any span; each error is logged through Logback (SLF4J) and through Log4j2.
 */
public class TracedApp {
    /** The trace the client's request belongs to. */
    public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** The client's span, the server span's parent. */
    public static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    public static void main(String[] args) throws IOException {
        System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
        org.slf4j.Logger logback = org.slf4j.LoggerFactory.getLogger(TracedApp.class);
        org.apache.logging.log4j.Logger log4j2 = org.apache.logging.log4j.LogManager.getLogger(TracedApp.class);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders/", exchange -> {
            logback.error("inventory service slow for order {}", "7"); // faultline-it: traced-logback
            log4j2.error("inventory service slow for order {}", "7"); // faultline-it: traced-log4j2
            throw new IllegalStateException("order 7 is locked");
        });
        server.start();
        System.out.println("GET /orders/7 -> " + call(server.getAddress().getPort(), "/orders/7"));
        server.stop(0);
        logback.error("server stopped with 1 failed request"); // faultline-it: untraced-logback
        log4j2.error("server stopped with 1 failed request"); // faultline-it: untraced-log4j2
        System.out.println("traced: done");
    }

    /** One request on a plain socket, in the trace {@link #TRACE_ID}. */
    static String call(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\ntraceparent: 00-" + TRACE_ID + "-" + PARENT_SPAN_ID
                    + "-01\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return status == null ? "connection dropped" : status.substring(status.indexOf(' ') + 1, status.indexOf(' ') + 4);
        }
    }
}
