/**
 * The disk spool's file format ({@code SpoolFormat}), its appender and its reader: records that
 * could not reach MongoDB, kept in order with a checksum each, one fsync per appended batch.
 *
 * <p>Stage: the writer's side, after a write to MongoDB failed (not wired into the writer yet:
 * issue 12, part 2).
 *
 * <p>Threads: the writer thread only.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here; the file format is versioned in its header.
 */
package dev.faultline.store.spool;
