package dev.faultline.instrument;

import dev.faultline.core.Diag;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * The one transformer the agent registers. For every class the JVM loads it does a single hash
 * look-up of the class name; only on a hit does it look in the {@link WovenCache} and, when an
 * earlier run did not weave this class file already, create the {@link Weaver} (and with it load
 * Byte Buddy). Anything that goes wrong leaves the class as it was.
 */
public final class NameMatchingTransformer implements ClassFileTransformer {
    private final Instrumentation inst;
    private final Map<String, String> targets;
    private volatile Weaver weaver;
    private volatile WovenCache cache;
    /** Classes the JVM loaded (or redefined) since premain: how busy the application's start is. Racy increments lose a few; it is a rate. */
    private volatile int seen;
    /** Set while targets are woven ahead of their load (a cold cache, the application's start); told of each class. */
    private volatile AheadOfLoad ahead;

    public NameMatchingTransformer(Instrumentation inst, Map<String, String> targets) {
        this.inst = inst;
        this.targets = targets;
    }

    /** How many classes the JVM has handed to this transformer. */
    int classesSeen() {
        return seen;
    }

    public boolean isTarget(String internalName) {
        return targets.containsKey(internalName);
    }

    /** The internal names of the classes this transformer weaves. */
    java.util.Set<String> targetNames() {
        return targets.keySet();
    }

    /** Tells {@code a} of each class loaded from now on (its loader, and the targets); null stops. */
    void tell(AheadOfLoad a) {
        ahead = a;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefining,
            ProtectionDomain domain, byte[] classfile) {
        seen++;
        AheadOfLoad a = ahead;
        if (a != null) {
            a.saw(loader);
        }
        if (className == null) {
            return null;
        }
        String instrumentation = targets.get(className);
        if (instrumentation == null) {
            return null;
        }
        if (a != null) {
            a.loading(className);
        }
        return weave(module, loader, className, classfile, instrumentation, false);
    }

    /**
     * {@link AheadOfLoad}'s weave of a target not loaded yet: the same weave and cache, told
     * apart in the debug lines, which say nothing of a class left unchanged (its load says it);
     * a failure is a debug line, as the application may never load the class (Log4j2's
     * {@code AsyncLogger} without the disruptor library it needs).
     *
     * @return the woven class file, or null when the class is not a target, is left unchanged or failed
     */
    byte[] weaveAhead(Module module, ClassLoader loader, String className, byte[] classfile) {
        String instrumentation = targets.get(className);
        return instrumentation == null ? null : weave(module, loader, className, classfile, instrumentation, true);
    }

    private byte[] weave(Module module, ClassLoader loader, String className, byte[] classfile, String instrumentation,
            boolean ahead) {
        if (loader != null && loader == NameMatchingTransformer.class.getClassLoader()) {
            // The agent's own SLF4J (for its MongoDB driver, under inst/) is no application's.
            return null;
        }
        try {
            long start = System.nanoTime();
            // Not initialised before it is needed: an instrumentation's static matchers load Byte Buddy.
            Class<?> type = Class.forName(instrumentation, false, NameMatchingTransformer.class.getClassLoader());
            // Plain ASM, no Byte Buddy (java.lang.Thread in premain); from the cache on a restart
            // all the same: its ~30 ASM classes cost premain ~25 ms.
            boolean plain = ClassRewriter.class.isAssignableFrom(type);
            WovenCache kept = cache();
            byte[] woven = kept.get(className, classfile, plain);
            String how = " (from the cache)";
            if (woven == null) {
                woven = plain
                        ? ((ClassRewriter) type.getDeclaredConstructor().newInstance()).rewrite(classfile)
                        : weaver().weave(instrumentation, module, loader, className, classfile);
                kept.put(className, classfile, woven, plain);
                how = "";
            } else if (woven == WovenCache.UNCHANGED) {
                woven = null;
            }
            if (woven != null) {
                // A class in a named module (java.logging's Logger) may only call the bridge, in
                // the boot loader's unnamed module, once its module reads that one.
                Weaving.readBridge(inst, module);
            }
            if (!ahead || woven != null) {
                done(className, woven, start, (ahead ? " ahead of its load" : "") + how);
            }
            return woven;
        } catch (Throwable t) {
            if (ahead) {
                Diag.debug("could not weave " + className + " ahead of its load, it is woven at its load: " + t);
            } else {
                Diag.info("could not instrument " + className + ", it is left unchanged: " + t);
            }
            return null;
        }
    }

    private static void done(String className, byte[] woven, long start, String how) {
        if (Diag.debugEnabled()) {
            Diag.debug((woven == null ? "left " + className + " unchanged" : "instrumented " + className) + how + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms on " + Thread.currentThread().getName());
        }
    }

    /** Opened at the first target class, never in premain's own work. */
    WovenCache cache() {
        WovenCache c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null) {
                    c = WovenCache.open();
                    cache = c;
                }
            }
        }
        return c;
    }

    /** Created on first use; the agent thread calls this early to warm Byte Buddy up. */
    public Weaver weaver() {
        Weaver w = weaver;
        if (w == null) {
            synchronized (this) {
                w = weaver;
                if (w == null) {
                    w = new Weaver();
                    weaver = w;
                }
            }
        }
        return w;
    }
}
