/**
 * Where events enter the agent: {@code Gate}, the bridge's call into the agent (before the event
 * is made: a storm's key counted, a suppressed code, a full queue; then the error-code
 * decision, level check for code-only events, one occurrence per Throwable, the call-site stack),
 * {@code EventSize} (oversized text cut to the record caps, bytes estimated in constant time), and
 * {@code EventQueue}, the hand-off to the writer, bounded by count and by bytes, and
 * {@code StormShed}, which counts a storm of one key instead of queueing it (the writer sweeps the counts).
 *
 * <p>Stage: the application side, after the bridge and before the writer.
 *
 * <p>Threads: application threads, and two agent threads that hand over executor failures nobody
 * read ({@code faultline-unobserved}, and {@code faultline-shutdown} through
 * {@code Unobserved#reportRemaining}): so lock-free, no I/O, no waiting for MongoDB, nothing
 * thrown; whatever is refused is counted.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here.
 */
package dev.faultline.intake;
