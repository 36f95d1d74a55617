package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may read and change what, and the headers that keep the console's page safe. */
class ApiSecurityTest {
    private static final String TOKEN = "t0k3n-" + UUID.randomUUID();
    private static String database;
    private static MongoCollection<Document> errors;
    private static ConsoleServer open;
    private static Http http;

    @BeforeAll
    static void serve() throws Exception {
        database = TestDatabase.seeded();
        errors = MongoSource.get().client().getDatabase(database).getCollection("app_errors");
        open = ConsoleServer.start(database);
        http = new Http(open.base);
    }

    @AfterAll
    static void stop() throws Exception {
        if (open != null) {
            open.close();
        }
    }

    private static Document occurrence() {
        Document d = Seed.occurrence("security " + UUID.randomUUID(), Instant.now());
        errors.insertOne(d);
        return d;
    }

    private static boolean resolved(Document d) {
        return errors.find(eq("_id", d.getString("_id"))).first().getBoolean("resolved");
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicyAndNoSniffing() throws Exception {
        for (String path : List.of("/", "/static/console.js", "/static/console.css", "/api/app-errors/", "/api/nowhere/")) {
            Http.Answer r = http.get(path);
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("default-src 'none'")
                    && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"), path + ": " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
        }
        assertTrue(http.get("/").header("Content-Type").startsWith("text/html"));
        assertTrue(http.get("/static/console.js").header("Content-Type").startsWith("text/javascript"));
        assertTrue(http.get("/api/app-errors/").header("Content-Type").startsWith("application/json"));
    }

    @Test
    void thePageHasNoInlineScriptAndTheScriptNeverWritesHtml() throws Exception {
        String page = http.get("/").body();
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "inline script in the page");
        assertFalse(page.matches("(?s).*\\son[a-z]+=.*"), "inline event handler in the page");
        assertFalse(page.contains("//cdn") || page.contains("https://"), "everything comes from the jar");
        String script = http.get("/static/console.js").body();
        for (String sink : List.of("innerHTML =", "innerHTML=", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
            assertFalse(script.replaceAll("(?m)^\\s*//.*$", "").contains(sink), "console.js uses " + sink);
        }
    }

    @Test
    void onlyTheListedFilesAreServed() throws Exception {
        for (String path : List.of("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                "/dev/faultline/version.properties", "/static/", "/inst/dev/faultline/web/console.js")) {
            assertEquals(404, http.get(path).status(), path);
        }
    }

    @Test
    void changesNeedAJsonContentTypeSoAnotherSiteCannotPostAForm() throws Exception {
        Document d = occurrence();
        String path = "/api/app-errors/" + d.getString("_id") + "/mark_resolved/";
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
            Http.Answer r = http.post(path, "{\"resolved_by\": \"mallory\"}", "Content-Type", type);
            assertEquals(415, r.status(), type);
        }
        assertFalse(resolved(d));
    }

    @Test
    void changesFromAnotherOriginAreRefused() throws Exception {
        Document d = occurrence();
        String path = "/api/app-errors/" + d.getString("_id") + "/mark_resolved/";
        Http.Answer r = http.post(path, "{}", "Content-Type", "application/json", "Origin", "http://evil.example");
        assertEquals(403, r.status());
        assertFalse(resolved(d));
        String own = "http://" + open.base.getHost() + ":" + open.base.getPort();
        assertEquals(200, http.post(path, "{}", "Content-Type", "application/json", "Origin", own).status());
        assertTrue(resolved(d));
    }

    @Test
    void onLoopbackAHostHeaderNamingAnotherHostIsRefused() throws Exception {
        assertTrue(rawGet("evil.example").startsWith("HTTP/1.1 403"), "a DNS-rebound name must not read the API");
        assertTrue(rawGet("127.0.0.1:" + open.base.getPort()).startsWith("HTTP/1.1 200"));
        assertTrue(rawGet("localhost:" + open.base.getPort()).startsWith("HTTP/1.1 200"));
    }

    private static String rawGet(String host) throws Exception {
        try (Socket s = new Socket(open.base.getHost(), open.base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/health/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void refusesToServeOffLoopbackWithoutAToken() throws Exception {
        FaultlineCli.Result r = FaultlineCli.run(Duration.ofSeconds(30), "serve", "--bind", "0.0.0.0", "--port", "0",
                "--uri", MongoSource.get().uri, "--database", database);
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.stderr().contains("a token is required"), r.stderr());
        assertFalse(r.stdout().contains("listening"), r.stdout());
    }

    @Test
    void refusesAShortTokenAndNeverPrintsTheToken() throws Exception {
        FaultlineCli.Result r = FaultlineCli.run(Duration.ofSeconds(30), "serve", "--bind", "0.0.0.0", "--port", "0", "--token", "short",
                "--uri", MongoSource.get().uri, "--database", database);
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.stderr().contains("at least 16"), r.stderr());
    }

    @Test
    void withATokenOffLoopbackReadsAreOpenAndChangesNeedTheBearerToken() throws Exception {
        Path tokenFile = Files.createTempFile("faultline-token", ".txt");
        Files.writeString(tokenFile, TOKEN + "\n");
        try (ConsoleServer guarded = ConsoleServer.start(database, "--bind", "0.0.0.0", "--token-file", tokenFile.toString())) {
            assertFalse(guarded.output().contains(TOKEN), "the token is never printed");
            Http g = new Http(java.net.URI.create("http://127.0.0.1:" + guarded.base.getPort() + "/"));
            assertEquals(200, g.get("/api/app-errors/").status());
            Document d = occurrence();
            String path = "/api/app-errors/" + d.getString("_id") + "/mark_resolved/";
            Http.Answer none = g.post(path, "{}");
            assertEquals(401, none.status());
            assertEquals("Bearer", none.header("WWW-Authenticate"));
            assertEquals(new Document("error", "Authentication required"), none.json());
            assertEquals(401, g.post(path, "{}", "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN + "x").status());
            assertEquals(401, g.post(path, "{}", "Content-Type", "application/json", "Authorization", TOKEN).status());
            assertFalse(resolved(d));
            assertEquals(200, g.post(path, "{}", "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN).status());
            assertTrue(resolved(d));
            assertEquals(200, new Http(java.net.URI.create("http://localhost:" + guarded.base.getPort() + "/")).get("/api/health/").status());
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    @Test
    void withATokenOnLoopbackChangesNeedItToo() throws Exception {
        try (ConsoleServer guarded = ConsoleServer.start(database, "--token", TOKEN)) {
            Http g = new Http(guarded.base);
            Document d = occurrence();
            assertEquals(401, g.post("/api/app-errors/" + d.getString("_id") + "/mark_resolved/", "{}").status());
            assertFalse(resolved(d));
        }
    }

    @Test
    void aMongoDbThatIsAwayIsA503WithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String all;
        try (ConsoleServer away = ConsoleServer.startOn("mongodb://ops:s3cretPw0rd@127.0.0.1:" + closed + "/", "x")) {
            Http.Answer r = new Http(away.base).get("/api/app-errors/");
            assertEquals(503, r.status(), r.body());
            assertEquals(new Document("error", "Database unavailable"), r.json());
            all = away.output();
        }
        assertTrue(all.contains("<hidden>"), all);
        assertFalse(all.contains("s3cretPw0rd"), all);
        assertFalse(all.contains("\tat "), "no stack trace: " + all);
    }
}
