/**
 * The disk spool: its file format ({@code SpoolFormat}), appender and reader, records kept in
 * order with a checksum each, one fsync per appended batch; this JVM's own file ({@link
 * dev.faultline.store.spool.OwnSpool}, locked for the JVM's life, a write-ahead log of every
 * batch) and the files of runs that are gone ({@link dev.faultline.store.spool.LeftSpools}).
 *
 * <p>Stage: the writer's side, before and instead of a write to MongoDB (docs/OPERATIONS.md).
 *
 * <p>Threads: the writer thread; the shutdown hook appends the last report when the writer is
 * stuck in a call to MongoDB; the {@code replay} command.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here; the file format is versioned in its header.
 */
package dev.faultline.store.spool;
