package dev.faultline.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.faultline.query.InvalidParameter;
import dev.faultline.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** One HTTP request and its answer: decoded path segments and parameters, a capped body, JSON out. */
final class Call {
    /** A resolve body is a few dozen bytes; anything near this is not one. */
    static final int MAX_BODY = 64 * 1024;

    final HttpExchange exchange;
    final String method;
    private Map<String, String> parameters;

    Call(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
    }

    /** The path's decoded, non-empty segments: {@code /api/app-errors/x/} is [api, app-errors, x]. */
    List<String> segments() throws HttpError {
        return segments(exchange.getRequestURI().getRawPath());
    }

    /** Query parameters; a parameter given twice is an error rather than a silent pick. */
    Map<String, String> parameters() throws HttpError {
        if (parameters == null) {
            Map<String, String> out = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                    if (out.put(name, value) != null) {
                        throw new InvalidParameter(name, "one value");
                    }
                }
            }
            parameters = out;
        }
        return parameters;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    byte[] body() throws IOException, HttpError {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY) {
                    throw new HttpError(413, "Request body too large");
                }
            }
            return out.toByteArray();
        }
    }

    void json(int status, Object value) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("Cache-Control", "no-store");
        byte[] bytes = Json.text(value, false).getBytes(StandardCharsets.UTF_8);
        send(status, bytes);
    }

    void error(int status, String message) throws IOException {
        json(status, new Document("error", message));
    }

    void send(int status, byte[] bytes) throws IOException {
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> segments(String rawPath) throws HttpError {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(decodePath(s));
            }
        }
        return out;
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike in a query). */
    private static String decodePath(String s) throws HttpError {
        return decode(s.replace("+", "%2B"));
    }

    private static String decodeQuery(String s) throws HttpError {
        return decode(s);
    }

    private static String decode(String s) throws HttpError {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8.name());
        } catch (IllegalArgumentException | java.io.UnsupportedEncodingException e) {
            throw new HttpError(400, "Invalid URL encoding");
        }
    }
}
