package dev.faultline.core;

/**
 * The agent's own threads: daemons whose death is the agent's business alone. An exception that
 * escapes one must not reach the application's default handler, which may treat any thread's
 * death as fatal and exit (a trial: a SecurityManager the application installed at run time
 * refused the writer a system property, and the application's handler reported its death as
 * the application's crash). One stderr line says what stopped.
 */
public final class AgentThreads {
    private static final Thread.UncaughtExceptionHandler OWN = (thread, t) -> {
        try {
            Diag.info("the agent's thread " + thread.getName() + " stopped (" + t + "): what it did is not done any more;"
                    + " the application is not affected");
        } catch (Throwable ignored) {
            // nothing left to say it with
        }
    };

    private AgentThreads() {
    }

    /** A daemon thread of the agent running {@code task}, its deaths reported as above. */
    public static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(OWN);
        return t;
    }

    /** {@code t} with the agent's handler: for a thread made otherwise (a shutdown hook, which is not a daemon). */
    public static Thread own(Thread t) {
        t.setUncaughtExceptionHandler(OWN);
        return t;
    }
}
