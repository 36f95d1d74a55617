/**
 * The writer thread's one way through, per event, in this order: {@code CallSite} (the logging
 * call site's file and line from the frame the intake kept), the error-code decision settled against the stored
 * episodes ({@code ErrorCodeTracker#resolve}), the typed record with its fingerprint, redaction and
 * caps ({@code capture.RecordFactory}, giving a {@code capture.Occurrence}), and, once MongoDB has
 * stored it, the {@code GroupDelta}. {@code Pipeline} runs the steps; none touches MongoDB, so each
 * is unit-tested without one.
 *
 * <p>Stage: between the queue and the store.
 *
 * <p>Threads: {@code faultline-writer} only.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here.
 */
package dev.faultline.pipeline;
