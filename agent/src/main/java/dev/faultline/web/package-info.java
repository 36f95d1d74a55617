/**
 * The HTTP console of {@code serve} (docs/HTTP.md): the JSON API under {@code /api/}, the web
 * page, its script and style, and {@code Guard} (who may change what: loopback by default, a
 * token otherwise).
 *
 * <p>Stage: after the data flow, for people and scripts.
 *
 * <p>Threads: the {@code faultline-http-*} threads of the JDK's HTTP server, in the
 * {@code java -jar ... serve} process.
 *
 * <p>Class loader: the isolated agent class loader; the page's resources are read through it from
 * the jar's {@code inst/} entries.
 *
 * <p>Users rely on the routes, parameters and answers of docs/HTTP.md; the classes are internal.
 */
package dev.faultline.web;
