package dev.faultline.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The only agent class the application's class loader sees. Premain does three things and
 * returns: it creates the isolated class loader over the jar's hidden {@code inst/} entries,
 * puts the bridge ({@code dev.faultline.bootstrap}) into the bootstrap class loader so woven
 * advice in any class loader can reach it, and hands over to the agent inside the isolated loader. Everything slow
 * (MongoDB, Byte Buddy) happens later on the agent's own thread.
 *
 * <p>No lambdas and no reference to any other agent class here: this runs on the application's
 * main thread before {@code main}, and a bridge class touched before the append would be loaded
 * a second time by the application class loader.
 */
public final class FaultlineAgent {
    private static final String INJECTOR = "dev.faultline.core.BridgeInjector";
    private static final String STARTER = "dev.faultline.core.AgentStarter";
    private static final String CLI = "dev.faultline.cli.Cli";
    private static boolean started;

    private FaultlineAgent() {
    }

    public static void premain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst);
    }

    /** Loading into a running JVM ({@code attach <pid>}) takes the same path. */
    public static void agentmain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst);
    }

    /** {@code java -jar faultline-agent.jar <command>}: the CLI, inside the isolated loader. */
    public static void main(String[] args) throws Throwable {
        ClassLoader loader = new AgentClassLoader(new JarFile(agentJar()));
        Method main = loader.loadClass(CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static synchronized void start(String agentArgs, Instrumentation inst) {
        if (started) {
            return;
        }
        started = true;
        try {
            JarFile jar = new JarFile(agentJar());
            ClassLoader loader = new AgentClassLoader(jar);
            loader.loadClass(INJECTOR)
                    .getMethod("inject", Instrumentation.class, JarFile.class)
                    .invoke(null, inst, jar);
            loader.loadClass(STARTER)
                    .getMethod("start", Instrumentation.class, String.class)
                    .invoke(null, inst, agentArgs);
        } catch (InvocationTargetException e) {
            fail(e.getCause());
        } catch (Throwable t) {
            fail(t);
        }
    }

    private static void fail(Throwable t) {
        // The application must start regardless; say why we are not there.
        System.err.println("[faultline] agent not started: " + t);
    }

    private static File agentJar() throws URISyntaxException {
        return new File(FaultlineAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
