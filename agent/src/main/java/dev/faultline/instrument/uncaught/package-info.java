/**
 * The capture path for uncaught exceptions. It hooks
 * {@code java.lang.Thread#dispatchUncaughtException}: one call to {@code bootstrap.Uncaught} is
 * inserted with plain ASM, in premain, so the hook is live before {@code main}. Not Byte Buddy
 * advice: nothing is inlined, the call is to the bridge.
 *
 * <p>Stage: the first step of the data flow, a hook that hands the dying thread's exception to
 * the bridge.
 *
 * <p>Threads: the rewrite runs in premain (or agentmain). The inserted call runs on the dying
 * thread.
 *
 * <p>Class loader: the isolated agent class loader; the inserted call targets the bridge in the
 * boot loader; {@code java.base} is made to read the bridge's module first.
 *
 * <p>Internal. Users rely on the {@code capture.<path>} switch and on what docs/PATHS.md says
 * is hooked and tested.
 */
package dev.faultline.instrument.uncaught;
