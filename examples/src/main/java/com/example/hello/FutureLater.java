package com.example.hello;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.CompletableFuture;

/**
 * Prints "ready", waits for a line on stdin, and only then uses {@code CompletableFuture} (a
 * class the agent weaves), so a test decides when the JDK loads it: after the agent had time to
 * weave it ahead of its load on a cold woven-class cache.
 */
public class FutureLater {
    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println("sum " + CompletableFuture.supplyAsync(() -> 20).thenApply(n -> n + 22).join());
    }
}
