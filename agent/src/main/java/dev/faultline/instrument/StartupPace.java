package dev.faultline.instrument;

/**
 * Whether the application is still starting, told from how many classes the JVM loaded in the
 * last window (the transformer sees every class load, so counting them is free): more than
 * {@value #SETTLED_LOADS} in half a second is start-up pace; a started server loads next to none.
 * Asked from one thread only (the writer's), with the time passed in.
 */
final class StartupPace {
    static final long WINDOW_NANOS = 500_000_000L;
    static final int SETTLED_LOADS = 10;
    private long windowStart;
    private int windowLoads;
    private boolean starting = true;

    /** The first window starts {@code now}, with {@code loads} classes loaded so far. */
    StartupPace(long now, int loads) {
        windowStart = now;
        windowLoads = loads;
    }

    /** {@code loads}: classes loaded since premain; {@code now}: {@code System.nanoTime()}. */
    boolean starting(int loads, long now) {
        if (now - windowStart >= WINDOW_NANOS) {
            starting = loads - windowLoads > SETTLED_LOADS;
            windowLoads = loads;
            windowStart = now;
        }
        return starting;
    }
}
