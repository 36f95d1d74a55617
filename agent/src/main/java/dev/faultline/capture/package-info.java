/**
 * The parts of an {@code app_errors} record: reading the context ({@code ContextReader},
 * {@code KeyValuePairs}), formatting the message, reading the exception chain and its fields,
 * attribution ({@code InAppRule}, {@code Attribution}), the fingerprint, redaction
 * ({@code Redactor} and its rules, {@code AnchorFilter}, which rules a text out of the built-in
 * rules in one pass), making text storable and the 1 MiB cap ({@code RecordScrubber},
 * {@code RecordSize}), {@code RecordFactory}, which assembles them, {@code Occurrence}, the
 * finished record with the typed fields later stages read, and its BSON for the spool, encoded
 * directly ({@code RecordEncoder}; a frame's document is made once and shared, with its BSON,
 * {@code SharedDocument}).
 *
 * <p>Shared parts: frame documents and breadcrumb documents are shared by the records that hold
 * them and never changed after they are made; the scrubber copies what it changes and
 * {@code RecordSize} shrinks a copy.
 *
 * <p>Stage: the writer side, event to record (steps of {@code dev.faultline.pipeline}), before the
 * store writes it.
 *
 * <p>Threads: {@code faultline-writer}. Exceptions: {@code SeenThrowables} (one error seen by two
 * paths is one occurrence), {@code ContextReader#value} and {@code KeyValuePairs} also run on
 * application threads, inside the intake gate, so they are lock-free and never block.
 *
 * <p>Class loader: the isolated agent class loader; application objects are reached only through
 * the references the bridge handed over, and every call into them is guarded ({@code Safe}).
 *
 * <p>Internal. What users rely on is the stored shape, docs/SCHEMA.md and docs/GROUPING.md.
 */
package dev.faultline.capture;
