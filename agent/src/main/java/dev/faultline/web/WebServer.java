package dev.faultline.web;

import com.mongodb.MongoException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.config.MongoUris;
import dev.faultline.query.Database;
import dev.faultline.query.InvalidParameter;
import org.bson.Document;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code serve}: the JSON API and the web console on the JDK's own HTTP server (no extra
 * dependency). Every answer carries a Content-Security-Policy that allows only our own script
 * and style, so even a bug in escaping could not run a script that came from the database.
 */
public final class WebServer {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Enough for a few people and scripts; MongoDB is the limit, not threads. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private WebServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param token null for none; required unless {@code bind} is a loopback address
     * @throws IllegalArgumentException when a non-loopback address is asked for without a token
     */
    public static WebServer start(Database db, InetAddress bind, int port, String token) throws IOException {
        boolean loopback = bind.isLoopbackAddress();
        if (!loopback && token == null) {
            throw new IllegalArgumentException("a token is required to serve on " + bind.getHostAddress()
                    + " (not a loopback address): give --token or --token-file");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "faultline-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new Root(new Api(db), new StaticFiles(), new Guard(token, loopback)));
        server.start();
        return new WebServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static final class Root implements HttpHandler {
        private final Api api;
        private final StaticFiles files;
        private final Guard guard;

        Root(Api api, StaticFiles files, Guard guard) {
            this.api = api;
            this.files = files;
            this.guard = guard;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            securityHeaders(exchange.getResponseHeaders());
            Call call = new Call(exchange);
            try {
                guard.check(call);
                route(call);
            } catch (HttpError e) {
                if (e.status == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                }
                call.error(e.status, e.getMessage());
            } catch (InvalidParameter e) {
                call.json(400, new Document("error", e.getMessage()).append("expected", e.expected()));
            } catch (MongoException e) {
                System.err.println("[faultline] console: MongoDB: " + MongoUris.redact(firstLine(e.getMessage())));
                call.error(503, "Database unavailable");
            } catch (RuntimeException | Error e) {
                // An Error too (a class that no longer loads when the jar was replaced under a
                // running console, say): answered, so that the browser is not left waiting.
                System.err.println("[faultline] console: " + call.method + " " + call.exchange.getRequestURI().getRawPath() + ": " + e);
                call.error(500, "Internal error");
            } finally {
                exchange.close();
            }
        }

        private void route(Call call) throws HttpError, IOException {
            java.util.List<String> segments = call.segments();
            if (!segments.isEmpty() && segments.get(0).equals("api")) {
                api.handle(call, segments.subList(1, segments.size()));
                return;
            }
            StaticFiles.Asset asset = files.get(call.exchange.getRequestURI().getRawPath());
            if (asset == null) {
                throw HttpError.notFound();
            }
            if (!call.method.equals("GET") && !call.method.equals("HEAD")) {
                call.exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                throw new HttpError(405, "Method not allowed");
            }
            call.exchange.getResponseHeaders().set("Content-Type", asset.type);
            call.exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            call.send(200, asset.bytes);
        }

        private static String firstLine(String s) {
            String text = String.valueOf(s);
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        }
    }

    static void securityHeaders(Headers h) {
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
    }
}
