/**
 * Error codes (docs/ERROR_CODES.md): {@code ErrorCodeTracker} keeps this source's episodes and
 * decides new, suppressed, re-alert or clear on the application thread, and settles the decisions
 * made before the stored episodes loaded on the writer thread (one window rule for both); {@code CodeFields} reads the code keys of one event;
 * {@code CodeUpdates} and {@code EpisodeDocuments} turn decisions into {@code error_codes} writes;
 * {@code Notifier} sends notices.
 *
 * <p>Stage: the gate on the application side (the decision, before anything is copied), and the
 * writer side (the episode's document and its notice).
 *
 * <p>Threads: application threads (decisions, through the gate: lock-free, no I/O, never waits
 * for MongoDB), {@code faultline-writer} (loading stored episodes, settling early decisions, writes, notices), {@code faultline-notify}
 * (webhook POSTs).
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal. Users rely on the context keys, the rules and the {@code error_codes} documents of
 * docs/ERROR_CODES.md.
 */
package dev.faultline.codes;
