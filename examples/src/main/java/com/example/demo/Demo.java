package com.example.demo;

import com.example.dev.DevMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The README's run command ({@code ./demo [--no-console]}): starts the in-process dev MongoDB
 * unless one is configured ({@code FAULTLINE_MONGO_URI} or {@code -Dfaultline.mongo.uri}), runs
 * one example application per capture path in child JVMs with the agent attached, prints what
 * was stored, then serves the web console on 127.0.0.1 over that data until Enter is pressed
 * (or stdin ends). {@code --no-console} ends after printing, for scripts.
 */
public final class Demo {
    public static void main(String[] args) throws Exception {
        boolean console = !List.of(args).contains("--no-console");
        Path agent = Paths.get("agent/target/faultline-agent.jar");
        if (!Files.isRegularFile(agent)) {
            System.err.println("agent/target/faultline-agent.jar not found: build it with mvn -q -B -DskipTests package");
            System.exit(2);
        }
        String uri = System.getProperty("faultline.mongo.uri", System.getenv("FAULTLINE_MONGO_URI"));
        DevMongoServer dev = null;
        if (uri == null || uri.isEmpty()) {
            dev = new DevMongoServer(0);
            uri = dev.uri();
            System.out.println("== started the in-process dev MongoDB (mongo-java-server) at " + uri);
        } else {
            System.out.println("== using the MongoDB at FAULTLINE_MONGO_URI / faultline.mongo.uri");
        }
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase(DemoRun.DATABASE).drop();
            for (DemoRun run : DemoRun.all()) {
                run(run, agent, uri);
            }
            DemoReport.print(client.getDatabase(DemoRun.DATABASE));
            if (console) {
                serveConsole(agent, uri);
            } else {
                System.out.println();
                System.out.println("Browse them with the console: ./demo (without --no-console), or with the CLI against your own "
                        + "MongoDB: java -jar agent/target/faultline-agent.jar help");
            }
        } finally {
            if (dev != null) {
                dev.close();
            }
        }
    }

    private static void run(DemoRun run, Path agent, String uri) throws Exception {
        System.out.println();
        System.out.println("== " + run.shows() + ": " + run.mainClass());
        Process p = new ProcessBuilder(run.command(agent, uri)).inheritIO().start();
        int exit = p.waitFor();
        if (exit != run.expectedExit()) {
            System.err.println(run.mainClass() + " exited with " + exit + ", expected " + run.expectedExit());
        }
    }

    /** The console, served by the agent jar's {@code serve} over the demo's database, until Enter or end of input. */
    private static void serveConsole(Path agent, String uri) throws Exception {
        Process serve = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", agent.toString(), "serve", "--port", System.getProperty("demo.port", "0"),
                "--uri", uri, "--database", DemoRun.DATABASE).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null) {
                System.err.println("the console did not start");
                return;
            }
            String url = first.substring(first.indexOf("http"));
            System.out.println();
            System.out.println("== the web console: " + url + "  (groups, occurrences, codes, alerts, grouping rules, agents)");
            System.out.println("   the CLI against the same data: java -jar " + agent + " errors --uri " + uri
                    + " --database " + DemoRun.DATABASE);
            System.out.println("   press Enter to stop (the in-process MongoDB stops with it; ./demo --no-console skips this)");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } finally {
            serve.destroy();
        }
    }
}
