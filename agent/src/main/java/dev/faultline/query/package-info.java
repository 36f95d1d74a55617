/**
 * Reading and resolving what was stored, shared by the CLI and the HTTP API: the list filters of
 * DESIGN.md section 1 ({@code ErrorQuery}, {@code Params}, {@code Ordering}, {@code Times},
 * {@code Contains}), occurrences, groups, error-code history and health reports, resolution at
 * both levels, and plain JSON output ({@code Json}).
 *
 * <p>Stage: after the data flow; it reads MongoDB and never sees a captured event.
 *
 * <p>Threads: the CLI's main thread and the {@code faultline-http-*} threads of {@code serve}, in
 * a process of its own ({@code java -jar}), never in the application's JVM.
 *
 * <p>Class loader: the isolated agent class loader, with its own MongoDB client ({@code Database}).
 *
 * <p>Internal. Users rely on the filters and answers as docs/CLI.md and docs/HTTP.md document them.
 */
package dev.faultline.query;
