package dev.faultline.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.faultline.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * A complete weave of a small class of the agent's own, shaped like a logging hook, whose result
 * is thrown away: run on the writer thread at start, it loads and links the Byte Buddy classes
 * that the first real weave needs. Creating the weaver alone loaded about a third of them; the
 * rest (538 classes, measured with {@code -Xlog:class+load:file=cl.txt:uptime,tid} in Spring MVC
 * on Tomcat) were loaded by the application's main thread, inside the weave of the first target
 * class it loaded (JUL's {@code Logger}, for Tomcat's first log line).
 */
public final class WarmUp implements TypeInstrumentation {
    /** The class woven: never loaded woven, only its class file is read. */
    static final class Target {
        void log(String message) {
            message.length();
        }
    }

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        return Advices.of(getClass(), "LogAdvice", pool, locator).on(named("log"));
    }

    /** Weaves {@link Target} with {@code weaver}; the woven class file is discarded. */
    static void run(Weaver weaver) throws Exception {
        ClassLoader agent = WarmUp.class.getClassLoader();
        String name = Target.class.getName();
        byte[] classfile = ClassFileLocator.ForClassLoader.of(agent).locate(name).resolve();
        weaver.weave(WarmUp.class.getName(), WarmUp.class.getModule(), agent, name.replace('.', '/'), classfile);
    }

    static final class LogAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        static Object enter(@Advice.Argument(0) String message) {
            return Bridge.captures(0) ? Bridge.capture("warm-up", 0, 0L, null, null, message, null, 0, null, null, null, true) : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
