/**
 * Weaving: {@code CapturePaths} (the one table of capture paths: switch, woven types, framework
 * packages, logging or not), {@code Targets} (the transformer's name table, derived from it),
 * {@code TypeInstrumentation} and {@code Advices} (every advice built with a handler that counts
 * what it suppressed into {@code advice_errors}), the one {@code NameMatchingTransformer}, the {@code Weaver} that inlines advice with
 * Byte Buddy, {@code ClassRewriter} for plain ASM rewrites, {@code WovenCache} (woven class files
 * kept between runs, plain rewrites included), and {@code Weaving}, which installs it all and tells
 * the writer whether the application still loads classes at start-up pace. One sub-package per framework or path holds its instrumentation (docs/PATHS.md).
 *
 * <p>Stage: before the data flow; it puts the woven advice, the flow's first step, into the
 * application's libraries.
 *
 * <p>Threads: whichever application thread loads a target class (the transformer runs inside
 * class loading); premain, which rewrites {@code java.lang.Thread}; {@code faultline-writer},
 * which warms up Byte Buddy, retransforms targets loaded before premain and asks
 * {@code Weaving#applicationStarting}.
 *
 * <p>Class loader: the isolated agent class loader. Advice classes are never loaded: their class
 * files are read and inlined into the target, where they run in the target's own loader.
 *
 * <p>Internal: no user may rely on anything here.
 */
package dev.faultline.instrument;
