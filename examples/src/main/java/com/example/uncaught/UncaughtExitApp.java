package com.example.uncaught;

/** An application whose default handler stops the JVM (exit code 3) when any thread dies. */
public class UncaughtExitApp {
    public static void main(String[] args) throws InterruptedException {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.out.println("fatal in " + t.getName() + ", exiting");
            System.exit(3);
        });
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("disk full"); // faultline-it: exit-throw
        }, "flusher");
        worker.start();
        worker.join();
        Thread.sleep(60_000); // never reached in practice: the handler exits the JVM
    }
}
