/**
 * The bridge between woven advice and the agent: {@code Bridge} (level check, the shared per-thread
 * call depth, the one hand-off to the agent), {@code BridgedCall} (a bridge's call held open for the
 * backend's hook), {@code CapturedEvent} (the references an event holds),
 * {@code RequestContext}
 * (the web request in progress), {@code Uncaught} and {@code Unobserved} (uncaught exceptions and
 * executor failures nobody reads), {@code Severity}, and {@code EventSink}, which the agent
 * implements.
 *
 * <p>Stage: the first one. Advice calls in here; an event leaves through {@code EventSink}.
 *
 * <p>Threads: application threads, inside the instrumented library's method, so nothing here may
 * block, allocate more than the event, or throw. Also {@code faultline-unobserved}, the daemon
 * thread {@code Unobserved} starts with the first watched executor failure, and
 * {@code faultline-shutdown} ({@code Unobserved#reportRemaining}). The call site is kept by the
 * agent's intake and resolved by {@code dev.faultline.pipeline.CallSite}, not here.
 *
 * <p>Class loader: the bootstrap loader, defined there by {@code core.BridgeInjector} at premain,
 * so that advice woven into JDK classes and into every application class loader can reach it. JDK
 * types only. In {@code java -jar} (no premain), {@code AgentClassLoader} reads these classes from
 * the jar instead.
 *
 * <p>Internal: no user may rely on anything here. Advice and the agent are the only callers.
 */
package dev.faultline.bootstrap;
