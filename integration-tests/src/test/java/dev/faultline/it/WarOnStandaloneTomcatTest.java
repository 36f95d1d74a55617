package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The WAR example (examples/tomcat-war: a servlet with its own SLF4J and Logback in WEB-INF/lib)
 * deployed into the standalone Tomcat 10.1 distribution, started as the README says:
 * {@code bin/catalina.sh run} with {@code CATALINA_OPTS=-javaagent:...} and the settings as
 * {@code FAULTLINE_*} environment variables; stopped with SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarOnStandaloneTomcatTest {
    private static final String SOURCE = "tomcat-war/src/main/java/com/example/war/OrdersServlet.java";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private final Stored stored = Stored.fresh();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private int exit;

    @BeforeAll
    void deployTheWarAndSendRequests() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path home = tomcatHome();
        Path base = catalinaBase(home, port);
        Path out = Files.createTempFile("faultline-it", ".out");
        Path err = Files.createTempFile("faultline-it", ".err");
        ProcessBuilder catalina = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = catalina.environment();
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("JAVA_HOME", AgentJvm.Jdk.JDK17.home.toString());
        env.put("CATALINA_OPTS", "-javaagent:" + AgentJvm.agentJar().toAbsolutePath());
        env.put("FAULTLINE_MONGO_URI", MongoSource.get().uri);
        env.put("FAULTLINE_MONGO_DATABASE", stored.database);
        env.put("FAULTLINE_SERVICE", "shop");
        env.put("FAULTLINE_APP_PACKAGES", "com.example");
        env.put("FAULTLINE_FLUSH_INTERVAL", "50ms");
        env.put("FAULTLINE_SPOOL_DIR", AgentJvm.freshSpoolDir().toString());
        Process tomcat = catalina.start();
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            Eventually.await("the WAR deployed and answering", DEADLINE, () -> http.get("/shop/health").status(), s -> s == 200);
            for (String path : new String[] {"/shop/orders/7?session=s3cr3t&page=2", "/shop/payments/3", "/shop/health"}) {
                answers.put(path, http.get(path).status());
            }
            stored.await(stored.errors(), new Document(), 2);
        } finally {
            tomcat.destroy(); // SIGTERM: catalina.sh run execs the JVM
            if (!tomcat.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                tomcat.destroyForcibly();
            }
        }
        exit = tomcat.exitValue();
        AgentInvariants.ranJvm("catalina.sh run", Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }

    /** The unpacked distribution (integration-tests/pom.xml, execution tomcat-dist). */
    private static Path tomcatHome() throws IOException {
        Path dist = Path.of(System.getProperty("faultline.libs.dir", "target/libs")).resolve("tomcat-dist");
        try (var dirs = Files.list(dist)) {
            return dirs.findFirst().orElseThrow(() -> new AssertionError("no Tomcat in " + dist + ": run mvn verify")).toAbsolutePath();
        }
    }

    /** A CATALINA_BASE of the test's own: the distribution's conf on a free port, no shutdown port, the WAR in webapps. */
    private static Path catalinaBase(Path home, int port) throws IOException {
        Path base = Files.createTempDirectory("catalina-base");
        for (String dir : new String[] {"conf", "logs", "temp", "work", "webapps"}) {
            Files.createDirectories(base.resolve(dir));
        }
        try (var files = Files.list(home.resolve("conf"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve("conf").resolve(f.getFileName()));
            }
        }
        Path serverXml = base.resolve("conf/server.xml");
        Files.writeString(serverXml, Files.readString(serverXml).replace("port=\"8005\"", "port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\""));
        Files.copy(AgentJvm.examplesDir().resolve("tomcat-war/target/shop.war"), base.resolve("webapps/shop.war"));
        return base;
    }

    @Test
    void tomcatServesTheWarAndStopsOnSigterm() {
        assertEquals(Map.of("/shop/orders/7?session=s3cr3t&page=2", 500, "/shop/payments/3", 200, "/shop/health", 200), answers);
        assertEquals(143, exit);
    }

    @Test
    void storesTheFailedRequestAtTheThrowingLineWithItsRequest() {
        Document d = stored.errors().find(eq("source", "http")).first();
        assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
        assertEquals("com/example/war/OrdersServlet.java", d.getString("file"));
        assertEquals("doGet", d.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "war-throw"), d.getInteger("line"));
        assertEquals(new Document("method", "GET").append("path", "/shop/orders/7").append("query", "session=[REDACTED]&page=2")
                .append("user", null).append("status", 500), d.get("request", Document.class));
    }

    @Test
    void storesTheErrorLoggedThroughTheWarsOwnLogbackAtItsLine() {
        Document d = stored.errors().find(eq("source", "logback")).first();
        assertEquals("payment gateway timed out for payment 3", d.getString("message"));
        assertEquals("com/example/war/OrdersServlet.java", d.getString("file"));
        assertEquals("doGet", d.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "war-logged"), d.getInteger("line"));
        assertEquals("/shop/payments/3", d.get("request", Document.class).getString("path"));
    }

    @Test
    void storesEachErrorOnceAndNothingForTheRequestThatSucceeded() {
        // Tomcat's own SEVERE log of the escaping exception (JULI -> JUL) is the same error.
        assertEquals(2, stored.errors().countDocuments(), stored.all().toString());
        assertEquals(1, stored.errors().countDocuments(eq("source", "http")));
        assertEquals(1, stored.errors().countDocuments(eq("source", "logback")));
    }
}
