/**
 * The entry points: {@code FaultlineAgent} (premain, agentmain, and {@code main} of
 * {@code java -jar faultline-agent.jar}) and {@code AgentClassLoader}, the isolated loader that
 * reads every other agent class from the jar's hidden {@code inst/} entries.
 *
 * <p>Stage: before the data flow. Premain creates the isolated loader, has
 * {@code core.BridgeInjector} put {@code dev.faultline.bootstrap} into the boot loader, and calls
 * {@code core.AgentStarter}; {@code main} hands the command line to {@code cli.Cli}.
 *
 * <p>Threads: the application's main thread in premain, the attach listener thread in agentmain,
 * the main thread of {@code java -jar}.
 *
 * <p>Class loader: the application's class loader. These are the only agent classes stored as
 * plain class files that it can see (besides the bridge), so they use JDK types only, no lambdas,
 * and name the other agent classes by string, never by reference.
 *
 * <p>Users rely on the command line and the {@code -javaagent} / attach entry points, documented
 * in README.md and docs/CLI.md; the classes themselves are internal.
 */
package dev.faultline.agent;
