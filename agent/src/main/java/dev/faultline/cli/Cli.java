package dev.faultline.cli;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import dev.faultline.config.MongoUris;
import dev.faultline.core.AgentVersion;
import dev.faultline.query.InvalidParameter;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar faultline-agent.jar <command>}: find, read and resolve recorded errors, serve
 * the console, attach the agent to a running JVM. Exit codes: 0 done, 1 failed (no server, no
 * such id), 2 bad arguments (with a one-line usage hint). Ordinary mistakes never print a stack
 * trace. Loaded only here, in the isolated class loader, never by premain.
 */
public final class Cli {
    static final String PREFIX = "usage: java -jar faultline-agent.jar ";
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new ErrorsCommand(), new ErrorCommand(), new GroupsCommand(), new GroupCommand(),
            ResolveCommand.resolve(), ResolveCommand.unresolve(), ResolveCommand.ignore(), new SnoozeCommand(), OwnCommand.assign(),
            OwnCommand.comment(), MergeCommand.merge(), MergeCommand.unmerge(), new GroupingRulesCommand(), new CodesCommand(),
            new AlertsCommand(), new NoticesCommand(), new HealthCommand(), new ReplayCommand(), new ServeCommand(), new AttachCommand()}) {
            COMMANDS.put(c.name, c);
        }
    }

    private Cli() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        // serve returns only once its server has stopped; every other command is done here.
        System.exit(code);
    }

    /** Names people try for a command, in other tools' words (a trial typed {@code console} for {@code serve}). */
    private static final Map<String, String> ALIASES = Map.of("console", "serve", "ui", "serve", "web", "serve",
            "list", "errors", "ls", "errors", "show", "error", "status", "health");

    static int run(String[] args, PrintStream out, PrintStream err) {
        String name = args.length == 0 ? "help" : args[0];
        switch (name) {
            case "version":
            case "--version":
                return version(args, out, err);
            case "help":
            case "--help":
            case "-h":
                return help(args, out, err);
            default:
                break;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            String meant = ALIASES.get(name);
            err.println("faultline: unknown command \"" + Text.cell(name, 40) + "\"" + (meant == null ? "" : " (did you mean " + meant + "?)"));
            err.println(PREFIX + "<" + String.join("|", COMMANDS.keySet()) + "|version|help> [options]");
            return 2;
        }
        Args parsed;
        try {
            parsed = Args.parse(Arrays.asList(args).subList(1, args.length), command.spec());
        } catch (UsageException e) {
            return usage(err, command, e.getMessage());
        }
        Session session = new Session(parsed, out, err);
        try {
            return command.run(parsed, session);
        } catch (UsageException e) {
            return usage(err, command, e.getMessage());
        } catch (InvalidParameter e) {
            return usage(err, command, "invalid " + command.optionFor(e.parameter()) + ": expected " + e.expected());
        } catch (MongoException e) {
            err.println("faultline: " + mongoProblem(e) + " [" + session.whereOrUnknown() + "]");
            return 1;
        } finally {
            session.close();
        }
    }

    private static int usage(PrintStream err, Command command, String problem) {
        err.println("faultline: " + problem);
        err.println(PREFIX + command.usage);
        return 2;
    }

    /** One line a person can act on; never the driver's stack trace, never a password. */
    static String mongoProblem(MongoException e) {
        if (e instanceof MongoTimeoutException) {
            return "cannot reach MongoDB (no server answered in time); check --uri or faultline.mongo.uri";
        }
        if (e instanceof MongoSecurityException) {
            return "MongoDB refused the credentials in the URI";
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return "MongoDB error: " + MongoUris.redact(newline < 0 ? message : message.substring(0, newline));
    }

    /** {@code version [--json]}: a trial's {@code version --json} printed the text line and ignored the option. */
    private static int version(String[] args, PrintStream out, PrintStream err) {
        boolean json = args.length == 2 && "--json".equals(args[1]);
        if (args.length > 1 && !json) {
            err.println("faultline: version takes no option but --json, not \"" + Text.cell(args[1], 40) + "\"");
            err.println(PREFIX + "version [--json]");
            return 2;
        }
        out.println(json ? new org.bson.Document("version", AgentVersion.get()).toJson() : "faultline " + AgentVersion.get());
        return 0;
    }

    private static int help(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            Command c = COMMANDS.get(args[1]);
            if (c == null) {
                err.println("faultline: no command \"" + Text.cell(args[1], 40) + "\"");
                return 2;
            }
            out.println(PREFIX + c.usage);
            out.println("  " + c.summary);
            return 0;
        }
        out.println(PREFIX + "<command> [options]");
        out.println();
        for (Command c : COMMANDS.values()) {
            out.printf("  %-10s %s%n", c.name, c.summary);
        }
        out.printf("  %-10s %s%n", "version", "print the agent's version");
        out.printf("  %-10s %s%n", "help", "this text; help <command> for a command's usage");
        out.println();
        out.println("Options of every command that reads MongoDB: --uri mongodb://... --database NAME --json");
        out.println("(default: the faultline.mongo.uri / faultline.mongo.database settings, as the agent reads them)");
        return 0;
    }
}
