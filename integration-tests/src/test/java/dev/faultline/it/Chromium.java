package dev.faultline.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK's own HTTP
 * client (no Selenium). Debian's {@code chromium} and {@code chromium-driver}; when missing, the
 * project's scripts/install-chromium.sh is tried once, and the test is skipped, saying why, only
 * when Chromium can be neither installed nor started.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process driver;
    private final URI session;
    private final Path profile;

    private Chromium(Process driver, URI session, Path profile) {
        this.driver = driver;
        this.session = session;
        this.profile = profile;
    }

    static Chromium start() throws Exception {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            install();
        }
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "skipped: Chromium is not installed and scripts/install-chromium.sh could not install it");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path profile = Files.createTempDirectory("faultline-chromium");
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        try {
            awaitDriver(base);
            Document options = new Document("binary", BROWSER.toString()).append("args", List.of("--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile));
            Document caps = new Document("alwaysMatch", new Document("browserName", "chrome").append("goog:chromeOptions", options)
                    .append("unhandledPromptBehavior", "ignore"));
            Document created = call("POST", base.resolve("session"), new Document("capabilities", caps));
            Object value = created.get("value");
            if (!(value instanceof Document) || ((Document) value).getString("sessionId") == null) {
                throw new IOException("no session: " + created.toJson());
            }
            Chromium c = new Chromium(driver, base.resolve("session/" + ((Document) value).getString("sessionId") + "/"), profile);
            c.command("POST", "timeouts", new Document("implicit", WAIT.toMillis()).append("script", WAIT.toMillis()));
            return c;
        } catch (IOException | RuntimeException | AssertionError e) {
            driver.destroyForcibly();
            Assumptions.abort("skipped: Chromium did not start (" + e.getMessage() + ")");
            throw new AssertionError("unreachable");
        }
    }

    private static void install() throws InterruptedException {
        Path script = AgentJvm.examplesDir().toAbsolutePath().getParent().resolve("scripts/install-chromium.sh");
        try {
            Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.out.println("[faultline-it] cannot run " + script + ": " + e.getMessage());
        }
    }

    private static void awaitDriver(URI base) {
        Eventually.await("chromedriver ready at " + base, WAIT, () -> call("GET", base.resolve("status"), null),
                status -> status.get("value", Document.class).getBoolean("ready", false));
    }

    private static Document call(String method, URI uri, Document body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toJson()));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return Document.parse(r.body());
    }

    private Object command(String method, String path, Document body) throws IOException, InterruptedException {
        Document answer = call(method, session.resolve(path), body);
        Object value = answer.get("value");
        if (value instanceof Document && ((Document) value).containsKey("error")) {
            throw new WebDriverError(((Document) value).getString("error"), ((Document) value).getString("message"));
        }
        return value;
    }

    /** A WebDriver error answer ("no such element", "no such alert", ...). */
    static final class WebDriverError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;

        WebDriverError(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }

    void open(String url) throws IOException, InterruptedException {
        command("POST", "url", new Document("url", url));
    }

    /** The first element matching, waiting for it up to the implicit wait. */
    String find(String css) throws IOException, InterruptedException {
        Document found = (Document) command("POST", "element", new Document("using", "css selector").append("value", css));
        return found.getString(ELEMENT);
    }

    void click(String css) throws IOException, InterruptedException {
        command("POST", "element/" + find(css) + "/click", new Document());
    }

    void type(String css, String text) throws IOException, InterruptedException {
        String id = find(css);
        command("POST", "element/" + id + "/clear", new Document());
        command("POST", "element/" + id + "/value", new Document("text", text));
    }

    String text(String css) throws IOException, InterruptedException {
        return (String) command("GET", "element/" + find(css) + "/text", null);
    }

    Object script(String js, Object... args) throws IOException, InterruptedException {
        List<Object> list = new ArrayList<>(List.of(args));
        return command("POST", "execute/sync", new Document("script", js).append("args", list));
    }

    /** Polls a JavaScript expression until it is true; fails with {@code what} at the deadline. */
    void await(String expression, String what) {
        Eventually.await("browser: " + what + " (" + expression + ")", WAIT, () -> script("return !!(" + expression + ");"),
                Boolean.TRUE::equals);
    }

    /** True when a JavaScript dialog (alert, confirm, prompt) is open. */
    boolean dialogOpen() throws IOException, InterruptedException {
        try {
            command("GET", "alert/text", null);
            return true;
        } catch (WebDriverError e) {
            if (e.error.equals("no such alert")) {
                return false;
            }
            throw e;
        }
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) command("GET", "screenshot", null)));
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", session, null);
        } catch (IOException | RuntimeException e) {
            // the browser is going away anyway
        }
        // The driver's browser and its helpers are its descendants: ended too, else each test
        // leaves a headless Chromium behind (120 processes after a day of test runs).
        java.util.List<ProcessHandle> browser = driver.descendants().toList();
        driver.destroy();
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
            driver.destroyForcibly();
        }
        browser.forEach(ProcessHandle::destroyForcibly);
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
