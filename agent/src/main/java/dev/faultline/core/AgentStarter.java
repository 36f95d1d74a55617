package dev.faultline.core;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.capture.CodeNames;
import dev.faultline.capture.Redactor;
import dev.faultline.codes.Clock;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.bootstrap.Unobserved;
import dev.faultline.config.Config;
import dev.faultline.config.ConfigException;
import dev.faultline.instrument.Weaving;
import dev.faultline.intake.CallerFrames;
import dev.faultline.intake.EventQueue;
import dev.faultline.intake.Gate;
import dev.faultline.intake.StormShed;
import dev.faultline.store.Health;
import dev.faultline.store.Writer;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's start inside the isolated class loader, called from premain (or agentmain) after
 * the bridge is in place. Cheap steps only: settings, the queue, the transformer, the shutdown
 * hook, and the thread that makes the writer. No lambdas: this runs on the application's main thread.
 */
public final class AgentStarter {
    private AgentStarter() {
    }

    public static void start(final Instrumentation inst, String agentArgs) {
        final Config config;
        try {
            config = Config.load(systemProperties(), System.getenv(), agentArgs);
        } catch (ConfigException e) {
            // A line per bad value that names key, value and expected form, and says what happens
            // next; the warnings (an unknown key may be the one meant) first, as on a good start.
            printAll(e.warnings());
            printAll(e.lines());
            if (e.strict()) {
                System.exit(1);
            }
            return;
        }
        printAll(config.warnings());
        if (!config.enabled()) {
            return;
        }
        Diag.setDebug(config.debug());
        if (config.debug()) {
            // Guarded: building this string costs more than everything else premain does.
            Diag.debug("settings: " + config);
        }

        Health health = new Health();
        health.groupingRules(config.groupingRules());
        // Its redactor is made on the writer's thread below (shared with the records), or by the first application thread to log a code before that.
        final CodeNames codeNames = new CodeNames(new java.util.function.Supplier<Redactor>() {
            @Override
            public Redactor get() {
                return Redactor.of(config);
            }
        });
        ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, config.reAlert().toMillis(), codeNames);
        EventQueue queue = new EventQueue(config.queueSize(), config.queueMaxBytes());
        StormShed storms = new StormShed(config.stormKeepPerWindow(), config.stormWindow().toMillis());
        // Only when set: the search's class (one, a list of prefixes) is otherwise loaded at the
        // first call site, not in premain.
        if (!config.logWrappers().isEmpty()) {
            CallerFrames.useWrappers(config.logWrappers());
        }
        Gate gate = new Gate(queue, tracker, health, config.suppressDuplicateLogs(), config.maxMessageLength(), storms);
        final Weaving weaving = Weaving.install(inst, config);
        // Made on its own thread; the queue holds what is captured meanwhile.
        final LastHook[] lastHook = new LastHook[1];
        final WriterStart writer = new WriterStart(new WriterStart.Maker() {
            @Override
            public WriterStart.Made make() {
                // First: targets loaded before premain are woven, and on a cold woven-class cache
                // Byte Buddy's warm-up starts, before the writer's making delays them.
                weaving.completeOnAgentThread();
                codeNames.redactor();
                final Writer made = new Writer(config, queue, health, tracker,
                        new WriterParts(config, tracker, codeNames, weaving, inst, lastHook[0]), storms);
                // Started before it is handed over: a writer's shutdown waits for its thread to end.
                made.start();
                return new WriterStart.Made() {
                    @Override
                    public void shutdown(long deadlineNanos) {
                        made.shutdown(deadlineNanos);
                    }
                };
            }
        }, health, queue, config.shutdownTimeout().toNanos());
        // After the application's own hooks: what they log is still captured (LastHook).
        lastHook[0] = LastHook.register(new Runnable() {
            @Override
            public void run() {
                // Futures still unread now never will be: recorded before the writer stops.
                Unobserved.reportRemaining();
                writer.shutdown();
            }
        }, config.shutdownTimeout().toNanos(), inst);
        Bridge.install(gate, config.captureLevel(), true);
        Bridge.rememberLogEvents(config.breadcrumbsSize());
        writer.start();
    }

    private static void printAll(List<String> lines) {
        for (String line : lines) {
            System.err.println(line);
        }
    }

    private static Map<String, String> systemProperties() {
        Properties props = System.getProperties();
        Map<String, String> copy = new HashMap<String, String>();
        for (String name : props.stringPropertyNames()) {
            copy.put(name, props.getProperty(name));
        }
        return copy;
    }
}
