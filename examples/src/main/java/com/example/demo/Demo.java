package com.example.demo;

import com.example.dev.DevMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.bson.Document;

/**
 * The README's run command: starts the in-process dev MongoDB unless one is configured
 * ({@code FAULTLINE_MONGO_URI} or {@code -Dfaultline.mongo.uri}), runs the Logback and JUL
 * example apps in child JVMs with the agent attached, then prints what was stored.
 */
public final class Demo {
    private static final String DATABASE = "faultline_demo";

    public static void main(String[] args) throws Exception {
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
        try {
            try (MongoClient client = MongoClients.create(uri)) {
                client.getDatabase(DATABASE).getCollection("app_errors").deleteMany(new Document());
            }
            run(agent, uri, "com.example.shop.ShopApp");
            run(agent, uri, "com.example.jul.JulApp");
            print(uri);
        } finally {
            if (dev != null) {
                dev.close();
            }
        }
    }

    private static void run(Path agent, String uri, String mainClass) throws Exception {
        System.out.println();
        System.out.println("== running " + mainClass + " with -javaagent:" + agent);
        String classPath = "examples/target/classes" + File.pathSeparator + "examples/target/lib/*";
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent,
                "-Dfaultline.mongo.uri=" + uri,
                "-Dfaultline.mongo.database=" + DATABASE,
                "-Dfaultline.service=demo-" + mainClass.substring(mainClass.lastIndexOf('.') + 1),
                "-Dfaultline.app-packages=com.example", "-Dfaultline.debug=" + Boolean.getBoolean("demo.debug"),
                "-cp", classPath, mainClass));
        Process p = new ProcessBuilder(command).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0) {
            System.err.println(mainClass + " exited with " + exit);
        }
    }

    private static void print(String uri) {
        SimpleDateFormat time = new SimpleDateFormat("HH:mm:ss.SSS");
        time.setTimeZone(TimeZone.getDefault());
        System.out.println();
        System.out.println("== errors stored in " + DATABASE + ".app_errors");
        String format = "%-12s  %-8s  %-8s  %-44s  %-10s  %s%n";
        System.out.printf(format, "time", "severity", "app", "file:line", "function", "message");
        int n = 0;
        try (MongoClient client = MongoClients.create(uri)) {
            for (Document d : client.getDatabase(DATABASE).getCollection("app_errors").find().sort(Sorts.ascending("timestamp"))) {
                Document exception = d.get("exception", Document.class);
                String message = d.getString("message") + (exception == null ? "" : "  [" + exception.getString("type") + "]");
                System.out.printf(format, time.format(d.get("timestamp", Date.class)), d.getString("severity"), d.getString("app"),
                        d.getString("file") + ":" + d.get("line"), d.getString("function"), message);
                n++;
            }
        }
        System.out.println(n + " error(s) stored. Browse them with: java -jar agent/target/faultline-agent.jar help");
    }
}
