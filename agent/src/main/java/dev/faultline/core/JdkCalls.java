package dev.faultline.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Premain's calls of JDK-internal methods (the bridge's definition in the boot loader, the final
 * flush's shutdown slot), the cheapest way each JDK allows. On JDK 17 core reflection calls the
 * method natively for its first 15 calls and creates nothing; a method handle's first exact call
 * spins lambda forms, 3-8 ms of the application's main thread per call site (class-load timeline
 * of a hello world). From JDK 18 reflection itself runs on method handles and costs far more
 * (about 100 ms for a six-argument method on JDK 25), so there the callers use one exact method
 * handle.
 */
final class JdkCalls {
    /** JDK 17 (the oldest supported): {@link Method#invoke} calls natively. */
    static final boolean REFLECTION_IS_NATIVE = Runtime.version().feature() < 18;

    private JdkCalls() {
    }

    /** {@code method.invoke(target, args)} with the method's own exception thrown as it is. */
    static Object invoke(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Exports {@code pkg} of {@code java.base} to the agent's own module, once. */
    static void exportToAgent(Instrumentation inst, String pkg) {
        Module base = Object.class.getModule();
        Module agent = JdkCalls.class.getModule();
        if (!base.isExported(pkg, agent)) {
            inst.redefineModule(base, Collections.<Module>emptySet(), Collections.singletonMap(pkg, Collections.singleton(agent)),
                    Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
                    Collections.<Class<?>, List<Class<?>>>emptyMap());
        }
    }
}
