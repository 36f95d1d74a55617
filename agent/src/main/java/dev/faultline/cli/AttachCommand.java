package dev.faultline.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.faultline.config.Config;
import dev.faultline.config.ConfigException;
import dev.faultline.config.MongoUris;
import dev.faultline.query.Database;
import dev.faultline.query.HealthReports;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code attach <pid> [key=value ...]}: loads this jar as an agent into a running JVM (the JDK's
 * Attach API), with the given settings as agent arguments. The settings are checked here first,
 * so a typo is reported at this terminal rather than on the target's stderr.
 */
final class AttachCommand extends Command {
    static final int REPORT_WAIT_SECONDS = 20;

    AttachCommand() {
        super("attach", "attach <pid> [key=value ...] [--uri U] [--database D]",
                "load the agent into a running JVM (same user, a JDK, not a JRE)");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().positional(1, 64);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String pid = args.positional().get(0);
        if (!pid.matches("[0-9]{1,10}")) {
            throw new UsageException("<pid> must be a process id, got " + Text.cell(pid, 40));
        }
        if (Long.parseLong(pid) == ProcessHandle.current().pid()) {
            throw new UsageException("cannot attach to this very process");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : args.positional().subList(1, args.positional().size())) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(0, eq).matches("[a-z0-9.\\-]+")) {
                throw new UsageException("settings are key=value (as in -javaagent:faultline-agent.jar=key=value), got " + Text.cell(pair, 80));
            }
            settings.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (args.option("--uri") != null) {
            settings.put("mongo.uri", args.option("--uri"));
        }
        if (args.option("--database") != null) {
            settings.put("mongo.database", args.option("--database"));
        }
        StringBuilder agentArgs = new StringBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            agentArgs.append(agentArgs.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        try {
            // Checked as the attached agent reads them: its arguments (so a message names them so).
            Config checked = Config.load(java.util.Collections.<String, String>emptyMap(),
                    java.util.Collections.<String, String>emptyMap(), agentArgs.toString());
            if (!checked.warnings().isEmpty()) {
                throw new UsageException(checked.warnings().get(0).replaceFirst("^faultline: ", ""));
            }
        } catch (ConfigException e) {
            throw UsageException.of(e);
        }
        String jar;
        try {
            jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException | RuntimeException e) {
            s.err.println("faultline: cannot locate the agent jar: " + e);
            return 1;
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(jar, agentArgs.length() == 0 ? null : agentArgs.toString());
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            s.err.println("faultline: cannot attach to process " + pid + " (" + e.getMessage()
                    + "); it must be a running JVM of the same user");
            return 1;
        } catch (AgentLoadException | AgentInitializationException e) {
            s.err.println("faultline: process " + pid + " refused the agent: " + e.getMessage());
            return 1;
        }
        String uri = settings.get("mongo.uri");
        s.out.println("faultline agent loaded into process " + pid
                + (uri == null ? "" : " (MongoDB " + MongoUris.redact(uri) + ")") + "; its diagnostics go to that process's stderr");
        if (uri != null) {
            awaitReport(s, Long.parseLong(pid), uri, settings.containsKey("mongo.database") ? settings.get("mongo.database") : "faultline");
        }
        return 0;
    }

    /**
     * The agent starts on its own thread after {@code loadAgent} returns: weaving the logging
     * classes the application already loaded, then connecting. Its first {@code agent_health}
     * report means both are done, so "reporting" tells the user that errors from now on are kept.
     */
    private static void awaitReport(Session s, long pid, String uri, String database) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPORT_WAIT_SECONDS);
        try (Database db = Database.open(uri, database)) {
            HealthReports reports = new HealthReports(db);
            String host = Config.hostName();
            while (System.nanoTime() < deadline) {
                if (reports.forProcess(host, pid) != null) {
                    s.out.println("the agent in process " + pid + " is reporting into database " + database);
                    return;
                }
                Thread.sleep(200); // a person is waiting for one line; polling MongoDB 5 times a second is plenty
            }
        } catch (RuntimeException e) {
            // MongoDB unreachable from here, or a bad URI: the warning below says enough.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s.err.println("faultline: warning: the agent in process " + pid + " has not reported into database " + database
                + " within " + REPORT_WAIT_SECONDS + " s; see that process's stderr");
    }
}
