package com.example.alerts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app driven from stdin, so that a test can make several JVMs log at the same moment: it
 * prints {@code ready}, then for each line {@code fail:KEY:N} logs N errors of the group named
 * KEY (one message template per key), {@code warn:KEY:N} N warnings of the group named KEY, or
 * {@code groups:PREFIX:N} one error in each of N groups
 * (PREFIX {@code pid}: groups of this JVM's own, named by its process id), and prints {@code ok}.
 * Exits when stdin closes.
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
            if ("pid".equals(p[1])) {
                p[1] = "pid" + letters(ProcessHandle.current().pid()) + "-";
            }
            for (int i = 0; i < Integer.parseInt(p[2]); i++) {
                if ("fail".equals(p[0])) {
                    log.error("checkout failed at step " + p[1] + " for order {}", i);
                } else if ("warn".equals(p[0])) {
                    log.warn("checkout slowed at step " + p[1] + " for order {}", i);
                } else if ("groups".equals(p[0])) {
                    log.error("checkout failed at step " + p[1] + letters(i) + " for order {}", i);
                } else {
                    throw new IllegalArgumentException(line);
                }
            }
            System.out.println("ok");
        }
    }

    /** {@code n} in letters ({@code 12} is {@code "bc"}): a word with a digit is any number to grouping, so distinct steps are spelt. */
    private static String letters(long n) {
        StringBuilder b = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            b.append((char) ('a' + c - '0'));
        }
        return b.toString();
    }
}
