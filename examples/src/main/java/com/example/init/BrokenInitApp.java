package com.example.init;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broken static initializer used three times: the first use fails with
 * ExceptionInInitializerError (caused by the NumberFormatException), each later one with
 * NoClassDefFoundError "Could not initialize class" (on JDK 17+ caused by the JVM's copy of that
 * exception). Each failure is logged by the caller.
 */
public class BrokenInitApp {
    private static final Logger log = LoggerFactory.getLogger(BrokenInitApp.class);

    static final class Settings {
        static final int PORT = Integer.parseInt(System.getProperty("settings.port", "not-a-port")); // faultline-it: broken-clinit

        static int port() {
            return PORT;
        }
    }

    static void start() {
        try {
            Settings.port();
        } catch (Throwable e) {
            log.error("could not start", e); // faultline-it: start-failed
        }
    }

    public static void main(String[] args) {
        start();
        start();
        start();
        System.out.println("broken init: done");
    }
}
