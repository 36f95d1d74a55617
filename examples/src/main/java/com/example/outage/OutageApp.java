package com.example.outage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the fault scenarios (issue 12): says "ready" as soon as main runs, then on "log N" logs N
 * errors of one kind and says "logged N", on "code N" N errors with the error code
 * {@code PAY-42} (one episode, its repeats suppressed) and says "coded N"; exits at the end of its input.
 */
public class OutageApp {
    private static final Logger LOG = LoggerFactory.getLogger(OutageApp.class);

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int next = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("log ")) {
                int n = Integer.parseInt(line.substring(4).trim());
                for (int i = 0; i < n; i++) {
                    LOG.error("payment {} failed", next++, new IllegalStateException("card declined"));
                }
                System.out.println("logged " + n);
            } else if (line.startsWith("code ")) {
                int n = Integer.parseInt(line.substring(5).trim());
                org.slf4j.MDC.put("error_code", "PAY-42");
                for (int i = 0; i < n; i++) {
                    LOG.error("payment provider down", new IllegalStateException("provider unreachable"));
                }
                org.slf4j.MDC.remove("error_code");
                System.out.println("coded " + n);
            }
        }
    }
}
