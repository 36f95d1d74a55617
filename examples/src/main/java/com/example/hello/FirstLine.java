package com.example.hello;

/**
 * Fails uncaught on the first line of main, so the JVM ends a few milliseconds after premain: the
 * agent's writer is then usually not made yet (it is made on the agent's own thread while the
 * application starts), and the error must still be stored by the exit.
 */
public class FirstLine {
    public static void main(String[] args) {
        throw new IllegalStateException("first line of main failed");
    }
}
