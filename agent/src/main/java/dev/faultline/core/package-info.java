/**
 * Start-up and the agent's own output: {@code BridgeInjector} puts the bridge into the boot
 * loader; {@code AgentStarter} reads the settings and installs the intake ({@code intake.Gate}, the
 * bridge's sink), the transformer and the shutdown hook, and starts {@code WriterStart}, which
 * makes the writer on its own thread; {@code WriterParts} makes what the writer needs on the
 * writer's own thread (the identity and the pipeline once the application's start-up is over or
 * it captured something); {@code Diag} prints the agent's diagnostics on stderr (never through the
 * application's logging); {@code AgentVersion} reads the build's version.
 *
 * <p>Stage: before the data flow; it wires the stages together.
 *
 * <p>Threads: premain (the application's main thread, or the attach listener thread);
 * {@code faultline-start} runs the deferred weaving ({@code Weaving#completeOnAgentThread}) and
 * makes the writer; {@code faultline-writer} runs {@code WriterParts#start}; {@code
 * faultline-shutdown} runs the shutdown hook;
 * {@code Diag} is called from any agent thread. Nothing slow runs in premain: see
 * docs/ARCHITECTURE.md.
 *
 * <p>Class loader: the isolated agent class loader.
 *
 * <p>Internal: no user may rely on anything here.
 */
package dev.faultline.core;
