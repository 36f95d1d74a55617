package dev.faultline.cli;

import com.mongodb.MongoException;
import dev.faultline.web.WebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--port 8080] [--bind 127.0.0.1] [--token T | --token-file F]}: the console and
 * JSON API until the process is stopped. The first line on stdout is the URL (port 0 picks a free
 * port, and scripts read it there).
 */
final class ServeCommand extends Command {
    /** Short tokens can be guessed; this is a floor, not a recommendation (use 32+ random characters). */
    static final int MIN_TOKEN = 16;

    ServeCommand() {
        super("serve", "serve [--port 8080] [--bind 127.0.0.1] [--token T | --token-file FILE]",
                "serve the web console and the JSON API (token required off loopback)");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--port", "--bind", "--token", "--token-file");
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        int port = port(args.option("--port", "8080"));
        InetAddress bind = address(args.option("--bind", "127.0.0.1"));
        String token = token(args);
        WebServer server;
        try {
            server = WebServer.start(s.database(), bind, port, token);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            s.err.println("faultline: cannot serve on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage());
            return 1;
        }
        InetSocketAddress at = server.address();
        String host = at.getAddress().getHostAddress();
        s.out.println("Faultline console listening on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/");
        s.out.println("MongoDB " + s.where() + (token == null ? "" : "; changes need the token (Authorization: Bearer)"));
        s.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "faultline-serve-stop"));
        try {
            s.database().ping();
        } catch (MongoException e) {
            s.err.println("faultline: warning: " + Cli.mongoProblem(e) + "; the console answers 503 until it is back");
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int port(String value) throws UsageException {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new UsageException("--port must be a number from 0 to 65535 (0: any free port)");
        }
        return Integer.parseInt(value);
    }

    private static InetAddress address(String value) throws UsageException {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: no such address " + Text.cell(value, 100));
        }
    }

    private static String token(Args args) throws UsageException {
        String token = args.option("--token");
        String file = args.option("--token-file");
        if (token != null && file != null) {
            throw new UsageException("give --token or --token-file, not both");
        }
        if (file != null) {
            try {
                token = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException e) {
                throw new UsageException("--token-file: cannot read " + Text.cell(file, 200));
            }
        }
        if (token != null && (token.length() < MIN_TOKEN || !token.matches("[\\x21-\\x7e]+"))) {
            throw new UsageException("the token must be at least " + MIN_TOKEN + " printable characters without spaces");
        }
        return token;
    }
}
