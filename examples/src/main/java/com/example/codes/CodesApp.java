package com.example.codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An app that uses error codes the way a service does: codes in the MDC, in SLF4J 2 key-value
 * pairs and in a JUL parameter map. Each argument is one step, so a test can script a scenario:
 * {@code raise:CODE[:LEVEL[:RE_ALERT]]}, {@code quiet:CODE} (notification=false),
 * {@code clear:CODE[:LEVEL]}, {@code kv:CODE}, {@code both:MDC_CODE:PAIR_CODE}, {@code jul:CODE}, {@code storm:CODE:THREADS},
 * {@code plain} (an error without a code). Without arguments the steps come from stdin, one a
 * line, after the app prints {@code ready}; it prints {@code ok} after each (a test runs several
 * of these JVMs side by side, step by step).
 */
public final class CodesApp {
    private static final Logger log = LoggerFactory.getLogger("com.example.codes.Witness");
    private static final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.example.codes.Legacy");

    private CodesApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            System.out.println("ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                step(line);
                System.out.println("ok");
            }
            return;
        }
        for (String step : args) {
            step(step);
        }
        System.out.println("codes: done");
    }

    private static void step(String step) throws InterruptedException {
        String[] p = step.split(":");
        switch (p[0]) {
            case "raise":
                raise(p[1], p.length > 2 ? p[2] : "ERROR", p.length > 3 ? p[3] : null, true);
                break;
            case "quiet":
                raise(p[1], "ERROR", null, false);
                break;
            case "clear":
                MDC.put("error_code_clear", p[1]);
                log(p.length > 2 ? p[2] : "INFO", "witness api answers again");
                MDC.clear();
                break;
            case "kv":
                log.atError().addKeyValue("error_code", p[1]).log("invalid response from witness api (key-value)");
                break;
            case "both":
                // both:A:B: error_code A in the MDC and B as this call's key-value pair
                MDC.put("error_code", p[1]);
                log.atError().addKeyValue("error_code", p[2]).log("invalid response from witness api (both)");
                MDC.clear();
                break;
            case "jul":
                jul.log(java.util.logging.Level.SEVERE, "ledger sync failed {0}", new Object[] {Map.of("error_code", p[1])});
                break;
            case "storm":
                storm(p[1], Integer.parseInt(p[2]));
                break;
            case "plain":
                log.error("witness api timed out");
                break;
            default:
                throw new IllegalArgumentException(step);
        }
    }

    private static void raise(String code, String level, String reAlert, boolean notify) {
        MDC.put("error_code", code);
        if (reAlert != null) {
            MDC.put("re_alert_time", reAlert);
        }
        if (!notify) {
            MDC.put("notification", "false");
        }
        log(level, "invalid response from witness api");
        MDC.clear();
    }

    private static void log(String level, String message) {
        switch (level) {
            case "INFO":
                log.info(message);
                break;
            case "WARN":
                log.warn(message);
                break;
            default:
                log.error(message);
        }
    }

    private static void storm(String code, int threads) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < 50; n++) {
                    raise(code, "ERROR", null, true);
                }
            }, "storm-" + i);
            t.start();
            all.add(t);
        }
        go.countDown();
        for (Thread t : all) {
            t.join();
        }
    }
}
