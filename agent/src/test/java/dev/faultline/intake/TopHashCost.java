package dev.faultline.intake;

import java.util.Arrays;

/**
 * The application thread's cost of {@link Frames#topHash} (the storm key's throw site, read for
 * every captured event with an exception) beside {@link Frames#none}, which the same path
 * already pays, for an exception 120 frames deep (not a test; OPERATIONS.md "Storms").
 * {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp agent/target/test-classes:agent/target/classes
 * dev.faultline.intake.TopHashCost [rounds]} (default 7): prints each round's ns per call and
 * the medians; nothing is asserted.
 */
public final class TopHashCost {
    private static final int CALLS = 10_000_000;

    private TopHashCost() {
    }

    private static Throwable thrownAt(int depth) {
        return depth == 0 ? new IllegalStateException("deep") : thrownAt(depth - 1);
    }

    public static void main(String[] args) {
        String closed = Frames.open(null);
        if (closed != null) {
            throw new IllegalStateException("run with --add-opens java.base/java.lang=ALL-UNNAMED: " + closed);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Throwable t = thrownAt(120);
        double[] hash = new double[rounds];
        double[] none = new double[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += Frames.topHash(t);
            }
            long middle = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += Frames.none(t) ? 1 : 0;
            }
            long end = System.nanoTime();
            hash[r] = (middle - start) / (double) CALLS;
            none[r] = (end - middle) / (double) CALLS;
            System.out.printf("round %d: topHash %.1f ns, none %.1f ns%n", r + 1, hash[r], none[r]);
        }
        Arrays.sort(hash);
        Arrays.sort(none);
        System.out.printf("median: topHash %.1f ns, none %.1f ns (%d)%n", hash[rounds / 2], none[rounds / 2], sink & 1);
    }
}
