/**
 * The capture path for java.util.logging. It hooks {@code java.util.logging.Logger#log(LogRecord)};
 * a {@code Map} among the record's parameters is the event's context. {@code Logger} is in the
 * named module {@code java.logging}, which is made to read the bridge before weaving.
 *
 * <p>Stage: the first step of the data flow, woven advice that hands plain values to the
 * bridge.
 *
 * <p>Threads: the instrumentation runs on the thread that loads its target class (or on
 * {@code faultline-writer} for a class loaded before premain); the inlined advice runs on
 * application threads, inside the library's method.
 *
 * <p>Class loader: the instrumentation class lives in the isolated agent class loader. Its
 * nested advice class is never loaded there: it is inlined into the target and runs in the
 * target's loader, so it may use the library's types and the bridge only.
 *
 * <p>Internal. Users rely on the {@code capture.<path>} switch and on what docs/PATHS.md says
 * is hooked and tested.
 */
package dev.faultline.instrument.jul;
