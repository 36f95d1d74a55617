package dev.faultline.bench;

import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application side of {@link WriterThroughput}: logs N errors, each a new exception, through
 * Logback with no appender, as fast as the loop runs, then waits for the agent to write them
 * (or, with a second argument {@code exit}, exits: {@link ReplayThroughput}).
 */
public final class StormMain {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger("com.example.shop.Checkout");

    private StormMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        int n = Integer.parseInt(args[0]);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            log.error("order {} failed", i, new IllegalStateException("card gateway unavailable"));
        }
        System.out.println("logged " + n + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (args.length > 1 && "exit".equals(args[1])) {
            return; // ReplayThroughput: the agent spools what MongoDB did not take at exit
        }
        // The harness kills this JVM once it has seen every record stored.
        Thread.sleep(600_000);
    }
}
