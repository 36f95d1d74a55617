/**
 * The command line, {@code java -jar faultline-agent.jar <command>} (docs/CLI.md): one class per
 * command, argument parsing ({@code Args}), tables and terminal-safe text, and
 * {@code attach <pid>}, which loads the agent into a running JVM.
 *
 * <p>Stage: after the data flow, for people and scripts.
 *
 * <p>Threads: the {@code java -jar} main thread ({@code serve} then hands over to
 * {@code dev.faultline.web}).
 *
 * <p>Class loader: the isolated agent class loader, created by {@code FaultlineAgent.main}.
 *
 * <p>Users rely on the commands, options, output ({@code --json}) and exit codes of
 * docs/CLI.md; the classes are internal.
 */
package dev.faultline.cli;
