import dev.faultline.bootstrap.TraceContext;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * What reading the current OpenTelemetry span costs a captured event on the application thread
 * (bootstrap/TraceContext): the first call, then nanoseconds per call outside and inside a span.
 * Run by benchmarks/trace-cost.sh, without and with the OpenTelemetry Java agent.
 */
public class TraceCost {
    /** Plain, not volatile: a volatile store would cost more than what is measured. The volatile read inside current() keeps the loop honest. */
    static Object sink;

    public static void main(String[] args) {
        boolean primed = args.length > 0 && args[0].equals("primed");
        long t0 = System.nanoTime();
        if (primed) {
            TraceContext.prime(); // what the writer thread does once its weaving is done
        }
        long t1 = System.nanoTime();
        sink = TraceContext.current();
        long t2 = System.nanoTime();
        System.out.printf("prime %.3f ms, first current() %.3f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        System.out.printf("outside a span: %s ns per call%n", rounds());
        Span span = GlobalOpenTelemetry.getTracer("bench").spanBuilder("work").startSpan();
        try (Scope s = span.makeCurrent()) {
            System.out.printf("inside a span:  %s ns per call (span context %s)%n", rounds(), TraceContext.current() != null ? "read" : "absent");
        } finally {
            span.end();
        }
    }

    private static String rounds() {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < 5; r++) {
            int n = 20_000_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink = TraceContext.current();
            }
            out.append(String.format("%.1f ", (System.nanoTime() - t) / (double) n));
        }
        return out.toString().trim();
    }
}
