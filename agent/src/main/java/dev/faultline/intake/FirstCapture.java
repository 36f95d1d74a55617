package dev.faultline.intake;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.codes.Clock;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.store.Health;
import java.util.Collections;

/**
 * Runs, on the writer's thread and once, what the application thread's first captured error
 * would otherwise initialise on its own time: three calls through a {@link Gate} of its own (an
 * error with an argument, one with an error code, one with an exception) into a queue nobody
 * reads, with a tracker, storm table and health of their own, then dropped. Run after the quiet
 * start (not during the application's start-up), it spares an error logged later most of that
 * set-up: the first ERROR 8 s after start cost the application's thread 9.5 to 13 ms with the
 * agent, 3.4 to 3.9 ms after this, 0.12 ms without the agent ({@code FirstError},
 * docs/BENCHMARKS.md "The first error"): loading and linking the JDK's stack walking (13 to 26 ms
 * in a fresh JVM on this 2-core host), {@code ClassValue}'s and {@code LongAdder}'s machinery,
 * reflection's field accessors, and the agent's own classes of that path.
 */
public final class FirstCapture {
    private FirstCapture() {
    }

    /** Writer thread, before it takes events; never throws. */
    public static void prime() {
        try {
            Gate gate = new Gate(new EventQueue(8, 1 << 20), new ErrorCodeTracker(Clock.SYSTEM, 60_000L), new Health(), false, 1024,
                    new StormShed(100, 60_000L));
            long now = System.currentTimeMillis();
            String logger = FirstCapture.class.getName();
            Throwable thrown = new IllegalStateException("faultline warm-up");
            offer(gate, new CapturedEvent("logback", Severity.ERROR, now, logger, "faultline-writer", "warm-up {}",
                    new Object[] {1}, CapturedEvent.FORMAT_SLF4J, null, null, null, false));
            offer(gate, new CapturedEvent("logback", Severity.ERROR, now, logger, "faultline-writer", "warm-up",
                    null, CapturedEvent.FORMAT_NONE, null, Collections.singletonMap("error_code", "faultline_warm_up"), null, false));
            offer(gate, new CapturedEvent("logback", Severity.ERROR, now, logger, "faultline-writer", "warm-up",
                    null, CapturedEvent.FORMAT_NONE, thrown, null, null, false));
        } catch (RuntimeException | LinkageError e) {
            // Only a cost moved: the first capture pays it as before.
        }
    }

    /** As the bridge hands an event over: before(), then offer() with its verdict. */
    private static void offer(Gate gate, CapturedEvent e) {
        Object verdict = gate.before(e.source, e.severity, e.timestamp, e.logger, e.template, e.throwable, e.context, e.keyValues);
        if (verdict != null && verdict != Gate.TAKEN && verdict != Gate.HIDE) {
            if (verdict != Gate.CONTINUE) {
                e.storm = verdict;
            }
            gate.offer(e);
        }
    }
}
