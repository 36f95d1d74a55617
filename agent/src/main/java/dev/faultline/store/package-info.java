/**
 * The writes: {@code Writer} (the {@code faultline-writer} thread: drains the queue through the
 * pipeline, batches, writes, backs off, shuts down within its deadline), {@code Database} (what
 * the writer needs of MongoDB; {@code MongoStore} is the real one: the client and indexes),
 * {@code Backoff}, {@code GroupWriter} ({@code error_groups} counts, coalesced), {@code Storms}
 * (per fingerprint and window: stored in full, sampled, or only counted), {@code SpooledCounts}
 * (the group and error-code counts kept in the spool, applied once on replay), {@code Health}
 * ({@code agent_health}: every event counted, every drop by reason). Nothing here builds or reads
 * a record's content.
 *
 * <p>Stage: the last one.
 *
 * <p>Threads: {@code faultline-writer}; {@code faultline-insert} makes the driver call of the one
 * batch in flight ({@code InsertInFlight}) and nothing else; {@code Health} counters are also
 * bumped on application threads by the intake. The shutdown hook ({@code faultline-shutdown})
 * stops intake and waits for the writer's last flush, at most {@code shutdown.timeout}; when the
 * writer is stuck in a call to MongoDB, it takes the group counts waiting in {@code GroupWriter}
 * (guarded by its map) and the storm table's shed counts into the spool.
 *
 * <p>Class loader: the isolated agent class loader, with the relocated MongoDB driver.
 *
 * <p>Internal. Users rely on the collections and fields of docs/SCHEMA.md and
 * docs/GROUPING.md, and on the counts in {@code agent_health}.
 */
package dev.faultline.store;
