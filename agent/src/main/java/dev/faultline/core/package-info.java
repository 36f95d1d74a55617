/**
 * Start-up and the agent's own output: {@code BridgeInjector} puts the bridge into the boot
 * loader, {@code AgentStarter} reads the settings and installs the intake, the transformer, the
 * writer thread and the shutdown hook, {@code WriterParts} makes what the writer needs on its own thread, {@code Diag} prints the agent's diagnostics on stderr
 * (never through the application's logging), {@code AgentVersion} reads the build's version.
 *
 * <p>Stage: before the data flow; it builds the pipeline and hands it to the bridge.
 *
 * <p>Threads: premain (the application's main thread, or the attach listener thread); the
 * writer thread runs {@code AgentStarter}'s deferred weaving; {@code Diag} is called from any
 * agent thread. Nothing slow runs in premain: see docs/ARCHITECTURE.md.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here.
 */
package dev.faultline.core;
