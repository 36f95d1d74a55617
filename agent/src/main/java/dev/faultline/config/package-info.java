/**
 * The settings: every key with its default ({@code Keys}), where each value comes from
 * ({@code Sources}, {@code AgentArgs}), how values parse ({@code Parser}, {@code Values},
 * {@code MongoUris}), and the immutable result ({@code Config}).
 *
 * <p>Stage: before the data flow; the other packages read the resolved {@code Config}.
 *
 * <p>Threads: premain (the application's main thread, so: no lambdas, no regular expressions,
 * no DNS), and the CLI's main thread ({@code attach} checks settings, the commands find the
 * MongoDB URI).
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Users rely on the keys, their defaults, their value forms and the precedence, documented in
 * docs/CONFIGURATION.md and held to the code by {@code ConfigurationDocTest}. The classes are
 * internal.
 */
package dev.faultline.config;
