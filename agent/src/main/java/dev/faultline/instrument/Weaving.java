package dev.faultline.instrument;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.config.Config;
import dev.faultline.core.Diag;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Installs the transformer in premain (cheap: a name table) and, later on the agent's thread,
 * weaves the targets that were already loaded before premain and, on an application's first
 * start with this agent build, the targets not loaded yet ahead of their load ({@link
 * AheadOfLoad}), which warms Byte Buddy up so that a target the application loads meanwhile is
 * woven quickly.
 */
public final class Weaving {
    private static final String THREAD = "java/lang/Thread";
    private final Instrumentation inst;
    private final NameMatchingTransformer transformer;
    /** Made at the writer's first question, not in premain (one class fewer on the main thread). */
    private StartupPace pace;

    private Weaving(Instrumentation inst, NameMatchingTransformer transformer) {
        this.inst = inst;
        this.transformer = transformer;
    }

    /**
     * True while the application is still loading classes at start-up pace ({@link StartupPace}).
     * The writer thread asks this, and only it: the MongoDB client's ~700 classes then wait until
     * they no longer compete with the application's start.
     */
    public boolean applicationStarting() {
        long now = System.nanoTime();
        if (pace == null) {
            pace = new StartupPace(now, transformer.classesSeen());
        }
        return pace.starting(transformer.classesSeen(), now);
    }

    public static Weaving install(Instrumentation inst, Config config) {
        NameMatchingTransformer transformer = new NameMatchingTransformer(inst, Targets.enabled(config));
        inst.addTransformer(transformer, true);
        if (transformer.isTarget(THREAD)) {
            // The uncaught hook is plain ASM (no Byte Buddy), and on a restart comes from the
            // woven-class cache: cheap enough to be live before main.
            try {
                readBridge(inst, Thread.class.getModule());
                inst.retransformClasses(Thread.class);
            } catch (Throwable t) {
                Diag.info("could not instrument java.lang.Thread, uncaught exceptions are not recorded: " + t);
            }
        }
        return new Weaving(inst, transformer);
    }

    /**
     * A class in a named module (java.logging's Logger, java.base's Thread) may only call the
     * bridge, which lives in the boot loader's unnamed module, once its module reads that one.
     */
    static void readBridge(Instrumentation inst, Module module) {
        Module bridgeModule = Bridge.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(bridgeModule)) {
            inst.redefineModule(module, Set.of(bridgeModule), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }

    /** The JVM's command without its arguments: the jar or main class (module/class) it runs. */
    private static String application() {
        String command = System.getProperty("sun.java.command", "").trim();
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /** Runs on the agent's thread, never on the application's. */
    public void completeOnAgentThread() {
        // The first start of this application with this agent build: its targets are not in the
        // cache, and are woven ahead of their load. Not "the cache has entries": another
        // application's start with the same build on this machine filled it, and Tomcat's first
        // start then wove HttpServlet on its main thread (718 ms). Later starts take every
        // target from the cache, Byte Buddy is loaded only for one that changed, and nothing is
        // done ahead (asking the loaders for the class files cost a Boot start 100-150 ms of CPU).
        final AheadOfLoad ahead = transformer.cache().firstStartOf(application()) ? new AheadOfLoad(transformer) : null;
        // From now on, before the list below: a target loaded meanwhile is not woven ahead.
        transformer.tell(ahead);
        // Listed before any weaving: what the application loads meanwhile is woven as it loads.
        List<Class<?>> loaded = new ArrayList<Class<?>>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName().replace('.', '/');
            if (transformer.isTarget(name)) {
                if (ahead != null) {
                    ahead.loading(name);
                }
                if (!name.equals(THREAD) && inst.isModifiableClass(c)) {
                    loaded.add(c);
                }
            }
        }
        // One at a time: a JDK class that refuses must not keep the others unwoven.
        for (Class<?> c : loaded) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                Diag.info("could not instrument already loaded " + c.getName() + ": " + t);
            }
        }
        if (ahead == null) {
            return;
        }
        // After those: an application that logs at once must find them woven without waiting.
        // On a thread of its own, a daemon: the writer goes on (connects, flushes), and a JVM that
        // exits meanwhile (a short-lived tool) neither waits for it nor loses its final flush.
        Thread warmUp = dev.faultline.core.AgentThreads.daemon(new Runnable() {
            @Override
            public void run() {
                dev.faultline.bootstrap.Bridge.markAgentThread();
                long start = System.nanoTime();
                try {
                    // The JDK's targets not loaded yet, which also loads what Byte Buddy needs;
                    // the warm-up weave of a class of ours only when there were none.
                    if (ahead.weaveJdk() == 0) {
                        WarmUp.run(transformer.weaver());
                    }
                } catch (Throwable t) {
                    Diag.debug("warm-up weave failed (the first real weave pays for it): " + t);
                }
                Diag.debug("weaver warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                ahead.weaveLibraries();
                transformer.tell(null);
            }
        }, "faultline-warmup");
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }
}
