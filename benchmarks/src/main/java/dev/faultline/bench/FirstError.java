package dev.faultline.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an application's first logged errors cost its thread, once per JVM: the wall time of the
 * first ERROR with an argument, of a second one, and of the first with an exception, after an
 * INFO that starts Logback and a wait of {@code -Dwait=ms} (default 4000: past the writer's quiet
 * start of 3 s, when the agent warms the capture path up). Run it with and without the agent, a
 * few times each (docs/BENCHMARKS.md, "The first error"):
 * {@code java [-javaagent:... -Dfaultline.mongo.uri=...] -Dwait=4000 -cp benchmarks/target/benchmarks.jar dev.faultline.bench.FirstError}
 */
public final class FirstError {
    private FirstError() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = LoggerFactory.getLogger(FirstError.class);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        log.info("Logback started");
        Thread.sleep(Long.getLong("wait", 4000L));
        long first = System.nanoTime();
        log.error("job {} failed", 1);
        long second = System.nanoTime();
        log.error("job {} failed again", 2);
        long exception = System.nanoTime();
        log.error("job failed", new IllegalStateException("declined"));
        long end = System.nanoTime();
        System.out.printf("first error %.2f ms, second %.3f ms, first with an exception %.2f ms%n",
                (second - first) / 1e6, (exception - second) / 1e6, (end - exception) / 1e6);
    }
}
