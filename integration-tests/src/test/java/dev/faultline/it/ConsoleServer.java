package dev.faultline.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar faultline-agent.jar serve --port 0 ...} as a process: the real jar, its real
 * HTTP server and class loader. The URL is read from the first line the server prints.
 */
final class ConsoleServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    final URI base;
    private final Process process;
    private final StringBuffer output;

    private ConsoleServer(URI base, Process process, StringBuffer output) {
        this.base = base;
        this.process = process;
        this.output = output;
    }

    /** A console over {@code database} on the test MongoDB, on a free loopback port. */
    static ConsoleServer start(String database, String... extra) throws IOException, InterruptedException {
        return startOn(MongoSource.get().uri, database, extra);
    }

    /** A console over any MongoDB URI (one that is away, say). */
    static ConsoleServer startOn(String uri, String database, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(Arrays.asList("serve", "--port", "0", "--uri", uri, "--database", database));
        args.addAll(Arrays.asList(extra));
        ProcessBuilder pb = new ProcessBuilder(FaultlineCli.command(args.toArray(new String[0]))).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Process process = pb.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.complete(null);
        }, "console-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String found = url.get(60, TimeUnit.SECONDS);
            if (found == null) {
                throw new AssertionError("console did not start: " + output);
            }
            return new ConsoleServer(URI.create(found), process, output);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("console did not start within 60 s: " + output, e);
        }
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
