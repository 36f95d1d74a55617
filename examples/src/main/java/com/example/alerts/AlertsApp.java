package com.example.alerts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app driven from stdin, so that a test can make several JVMs log at the same moment: it
 * prints {@code ready}, then for each line {@code fail:KEY:N} logs N errors of the group named
 * KEY (one message template per key) and prints {@code ok}. Exits when stdin closes.
 */
public final class AlertsApp {
    private static final Logger log = LoggerFactory.getLogger("com.example.alerts.Checkout");

    private AlertsApp() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] p = line.split(":");
            if (!"fail".equals(p[0])) {
                throw new IllegalArgumentException(line);
            }
            for (int i = 0; i < Integer.parseInt(p[2]); i++) {
                log.error("checkout failed at step " + p[1] + " for order {}", i);
            }
            System.out.println("ok");
        }
    }
}
