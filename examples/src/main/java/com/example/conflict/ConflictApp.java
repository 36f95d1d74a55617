package com.example.conflict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An application that ships its own, different MongoDB driver and jackson-core. It prints which
 * versions it got, proves it cannot see the agent's copies, uses both libraries, and logs one
 * error through JUL.
 */
public class ConflictApp {
    private static final Logger log = Logger.getLogger(ConflictApp.class.getName());

    public static void main(String[] args) throws Exception {
        System.out.println("mongodb driver from " + jarOf(MongoClients.class));
        System.out.println("jackson-core " + new JsonFactory().version() + " from " + jarOf(JsonFactory.class));

        StringWriter json = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            g.writeEndObject();
        }
        System.out.println("json " + json);

        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200"))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            System.out.println("mongodb client created: " + (client != null));
        }

        for (String name : new String[] {"dev.faultline.core.AgentStarter",
                "dev.faultline.shaded.com.mongodb.client.MongoClient",
                "dev.faultline.shaded.net.bytebuddy.ByteBuddy"}) {
            try {
                Class.forName(name);
                System.out.println("visible: " + name);
            } catch (ClassNotFoundException e) {
                System.out.println("hidden: " + name);
            }
        }

        log.log(Level.SEVERE, "conflict app failed on purpose", new UnsupportedOperationException("no such feature")); // faultline-it: conflict
        System.out.println("conflict: done");
    }

    private static String jarOf(Class<?> type) {
        String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
