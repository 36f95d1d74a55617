/**
 * The capture path for Log4j2. It hooks {@code org.apache.logging.log4j.core.Logger} and
 * {@code core.async.AsyncLogger}: the {@code logMessage} entry and, from 2.13, the LogBuilder's
 * {@code log} entry, before any async hand-off, with the ThreadContext.
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
package dev.faultline.instrument.log4j2;
