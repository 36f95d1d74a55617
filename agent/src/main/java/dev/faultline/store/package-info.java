/**
 * The hand-off and the writes: {@code EventQueue} (the sink the bridge calls: the gate and the
 * bounded queue), {@code Writer} (the {@code faultline-writer} thread: connect, batch, write, back
 * off, shut down within its deadline), {@code MongoStore} (the client and indexes),
 * {@code GroupWriter} and {@code GroupDelta} ({@code error_groups} counts, coalesced per batch),
 * {@code Health} ({@code agent_health}: every event counted, every drop by reason).
 *
 * <p>Stage: the last one, and the queue that joins the two halves of the flow.
 *
 * <p>Threads: application threads offer to {@code EventQueue} (never blocking: a full queue
 * drops and counts); everything else runs on {@code faultline-writer}. The shutdown hook
 * ({@code faultline-shutdown}) stops intake and waits for the writer's last flush, at most
 * {@code shutdown.timeout}.
 *
 * <p>Class loader: the isolated agent class loader, with the relocated MongoDB driver.
 *
 * <p>Internal. Users rely on the collections and fields of docs/SCHEMA.md and
 * docs/GROUPING.md, and on the counts in {@code agent_health}.
 */
package dev.faultline.store;
