package dev.faultline.instrument;

import dev.faultline.config.Config;
import dev.faultline.core.Diag;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the transformer in premain (cheap: a name table) and, later on the agent's thread,
 * weaves the targets that were already loaded before premain and warms Byte Buddy up so that the
 * first library class the application loads is woven quickly.
 */
public final class Weaving {
    private final Instrumentation inst;
    private final NameMatchingTransformer transformer;

    private Weaving(Instrumentation inst, NameMatchingTransformer transformer) {
        this.inst = inst;
        this.transformer = transformer;
    }

    public static Weaving install(Instrumentation inst, Config config) {
        NameMatchingTransformer transformer = new NameMatchingTransformer(inst, Targets.enabled(config));
        inst.addTransformer(transformer, true);
        return new Weaving(inst, transformer);
    }

    /** Runs on the agent's thread, never on the application's. */
    public void completeOnAgentThread() {
        transformer.weaver();
        List<Class<?>> loaded = new ArrayList<Class<?>>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (transformer.isTarget(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                Diag.info("could not instrument already loaded " + loaded + ": " + t);
            }
        }
    }
}
