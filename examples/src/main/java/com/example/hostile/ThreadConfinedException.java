package com.example.hostile;

/**
 * Works on the thread that created it (so Logback can log it) and throws from every accessor on
 * any other thread: what the agent meets when it reads the exception on its own thread.
 */
final class ThreadConfinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Thread owner = Thread.currentThread();

    ThreadConfinedException(String message) {
        super(message);
    }

    private void check() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("used off its thread");
        }
    }

    @Override
    public String getMessage() {
        check();
        return super.getMessage();
    }

    @Override
    public String getLocalizedMessage() {
        check();
        return super.getLocalizedMessage();
    }

    @Override
    public StackTraceElement[] getStackTrace() {
        check();
        return super.getStackTrace();
    }

    @Override
    public synchronized Throwable getCause() {
        check();
        return super.getCause();
    }

    @Override
    public String toString() {
        check();
        return super.toString();
    }
}
