package dev.faultline.store;

import dev.faultline.bootstrap.Bridge;

/**
 * Makes the MongoDB client on a thread of its own ({@code faultline-connect}), so that the writer
 * goes on spooling what the application captures meanwhile: the client's start loads about 700
 * driver and BSON classes, a few hundred ms once per JVM, and a kill -9 in that time must not lose
 * the errors that arrived (OPERATIONS.md, kill -9).
 *
 * <p>The driver's and BSON's classes initialise each other, so a class the writer initialises
 * while this thread does can deadlock the two: the writer builds and encodes one record of each
 * kind it spools before the first {@link #poll} ({@code Writer.warmUp}), and then initialises
 * none of them.
 */
final class ClientStart {
    private final Database.Opener opener;
    private final Health health;
    private Thread thread;
    private volatile Database made;
    private volatile RuntimeException failure;

    ClientStart(Database.Opener opener, Health health) {
        this.opener = opener;
        this.health = health;
    }

    /**
     * The client once made, else null (its start begins at the first call, and again at the call
     * after a failure). Writer thread only.
     *
     * @throws RuntimeException what making the client threw (once; the next call starts again)
     */
    Database poll() {
        if (made != null) {
            return made;
        }
        RuntimeException failed = failure;
        if (failed != null) {
            failure = null;
            thread = null;
            throw failed;
        }
        if (thread == null) {
            thread = dev.faultline.core.AgentThreads.daemon(this::make, "faultline-connect");
            thread.start();
        }
        return null;
    }

    private void make() {
        Bridge.markAgentThread();
        try {
            made = opener.open(health);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the MongoDB client could not be made: " + e, e);
        }
    }
}
