package dev.faultline.instrument;

import dev.faultline.core.Diag;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * The one transformer the agent registers. For every class the JVM loads it does a single hash
 * look-up of the class name; only on a hit does it create the {@link Weaver} (and with it load
 * Byte Buddy). Anything that goes wrong leaves the class as it was.
 */
public final class NameMatchingTransformer implements ClassFileTransformer {
    private final Instrumentation inst;
    private final Map<String, String> targets;
    private volatile Weaver weaver;

    public NameMatchingTransformer(Instrumentation inst, Map<String, String> targets) {
        this.inst = inst;
        this.targets = targets;
    }

    public boolean isTarget(String internalName) {
        return targets.containsKey(internalName);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefining,
            ProtectionDomain domain, byte[] classfile) {
        if (className == null) {
            return null;
        }
        String instrumentation = targets.get(className);
        if (instrumentation == null) {
            return null;
        }
        try {
            long start = System.nanoTime();
            Object rewriter = Class.forName(instrumentation).getDeclaredConstructor().newInstance();
            byte[] woven = rewriter instanceof ClassRewriter
                    ? ((ClassRewriter) rewriter).rewrite(classfile)
                    : weaver().weave(instrumentation, module, loader, className, classfile);
            if (Diag.debugEnabled()) {
                Diag.debug((woven == null ? "left " + className + " unchanged" : "instrumented " + className) + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms on " + Thread.currentThread().getName());
            }
            return woven;
        } catch (Throwable t) {
            Diag.info("could not instrument " + className + ", it is left unchanged: " + t);
            return null;
        }
    }

    /** Created on first use; the agent thread calls this early to warm Byte Buddy up. */
    public Weaver weaver() {
        Weaver w = weaver;
        if (w == null) {
            synchronized (this) {
                w = weaver;
                if (w == null) {
                    w = new Weaver(inst);
                    weaver = w;
                }
            }
        }
        return w;
    }
}
